import Foundation
import PayloadLint

/// Lints one input through a `LintStream`, chunk by chunk.
struct LintWorker: Sendable {
    let linter: PayloadLinter
    /// Threads for the records of one NDJSON file (1: read it as one stream).
    var recordJobs = 1
    static let chunkSize = 1 << 18
    /// NDJSON block size for parallel linting; a block ends at a newline.
    static let blockSize = 1 << 20

    /// Lints `unit`, handing reports to `emit` (false: stop). Returns a one-line error when the
    /// input could not be linted.
    func run(_ unit: InputUnit, emit: ([Report]) -> Bool) -> String? {
        let display = unit.path ?? "<stdin>"
        var previous: [UInt8]?
        if unit.document != nil {
            switch unit.previous {
            case .none: break
            case .file(let p):
                guard let data = FileManager.default.contents(atPath: p) else {
                    return "\(display): cannot read the previous version \(p)"
                }
                previous = Array(data)
            case .git(let revision):
                if let path = unit.path { previous = GitPrevious.show(revision: revision, path: path) }
            }
        }
        if unit.ndjson, recordJobs > 1, let path = unit.path {
            return runParallelNDJSON(unit, path: path, previous: previous, emit: emit)
        }
        let stream: LintStream
        do {
            stream = try linter.makeStream(document: unit.document, previous: previous, parameters: unit.parameters,
                                           file: unit.name, ndjson: unit.ndjson)
        } catch {
            return "\(display): \(error.message)"
        }
        let fd: Int32
        if let path = unit.path {
            fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { return "\(path): cannot open: \(String(cString: strerror(errno)))" }
            var st = stat()
            if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR {
                close(fd)
                return "\(path): is a folder"
            }
        } else {
            fd = 0
        }
        defer { if fd != 0 { close(fd) } }

        var whole: [Report] = []
        var buffer = [UInt8](repeating: 0, count: LintWorker.chunkSize)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return "\(display): read error: \(String(cString: strerror(errno)))"
            }
            if n == 0 { break }
            let reports = buffer.withUnsafeBytes { stream.feed(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
            if unit.ndjson {
                if !reports.isEmpty, !emit(reports) { return nil }
            } else {
                whole += reports
            }
        }
        let rest = stream.finish()
        if unit.ndjson {
            _ = emit(rest)
        } else {
            _ = emit([merge(whole + rest, unit: unit)])
        }
        return nil
    }

    /// An NDJSON file in blocks of whole lines, `recordJobs` blocks at a time, each through its own
    /// stream placed at the block's offset and line; reports come out in input order, and memory
    /// stays at `recordJobs` blocks.
    func runParallelNDJSON(_ unit: InputUnit, path: String, previous: [UInt8]?, emit: ([Report]) -> Bool) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return "\(path): cannot open: \(String(cString: strerror(errno)))"
        }
        defer { try? handle.close() }
        var carry: [UInt8] = []
        var offset = 0
        var line = 1
        var first = true
        var atEnd = false
        while !atEnd {
            // Read up to `recordJobs` blocks, each cut after its last newline.
            var blocks: [(bytes: [UInt8], offset: Int, line: Int)] = []
            while blocks.count < recordJobs && !atEnd {
                var block = carry
                carry = []
                let data: Data
                do {
                    data = try handle.read(upToCount: LintWorker.blockSize) ?? Data()
                } catch {
                    return "\(path): read error: \(error.localizedDescription)"
                }
                block.append(contentsOf: data)
                if data.isEmpty { atEnd = true }
                if !atEnd, let cut = block.lastIndex(of: UInt8(ascii: "\n")) {
                    carry = Array(block[(cut + 1)...])
                    block.removeSubrange((cut + 1)...)
                }
                if block.isEmpty { continue }
                blocks.append((block, offset, line))
                offset += block.count
                line += block.reduce(0) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
            }
            if blocks.isEmpty { break }
            let results = ResultSlots(count: blocks.count)
            let streamFirst = first
            let work = blocks
            DispatchQueue.concurrentPerform(iterations: work.count) { i in
                let b = work[i]
                do throws(LintError) {
                    let stream = try linter.makeStream(document: unit.document, previous: previous, parameters: unit.parameters,
                                                       file: unit.name, ndjson: true)
                    stream.setOrigin(offset: b.offset, line: b.line, reportParameters: streamFirst && i == 0)
                    var reports = b.bytes.withUnsafeBytes { stream.feed($0) }
                    reports += stream.finish()
                    results.set(i, .success(reports))
                } catch {
                    results.set(i, .failure(error))
                }
            }
            first = false
            for i in 0..<blocks.count {
                switch results.get(i) {
                case .success(let reports):
                    if !reports.isEmpty, !emit(reports) { return nil }
                case .failure(let error):
                    return "\(path): \(error.message)"
                case nil:
                    break
                }
            }
        }
        return nil
    }

    /// One payload: one report.
    func merge(_ reports: [Report], unit: InputUnit) -> Report {
        Report.combining(reports, document: unit.document, file: unit.name)
    }
}

/// The version of a file at a git revision.
enum GitPrevious {
    /// `git show REV:./name` in the file's folder; nil when the file does not exist at REV.
    static func show(revision: String, path: String) -> [UInt8]? {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let result = run(["show", "\(revision):./\(url.lastPathComponent)"], in: url.deletingLastPathComponent().path)
        return result?.status == 0 ? result?.output : nil
    }

    /// Whether REV names a commit (checked once before linting).
    static func verify(revision: String) -> Bool {
        run(["rev-parse", "--verify", "--quiet", "\(revision)^{commit}"], in: FileManager.default.currentDirectoryPath)?.status == 0
    }

    static func run(_ arguments: [String], in directory: String) -> (status: Int32, output: [UInt8])? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, Array(data))
    }
}

/// Results of parallel blocks, written by index from several threads.
private final class ResultSlots: @unchecked Sendable {
    private var slots: [Result<[Report], LintError>?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ value: Result<[Report], LintError>) {
        lock.lock()
        slots[i] = value
        lock.unlock()
    }

    func get(_ i: Int) -> Result<[Report], LintError>? {
        lock.lock()
        defer { lock.unlock() }
        return slots[i]
    }
}
