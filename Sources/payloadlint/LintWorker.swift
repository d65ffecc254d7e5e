import Foundation
import JSONStream
import PayloadLint

/// Lints one input through a `LintStream`, chunk by chunk.
struct LintWorker: Sendable {
    /// Makes the batch handed to the consumer, on the thread that linted them, of: reports, how
    /// many clean records had none (`omitClean`), and the batch of gathered claims the reports
    /// point into (`gatherClaims`; nil: reports carry their own).
    typealias Prepare = @Sendable (consuming [Report], Int, UniquenessLedger.ClaimBatch?) -> Batch

    let linter: PayloadLinter
    /// Threads for the records of one NDJSON file (1: read it as one stream).
    var recordJobs = 1
    /// NDJSON block size for parallel linting; a block ends at a newline. A quarter megabyte: the
    /// thread that reads a block lints it, and a block well inside its core's L2 cache (1 MB
    /// here) is still there when linted; with four blocks per thread in flight, the threads
    /// also wait less on each other. Against 1 MB blocks and two per thread: Frontier 33.8 ->
    /// 32.5 ms, PACE 66.8 -> 64.7 ms (BENCHMARKS.md, fifteenth pass).
    static let blockSize = 1 << 18

    /// Lints `unit`, handing its reports, made into batches by `prepare` (on the thread that linted
    /// them), to `emit` in input order (false: stop). Returns a one-line error when the input could
    /// not be linted.
    ///
    /// With `omitClean`, NDJSON records with nothing to report get no report
    /// (`LintStream.omitsCleanReports`): `prepare` receives how many there were beside the reports.
    /// For outputs that write nothing for them. With `gatherClaims`, the `unique:` claims of NDJSON
    /// records are gathered (`LintStream.gathersUniqueClaims`): `prepare` receives the batch their
    /// reports point into (otherwise nil, and reports carry their own).
    func run(_ unit: InputUnit, omitClean: Bool = false, gatherClaims: Bool = false, prepare: @escaping Prepare,
             emit: (Batch) -> Bool) -> String? {
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
        if splitsIntoBlocks(unit), let path = unit.path {
            return runParallelNDJSON(unit, path: path, previous: previous, omitClean: omitClean, gatherClaims: gatherClaims,
                                     prepare: prepare, emit: emit)
        }
        let stream: LintStream
        do {
            stream = try linter.makeStream(document: unit.document, previous: previous, parameters: unit.parameters,
                                           file: unit.name, ndjson: unit.ndjson)
        } catch {
            return "\(display): \(error.message)"
        }
        stream.omitsCleanReports = omitClean && unit.ndjson
        let gathers = gatherClaims && unit.ndjson
        stream.gathersUniqueClaims = gathers
        let fd: Int32
        var size: Int?  // a regular file's (`PayloadLinter.readRoom`)
        if let path = unit.path {
            fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { return "\(path): cannot open: \(String(cString: strerror(errno)))" }
            var st = stat()
            if fstat(fd, &st) == 0 {
                if (st.st_mode & S_IFMT) == S_IFDIR {
                    close(fd)
                    return "\(path): is a folder"
                }
                if (st.st_mode & S_IFMT) == S_IFREG { size = Int(st.st_size) }
            }
        } else {
            fd = 0
        }
        defer { if fd != 0 { close(fd) } }

        // NDJSON: the reports of one feed, with the clean records and gathered claims that came
        // with them, handed to `emit` when there is anything; false: stop.
        func handOver(_ reports: consuming [Report]) -> Bool {
            let clean = stream.takeOmittedCleanReports()
            let claims = gathers ? stream.takeUniqueClaims() : nil
            guard !reports.isEmpty || clean > 0 || claims?.unreported.isEmpty == false else { return true }
            return emit(prepare(reports, clean, claims))
        }
        var whole: [Report] = []
        var buffer = [UInt8](repeating: 0, count: PayloadLinter.readRoom(forFileOfSize: size))
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return "\(display): read error: \(String(cString: strerror(errno)))"
            }
            if n == 0 { break }
            let reports = buffer.withUnsafeBytes { stream.feed(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
            if unit.ndjson {
                guard handOver(reports) else { return nil }
            } else {
                whole += reports
            }
        }
        let rest = stream.finish()
        if unit.ndjson {
            _ = handOver(rest)
        } else {
            _ = emit(prepare([merge(whole + rest, unit: unit)], 0, nil))
        }
        return nil
    }

    /// Record jobs when `inputs` inputs are linted with `jobs` jobs: all of them with fewer
    /// inputs than jobs (a large NDJSON file is then split into blocks linted in parallel).
    static func recordJobs(inputs: Int, jobs: Int) -> Int { inputs < jobs ? jobs : 1 }

    /// Whether `run` lints `unit` in blocks on several threads (`runParallelNDJSON`): an NDJSON
    /// file (not stdin) with more than one record job.
    static func splitsIntoBlocks(_ unit: InputUnit, recordJobs: Int) -> Bool {
        unit.ndjson && recordJobs > 1 && unit.path != nil
    }

