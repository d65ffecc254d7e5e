import Foundation
import PayloadLint

/// What a worker hands the consumer for one piece of an input, in input order.
enum Batch: Sendable {
    /// Reports the consumer settles, filters and renders.
    case reports([Report])
    /// Reports a worker already rendered (`PreRenderer`): the consumer writes the bytes.
    case rendered(RenderedBatch)

    /// Payloads in the batch.
    var count: Int {
        switch self {
        case .reports(let r): r.count
        case .rendered(let r): r.counts.payloads
        }
    }

    /// Whether the consumer only writes the batch's bytes (rendered, with no `unique:` claims
    /// to settle).
    var isBytesOnly: Bool {
        if case .rendered(let r) = self { return r.pending.isEmpty }
        return false
    }
}

/// Output of a batch of reports rendered on a worker thread, and the counts the run summary needs.
struct RenderedBatch: Sendable {
    /// The output of every report, in order.
    var bytes: [UInt8] = []
    /// Payloads, and findings by severity (before `--quiet` filtering; no files).
    var counts = RunSummary()
    /// Reports with `unique:` claims, which only the consumer can settle (in input order).
    var pending: [PendingReport] = []
    /// Their claims and their own findings as written (after `--quiet`: order key and bytes),
    /// one array each for the whole batch (`PendingReport` holds ranges).
    var claims = UniquenessLedger.ClaimBatch()
    var findings: [(key: (Int, Int), start: Int, end: Int)] = []
    /// The pending reports' (document, file) pairs, each once: a batch's reports share them, and
    /// a pair per report was two strings retained here and released on the consumer's thread.
    var names: [(document: String?, file: String?)] = []
}

/// A `jsonl` report whose `unique:` claims are settled by the consumer: its output is
/// `bytes[start..<end]` unless settling adds findings, which are then merged in among its
/// `findings` (a range of `RenderedBatch.findings`).
struct PendingReport: Sendable {
    var start: Int
    var end: Int
    /// Its document and file: `RenderedBatch.names[names]`.
    var names: Int
    var record: Int?
    var claims: Range<Int>
    var findings: Range<Int>
}

/// Lints inputs on worker threads and hands their reports to one consumer in input order.
///
/// Memory stays bounded: workers claim inputs at most `window` ahead of the one being
/// written out, and a worker whose input has `maxBuffered` reports waiting pauses until the
/// consumer takes them (so one huge NDJSON file streams through).
final class Pipeline: @unchecked Sendable {
    private let cond = NSCondition()
    private let count: Int
    private let window: Int
    private let maxBuffered: Int
    /// Batches of one input a coalescing `push` lets wait before waking the consumer.
    static let coalescedBatches = 4
    private var batches: [Int: [Batch]] = [:]
    private var buffered: [Int: Int] = [:]
    private var finished: [Int: String?] = [:]
    private var head = 0
    private var nextClaim = 0
    private var cancelled = false
    private var interruptedFlag = false

    // Progress figures (written by the consumer).
    private(set) var filesDone = 0
    private(set) var payloadsDone = 0

    init(count: Int, window: Int, maxBuffered: Int = 4096) {
        self.count = count
        self.window = max(1, window)
        self.maxBuffered = maxBuffered
    }

    var isInterrupted: Bool { cond.lock(); defer { cond.unlock() }; return interruptedFlag }

    // MARK: Workers

    /// The next input to lint, nil when there is none (or the run was stopped).
    func claim() -> Int? {
        cond.lock()
        defer { cond.unlock() }
        while !cancelled && nextClaim < count && nextClaim >= head + window { cond.wait() }
        guard !cancelled, nextClaim < count else { return nil }
        nextClaim += 1
        return nextClaim - 1
    }

