import Foundation
import PayloadLint

/// Lints one input through a `LintStream`, chunk by chunk.
struct LintWorker: Sendable {
    let linter: PayloadLinter
    static let chunkSize = 1 << 18

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
                if !reports.isEmpty, !emit(fixRecords(reports)) { return nil }
            } else {
                whole += reports
            }
        }
        let rest = stream.finish()
        if unit.ndjson {
            _ = emit(fixRecords(rest))
        } else {
            _ = emit([merge(whole + rest, unit: unit)])
        }
        return nil
    }

    /// One payload: one report. (A stream may hand out a fatal error twice: once when it happens,
    /// again at `finish()`; identical findings are kept once.)
    func merge(_ reports: [Report], unit: InputUnit) -> Report {
        guard var merged = reports.first else {
            return Report(document: unit.document, file: unit.name, diagnostics: [])
        }
        var seen = Set<DiagnosticKey>(merged.diagnostics.map(DiagnosticKey.init))
        for r in reports.dropFirst() {
            for d in r.diagnostics where seen.insert(DiagnosticKey(d)).inserted {
                merged.diagnostics.append(d)
            }
        }
        return merged
    }

    /// NDJSON: a record that failed to parse may come without its record number; it is the
    /// line of its first finding.
    func fixRecords(_ reports: [Report]) -> [Report] {
        reports.map { r in
            guard r.record == nil, let line = r.diagnostics.first?.line, line > 0 else { return r }
            var r = r
            r.record = line
            for i in r.diagnostics.indices where r.diagnostics[i].record == nil { r.diagnostics[i].record = line }
            return r
        }
    }
}

private struct DiagnosticKey: Hashable {
    var code: String
    var offset: Int
    var message: String
    init(_ d: Diagnostic) {
        code = d.code.rawValue
        offset = d.source == .body ? d.offset : -1
        message = d.message
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