    func splitsIntoBlocks(_ unit: InputUnit) -> Bool { Self.splitsIntoBlocks(unit, recordJobs: recordJobs) }

    /// An NDJSON file in blocks of whole lines, each through its own stream placed at the block's
    /// offset and line. `recordJobs` threads (this one and helpers) each take the next block as
    /// soon as they are free; results are handed to `emit` in block order by this thread. Memory
    /// stays at `4 × recordJobs` blocks in flight (read, linted or waiting for their turn).
    func runParallelNDJSON(_ unit: InputUnit, path: String, previous: [UInt8]?, omitClean: Bool, gatherClaims: Bool,
                           prepare: @escaping Prepare, emit: (Batch) -> Bool) -> String?
    {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return "\(path): cannot open: \(String(cString: strerror(errno)))" }
        defer { close(fd) }
        let blocks = BlockQueue(fd: fd, maxInFlight: 4 * recordJobs)
        let linter = linter
        @Sendable func lint(_ b: BlockQueue.Block, with linter: PayloadLinter, file: String) -> BlockQueue.Outcome {
            do throws(LintError) {
                let stream = try linter.makeStream(document: unit.document, previous: previous, parameters: unit.parameters,
                                                   file: file, ndjson: true)
                stream.setOrigin(offset: b.offset, line: b.line, reportParameters: b.index == 0)
                stream.omitsCleanReports = omitClean
                stream.gathersUniqueClaims = gatherClaims
                var reports = stream.feed(b.buffer.bytes)
                reports += stream.finish()
                blocks.recycle(b.buffer)
                let claims = gatherClaims ? stream.takeUniqueClaims() : nil
                return .batch(prepare(consume reports, stream.takeOmittedCleanReports(), claims))
            } catch {
                return .lintError(error)
            }
        }
        let helpers = DispatchGroup()
        for _ in 1..<recordJobs {
            helpers.enter()
            ThreadReserve.shared.run {
                // Objects of its own for what every record retains and releases: the compiled
                // rules and the file name (see `PayloadLinter.replica`).
                let own = linter.replica(of: unit.document.map { [$0] } ?? [])
                let file = unit.name.unsharedCopy
                while let b = blocks.claim() { blocks.deliver(b.index, lint(b, with: own, file: file)) }
                helpers.leave()
            }
        }
        defer {
            blocks.stop()
            helpers.wait()
        }
        // This thread hands results out in order, and lints a block while the next result is not ready.
        while let step = blocks.next() {
            switch step {
            case .block(let b):
                blocks.deliver(b.index, lint(b, with: linter, file: unit.name))
            case .outcome(.batch(let batch)):
                if batch.count > 0, !emit(batch) { return nil }
            case .outcome(.lintError(let error)):
                return "\(path): \(error.message)"
            case .outcome(.readError(let message)):
                return "\(path): read error: \(message)"
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

/// The blocks of one NDJSON file: read in order (under the lock, cut after a line's end), linted
/// by any thread, their outcomes handed out in order. At most `maxInFlight` blocks are between
/// being read and being handed out.
private final class BlockQueue: @unchecked Sendable {
    struct Block: Sendable {
        var index: Int
        var buffer: BlockBuffer
        var offset: Int
        var line: Int
    }

    enum Outcome: Sendable {
        case batch(Batch)
        case lintError(LintError)
        case readError(String)
    }

    enum Step {
        /// Lint this block, then `deliver` its outcome.
        case block(Block)
        /// The next outcome in order.
        case outcome(Outcome)
    }

    private let cond = NSCondition()
    private let fd: Int32
    private let maxInFlight: Int
    private var carry: [UInt8] = []
    /// Buffers of blocks already linted, for the next blocks to be read into.
    private var spare: [BlockBuffer] = []
    private var offset = 0
    private var line = 1
    private var atEnd = false
    private var stopped = false
    /// Blocks read so far; the next to hand out.
    private var blocksRead = 0
    private var handedOut = 0
    private var outcomes: [Int: Outcome] = [:]

    /// The file's size when it is a regular file (for the last blocks' size).
    private let fileSize: Int?

    init(fd: Int32, maxInFlight: Int) {
        self.fd = fd
        self.maxInFlight = max(1, maxInFlight)
        var info = stat()
        fileSize = fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG ? Int(info.st_size) : nil
    }

    /// The size a block holding `carried` bytes of a record already is filled up to: its whole
    /// `capacity`, except over a file's last four blocks' worth, where a block that starts with
    /// less than half a block of carry gets a quarter block of new bytes. Why: the thread that
    /// hands outcomes out in order finishes the last ones alone once the others are done (up to
    /// `maxInFlight` of them: on Frontier's corpus, whose `not_unique` lines that thread writes,
    /// some 4 ms alone at the end), and a thread may wait for the last block of another. A record
    /// longer than half a block is read on into the whole (doubled) capacity, as elsewhere: a
    /// quarter block at a time, its carry was copied over and over (quadratic in its length).
    private func fillTarget(carried: Int, capacity: Int) -> Int {
        guard let size = fileSize, carried < LintWorker.blockSize / 2,
              size &- (offset &+ carried) <= 4 * LintWorker.blockSize
        else { return capacity }
        return min(capacity, carried &+ LintWorker.blockSize / 4)
    }

    /// The next block to lint (helpers); nil when there is none left or the run stopped.
    func claim() -> Block? {
        cond.lock()
        defer { cond.unlock() }
        while true {
            if stopped || atEnd { return nil }
            if blocksRead < handedOut + maxInFlight { return readBlock() ?? nil }
            cond.wait()
        }
    }

    /// For the thread that hands outcomes out: the next outcome in order if it is ready, else a
    /// block to lint, else waits; nil at the end.
    func next() -> Step? {
        cond.lock()
        defer { cond.unlock() }
        while true {
            if let outcome = outcomes.removeValue(forKey: handedOut) {
                handedOut += 1
                cond.broadcast()
                return .outcome(outcome)
            }
            if stopped { return nil }
            if !atEnd, blocksRead < handedOut + maxInFlight {
                switch readBlock() {
                case .some(.some(let b)): return .block(b)
                case .some(.none): continue  // a read error, now an outcome
                case .none: break  // the end
                }
            }
            if atEnd && handedOut == blocksRead { return nil }
            cond.wait()
        }
    }

    func deliver(_ index: Int, _ outcome: Outcome) {
        cond.lock()
        outcomes[index] = outcome
        cond.broadcast()
        cond.unlock()
    }

    func stop() {
        cond.lock()
        stopped = true
        cond.broadcast()
        cond.unlock()
    }

    /// A linted block's buffer, to be read into again: a fresh buffer per block was a block's
    /// worth of first-touch page faults (pages zeroed by the kernel) per block.
    func recycle(_ buffer: BlockBuffer) {
        cond.lock()
        keepSpare(buffer)
        cond.unlock()
    }

    /// Keeps `buffer` for a later block (lock held), up to a buffer per block in flight.
    private func keepSpare(_ buffer: BlockBuffer) {
        if spare.count < maxInFlight { spare.append(buffer) }
    }

    /// Reads the next block (lock held): nil at the end; .some(nil) after a read error (stored as
    /// the next outcome).
    private func readBlock() -> Block?? {
        while !atEnd {
            let had = carry.count
            var eof = false
            var failure: String?
            let block = spare.popLast() ?? BlockBuffer()
            // The carried start of a record and the bytes read after it fill one block size, so
            // that a recycled buffer is always big enough (a block of `had` + a block size outgrew
            // the previous one whenever the carry grew: a fresh block of page faults each time).
            // A record longer than half a block: the next read doubles it (no quadratic copying).
            block.reset(capacity: had < LintWorker.blockSize / 2 ? LintWorker.blockSize : 2 * had)
            carry.withUnsafeBytes { block.append($0) }
            let target = fillTarget(carried: had, capacity: block.capacity)
            while block.count < target {
                let n = Glibc.read(fd, block.end, target - block.count)
                if n > 0 {
                    block.count += n
                    continue
                }
                if n == 0 { eof = true; break }
                if errno == EINTR { continue }
                failure = String(cString: strerror(errno))
                break
            }
            carry = []
            if let failure {
                atEnd = true
                outcomes[blocksRead] = .readError(failure)
                blocksRead += 1
                return .some(nil)
            }
            if eof {
                atEnd = true
                if block.count == 0 { return nil }
            } else if let cut = JSONReader.lastNewline(in: block.bytes) {
                carry = Array(block.bytes[(cut + 1)...])
                block.count = cut + 1
            } else {
                carry = Array(block.bytes)  // a record longer than a block: read on
                keepSpare(block)
                continue
            }
            let b = Block(index: blocksRead, buffer: block, offset: offset, line: line)
            blocksRead += 1
            offset += block.count
            line += JSONReader.newlineCount(in: block.bytes)
            return .some(b)
        }
        return nil
    }
}

/// The bytes of one block, in memory kept from block to block (`BlockQueue.recycle`). Used by
/// one thread at a time: the reader fills it under the queue's lock, then one linter reads it.
final class BlockBuffer: @unchecked Sendable {
    private var base: UnsafeMutableRawPointer
    private(set) var capacity = 0
    var count = 0

    init() { base = .allocate(byteCount: 1, alignment: 16) }

    deinit { base.deallocate() }

    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }
    var end: UnsafeMutableRawPointer { base + count }
    var room: Int { capacity - count }

    /// Empties the buffer and makes it hold `capacity` bytes (at least).
    func reset(capacity wanted: Int) {
        count = 0
        guard wanted > capacity else { return }
        base.deallocate()
        base = .allocate(byteCount: wanted, alignment: 16)
        capacity = wanted
    }

    func append(_ p: UnsafeRawBufferPointer) {
        guard let from = p.baseAddress, p.count > 0 else { return }
        precondition(p.count <= room, "BlockBuffer: appended past its capacity")
        (base + count).copyMemory(from: from, byteCount: p.count)
        count += p.count
    }
}
