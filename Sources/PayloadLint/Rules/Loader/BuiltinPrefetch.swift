import Foundation

/// Built-in rule documents read ahead of need, on a thread of their own.
///
/// Why: a process that lints one small file spends about as long reading its built-in rule
/// file (YAML parsing and schema building, 1.3 ms for PACE's) as parsing its command line, one
/// after the other. A caller that can guess the documents early (the CLI scans its arguments
/// for `--document` before parsing them) starts the read here; `RuleSetLoader` then takes the
/// result instead of reading the same files again, and a guess that turns out wrong costs only
/// the other thread's time: its result is never used.
enum BuiltinPrefetch {
    /// One read under way or done, for exactly the documents `only`.
    private final class Read: @unchecked Sendable {
        let only: Set<String>
        // Written once on the reading thread before `done` is signalled; read after waiting.
        var result: RuleSetLoader.CompiledLoad?
        let done = DispatchSemaphore(value: 0)

        init(only: Set<String>) { self.only = only }
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var pending: [Read] = []
    /// Reads kept for taking at most: a read never asked for is dropped when newer ones come, so
    /// that a library caller's wrong guesses do not keep rule documents alive for ever.
    static let maxPending = 4

    /// Starts reading the built-in documents `only` unless a read of them is already pending.
    static func start(only: Set<String>) {
        let read = Read(only: only)
        lock.lock()
        defer { lock.unlock() }
        guard !pending.contains(where: { $0.only == only }) else { return }
        if pending.count >= maxPending { pending.removeFirst() }
        pending.append(read)
        let thread = Thread {
            // Compiled too (regexes and all): a few hundred microseconds more off the caller's way.
            read.result = RuleSetLoader.CompiledLoad(RuleSetLoader.readBuiltin(only: only, onLargeStack: true))
            read.done.signal()
        }
        thread.stackSize = RuleLoader.stackSize
        thread.start()
    }

    /// The result of a pending read of exactly `only` (waiting for it to finish), nil when none
    /// was started. Each read is taken once.
    static func take(only: Set<String>) -> RuleSetLoader.CompiledLoad? {
        lock.lock()
        guard let k = pending.firstIndex(where: { $0.only == only }) else {
            lock.unlock()
            return nil
        }
        let read = pending.remove(at: k)
        lock.unlock()
        read.done.wait()
        return read.result
    }
}

extension PayloadLinter {
    /// Starts reading the built-in rule documents `documents` on another thread, so that a later
    /// `PayloadLinter(rules: .builtin, documents: documents)` (or `.builtinAnd`) in this process
    /// finds them read. For callers that know the documents before they can build the linter
    /// (a command line not parsed yet); a read that is never asked for is simply not used.
    public static func prefetchBuiltinRules(documents: Set<String>) {
        BuiltinPrefetch.start(only: documents)
    }
}