    /// Hands over reports of input `i`; false when the run was stopped.
    ///
    /// `coalescing`: more batches of `i` follow at once (the blocks of a file linted in
    /// parallel), so a batch the consumer only writes out (`Batch.isBytesOnly`) wakes it only
    /// once `coalescedBatches` wait, or more than `maxBuffered` reports, or when `i` is
    /// finished. Why: with every core linting, each
    /// wakeup of the consumer preempted a linting thread, twice a block (eighteenth pass). A
    /// batch with claims to settle wakes it at once: put off, that work was left to the end of
    /// the run, alone (Frontier 32.1 -> 33.9 ms). Not for stdin, which is read in chunks as it
    /// comes and whose findings are handed over chunk by chunk.
    func push(_ i: Int, _ batch: consuming Batch, coalescing: Bool = false) -> Bool {
        let n = batch.count
        guard n > 0 else { return !isCancelled }
        let waits = coalescing && batch.isBytesOnly
        cond.lock()
        defer { cond.unlock() }
        batches[i, default: []].append(batch)
        buffered[i, default: 0] += n
        if !waits || batches[i, default: []].count >= Self.coalescedBatches || buffered[i, default: 0] > maxBuffered {
            cond.broadcast()
        }
        while !cancelled && buffered[i, default: 0] > maxBuffered { cond.wait() }
        return !cancelled
    }

    /// Input `i` is complete (`error`: it could not be linted).
    func finish(_ i: Int, error: String?) {
        cond.lock()
        finished[i] = .some(error)
        cond.broadcast()
        cond.unlock()
    }

    var isCancelled: Bool { cond.lock(); defer { cond.unlock() }; return cancelled }

    // MARK: Consumer

    /// The reports of input `i` so far; `done` once it is complete. nil when the run was stopped.
    func take(_ i: Int) -> (batches: [Batch], done: Bool, error: String?)? {
        cond.lock()
        defer { cond.unlock() }
        while !cancelled && batches[i] == nil && finished[i] == nil { cond.wait() }
        if cancelled { return nil }
        let taken = batches.removeValue(forKey: i) ?? []
        buffered[i] = 0
        cond.broadcast()
        if let error = finished[i] { return (taken, true, error) }
        return (taken, false, nil)
    }

    /// The consumer is done with input `i`.
    func advance(past i: Int, payloads: Int) {
        cond.lock()
        head = i + 1
        finished[i] = nil
        buffered[i] = nil
        filesDone += 1
        cond.broadcast()
        cond.unlock()
    }

    func countPayloads(_ n: Int) {
        cond.lock()
        payloadsDone += n
        cond.unlock()
    }

    func progress() -> (files: Int, payloads: Int) {
        cond.lock()
        defer { cond.unlock() }
        return (filesDone, payloadsDone)
    }

    /// Stops every worker (--max-errors, a closed stdout).
    func cancel() {
        cond.lock()
        cancelled = true
        cond.broadcast()
        cond.unlock()
    }

    /// SIGINT.
    func interrupt() {
        cond.lock()
        interruptedFlag = true
        cancelled = true
        cond.broadcast()
        cond.unlock()
    }
}

/// Progress on stderr (files done / total, payloads per second): only when stderr is a TTY and
/// the run has lasted more than a second.
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private var visible = false
    private var stopped = false
    private let total: Int
    private let pipeline: Pipeline
    private let start = Date()

    init(total: Int, pipeline: Pipeline) {
        self.total = total
        self.pipeline = pipeline
    }

    func start_() {
        let thread = Thread { [self] in
            while true {
                Thread.sleep(forTimeInterval: 0.25)
                lock.lock()
                if stopped { lock.unlock(); return }
                let elapsed = Date().timeIntervalSince(start)
                if elapsed > 1 {
                    let (files, payloads) = pipeline.progress()
                    let rate = Int(Double(payloads) / max(elapsed, 0.001))
                    Console.writeAll(2, "\r\u{1B}[K[\(files)/\(total) files] \(payloads) payloads, \(rate)/s")
                    visible = true
                }
                lock.unlock()
            }
        }
        thread.start()
    }

    /// Clears the line (before other output to the same terminal).
    func clear() {
        lock.lock()
        if visible { Console.writeAll(2, "\r\u{1B}[K"); visible = false }
        lock.unlock()
    }

    func stop() {
        lock.lock()
        stopped = true
        if visible { Console.writeAll(2, "\r\u{1B}[K"); visible = false }
        lock.unlock()
    }
}
