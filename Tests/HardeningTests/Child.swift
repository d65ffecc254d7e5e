import Foundation
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// Runs the built `payloadlint` in a child process, feeding its stdin from a generator and
/// measuring its peak resident memory: under `/usr/bin/time -f %M` when installed (the exact
/// figure), else VmHWM in /proc/<pid>/status polled every millisecond until the child exits.
/// (wait4's own ru_maxrss cannot be used: a `posix_spawn`ed child shares this process's address
/// space until exec, so its figure starts at this test process's high-water mark.)
enum Child {
    static let packageRoot = BuiltBinary.packageRoot
    static let binary = BuiltBinary.payloadlint

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        /// Peak resident set size of the child, in bytes.
        var peakRSS: Int
        /// Bytes the generator got into the child's stdin.
        var written: Int
        var peakRSSMB: Double { Double(peakRSS) / 1_048_576 }
    }

    /// Writes to the child's stdin; stops quietly when the child closed it.
    final class Writer {
        let fd: Int32
        /// The child's process id (to signal it).
        let pid: pid_t
        private(set) var written = 0
        private(set) var closedByReader = false
        init(fd: Int32, pid: pid_t) {
            self.fd = fd
            self.pid = pid
        }

        /// Writes all of `bytes` (false once the reader went away).
        @discardableResult
        func write(_ bytes: UnsafeRawBufferPointer) -> Bool {
            var at = 0
            while at < bytes.count && !closedByReader {
                let n = Glibc.write(fd, bytes.baseAddress! + at, bytes.count - at)
                if n < 0 {
                    if errno == EINTR { continue }
                    closedByReader = true  // EPIPE
                    break
                }
                at += n
                written += n
            }
            return !closedByReader
        }

        @discardableResult
        func write(_ bytes: [UInt8]) -> Bool { bytes.withUnsafeBytes { write($0) } }
        @discardableResult
        func write(_ text: String) -> Bool { write(Array(text.utf8)) }

        /// Writes `block` `times` times.
        @discardableResult
        func repeatWrite(_ block: [UInt8], times: Int) -> Bool {
            block.withUnsafeBytes { raw in
                for _ in 0..<times where !write(raw) { return false }
                return true
            }
        }
    }

    /// Runs `payloadlint arguments…` with the generator writing its stdin.
    ///
    /// - Parameter measure: run it under `/usr/bin/time` (when installed) for an exact peak; pass
    ///   false to signal payloadlint itself through `Writer.pid` (time would take the signal).
    static func run(_ arguments: [String], cwd: URL? = nil, measure: Bool = true, generate: (Writer) -> Void) throws -> Result {
        signal(SIGPIPE, SIG_IGN)
        let dir = FileManager.default.temporaryDirectory
        let tag = "payloadlint-child-\(getpid())-\(UUID().uuidString)"
        let outPath = dir.appendingPathComponent(tag + ".out").path
        let errPath = dir.appendingPathComponent(tag + ".err").path
        defer {
            unlink(outPath)
            unlink(errPath)
        }
        var fds: [Int32] = [0, 0]
        // Close-on-exec: tests run in parallel, and a child spawned by another test must not
        // inherit this pipe's write end — it would keep this child's stdin open (no EOF), and
        // two such children wait for each other forever. (dup2 onto fd 0 clears the flag there.)
        guard systemPipe2(&fds, O_CLOEXEC) == 0 else { throw POSIXError(.EMFILE) }
        let (readEnd, writeEnd) = (fds[0], fds[1])

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, readEnd, 0)
        posix_spawn_file_actions_addclose(&actions, readEnd)
        posix_spawn_file_actions_addclose(&actions, writeEnd)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // The child starts with SIGPIPE at its default disposition, as from a shell.
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attr, &defaults)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGDEF))

        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        // A working folder through the shell (`exec` keeps the pid, so wait4 still measures
        // payloadlint itself).
        let rssPath = dir.appendingPathComponent(tag + ".rss").path
        defer { unlink(rssPath) }
        let timed = measure && FileManager.default.isExecutableFile(atPath: "/usr/bin/time")
        let command = (timed ? ["/usr/bin/time", "-f", "%M", "-o", rssPath] : []) + [binary] + arguments
        let argv = cwd.map { ["/bin/sh", "-c", "cd \"$1\" || exit 127; shift; exec \"$@\"", "sh", $0.path] + command }
            ?? command
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        var cEnv: [UnsafeMutablePointer<CChar>?] = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in cArgs { free(p) }
            for p in cEnv { free(p) }
        }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, argv[0], &actions, &attr, &cArgs, &cEnv)
        close(readEnd)
        guard rc == 0 else {
            close(writeEnd)
            throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .ENOENT)
        }
        // Peak memory: VmHWM of the child's own address space, polled until it exits. (wait4's
        // ru_maxrss cannot be used: posix_spawn's vfork-style child shares this process's address
        // space until exec, so its ru_maxrss starts at this test process's high-water mark.)
        let poller = PeakPoller(pid: pid)
        let writer = Writer(fd: writeEnd, pid: pid)
        generate(writer)
        close(writeEnd)

        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) < 0 && errno == EINTR {}
        let peak = poller.stop()
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let exit: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let out = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        // /usr/bin/time's figure (its child's ru_maxrss: time itself is small, so the child's
        // starts clean) when it ran; else the polled VmHWM; else wait4's figure, an upper bound.
        var measured = peak ?? usage.ru_maxrss * 1024
        if timed, let text = try? String(contentsOfFile: rssPath, encoding: .utf8),
           let kb = text.split(separator: "\n").last.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) })
        {
            measured = kb * 1024
        }
        return Result(status: exit, stdout: out, stderr: err, peakRSS: measured, written: writer.written)
    }

    /// Runs `payloadlint arguments…` with `stdin` as its input.
    static func run(_ arguments: [String], cwd: URL? = nil, stdin: Data) throws -> Result {
        try run(arguments, cwd: cwd) { w in
            stdin.withUnsafeBytes { _ = w.write($0) }
        }
    }
}

/// Polls a process's VmHWM (peak resident set of its current address space) on a thread.
final class PeakPoller: @unchecked Sendable {
    private let lock = NSLock()
    private var running = true
    private var peak: Int? = nil
    private let done = DispatchSemaphore(value: 0)

    init(pid: pid_t) {
        let path = "/proc/\(pid)/status"
        Thread.detachNewThread { [self] in
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                lock.lock()
                let go = running
                lock.unlock()
                guard go else { break }
                if let kb = Self.vmHWM(path, &buffer) {
                    lock.lock()
                    peak = max(peak ?? 0, kb * 1024)
                    lock.unlock()
                }
                usleep(1000)
            }
            done.signal()
        }
    }

    /// Stops polling; the highest VmHWM seen (nil when the process was never seen running).
    func stop() -> Int? {
        lock.lock()
        running = false
        lock.unlock()
        done.wait()
        lock.lock()
        defer { lock.unlock() }
        return peak
    }

    static func vmHWM(_ path: String, _ buffer: inout [UInt8]) -> Int? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard n > 0 else { return nil }
        let text = String(decoding: buffer[0..<n], as: UTF8.self)
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
        return Int(line.dropFirst(6).filter { $0.isNumber })
    }
}

/// glibc's `pipe2` (not exported by the Glibc module): a pipe whose ends are close-on-exec from
/// the start, with no window for a concurrent spawn to inherit them.
@_silgen_name("pipe2")
private func systemPipe2(_ fds: UnsafeMutablePointer<Int32>, _ flags: Int32) -> Int32
