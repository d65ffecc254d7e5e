import Foundation

/// Threads started before they have work, each parked until it is handed a closure to run.
///
/// Why: a thread created while every core is busy (the thread that lints an NDJSON file's first
/// block creating its helpers) is queued on its creator's core, and the scheduler moved it to the
/// core that fell idle only at its next load balancing: on PACE's 50 MB file the helper began
/// linting 0.07–3 ms after the first block (timestamps, eighteenth pass, BENCHMARKS.md). A parked
/// thread is woken instead, and a wakeup goes to an idle core at once (0.03–0.15 ms). Started
/// while the main thread waits for the rule document, they cost it no wall time.
///
/// At most as many threads as `prestart` asked for stay parked; any more that `run` starts
/// exit when their work is done, as plain threads would.
final class ThreadReserve: @unchecked Sendable {
    static let shared = ThreadReserve()

    /// The stack of the threads it starts (a rule document's deep schemas recurse).
    static let stackSize = 8 << 20

    private let cond = NSCondition()
    private var work: [@Sendable () -> Void] = []
    /// Threads waiting for work, or started to and not waiting yet.
    private var parked = 0
    /// How many may stay parked once their work is done.
    private var keep = 0

    /// Starts threads until `count` are parked, and lets that many stay parked.
    func prestart(_ count: Int) {
        cond.lock()
        let missing = count - parked
        parked = max(parked, count)
        keep = max(keep, count)
        cond.unlock()
        for _ in 0..<max(0, missing) { start(nil) }
    }

    /// Runs `body` on a parked thread, or on a new one when none is parked.
    func run(_ body: @escaping @Sendable () -> Void) {
        cond.lock()
        if parked > 0 {
            parked -= 1
            work.append(body)
            cond.signal()
            cond.unlock()
            return
        }
        cond.unlock()
        start(body)
    }

    private func start(_ first: (@Sendable () -> Void)?) {
        let thread = Thread { [self] in
            var next = first
            while true {
                if let body = next {
                    body()
                    // Not kept while parked: the closure holds what its work used (a file's
                    // blocks, a linter).
                    next = nil
                    cond.lock()
                    guard parked < keep else {
                        cond.unlock()
                        return
                    }
                    parked += 1
                    cond.unlock()
                }
                cond.lock()
                while work.isEmpty { cond.wait() }
                next = work.removeFirst()
                cond.unlock()
            }
        }
        thread.stackSize = ThreadReserve.stackSize
        thread.start()
    }
}
