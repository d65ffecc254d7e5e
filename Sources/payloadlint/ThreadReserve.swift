import Foundation

/// Threads started before they have work, each parked until it is handed a closure to run.
///
/// Why: a thread created while every core is busy (the thread that lints an NDJSON file's first
/// block creating its helpers) is queued on a busy core, and the scheduler moved it to the core
/// that fell idle only at its next balancing, up to 3 ms later: on PACE's 50 MB file the helper
/// began linting 0.1–3 ms after the first block (measured with timestamps, eighteenth pass). A
/// parked thread is woken instead, and a wakeup goes to an idle core at once. Started while the
/// main thread waits for the rule document, their creation also costs no wall time.
final class ThreadReserve: @unchecked Sendable {
    static let shared = ThreadReserve()

    /// The stack of every thread the run starts (a rule document's deep schemas recurse).
    static let stackSize = 8 << 20

    private let cond = NSCondition()
    private var work: [@Sendable () -> Void] = []
    private var parked = 0

    /// Starts threads until `count` are parked or busy with work handed to them.
    func prestart(_ count: Int) {
        cond.lock()
        let missing = count - parked
        parked = max(parked, count)
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
                    cond.lock()
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
