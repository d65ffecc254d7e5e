#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the report goes: stdout (buffered; EPIPE stops the run cleanly) or a file written
/// atomically (a temporary file beside it, renamed over it when the run completes). A symbolic
/// link is written through (the file it names is replaced, the link stays); a device, FIFO or
/// socket (`--output /dev/stdout`) is written in place, as renaming a file over it would
/// replace it.
final class OutputSink {
    enum Failure: Error, CustomStringConvertible {
        /// The reader went away (`| head`): stop quietly.
        case brokenPipe
        case io(String)

        var description: String {
            switch self {
            case .brokenPipe: "the reader of the output went away (broken pipe)"
            case .io(let message): message
            }
        }
    }

    private let fd: Int32
    private let target: String?
    private let temporary: String?
    private var buffer: [UInt8] = []
    /// Flush after every write (interactive stdout).
    private let eager: Bool
    var isTTY: Bool { isatty(fd) == 1 }

    /// stdout.
    init() {
        fd = 1
        target = nil
        temporary = nil
        eager = isatty(1) == 1
    }

    /// A file, replaced atomically by `commit()` (see the type's note for links and devices).
    init(file given: String) throws(Failure) {
        var path = given
        var info = stat()
        if lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK, let real = realpath(path, nil) {
            path = String(cString: real)
            free(real)
        }
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG {
            let fd = open(path, O_WRONLY | O_CLOEXEC)
            guard fd >= 0 else { throw .io("cannot write \(given): \(String(cString: strerror(errno)))") }
            self.fd = fd
            target = given
            temporary = nil
            eager = false
            return
        }
        let slash = path.lastIndex(of: "/")
        let dir = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var template = Array("\(dir.isEmpty ? "/" : dir)/.\(name).payloadlint-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buf -> Int32 in buf.baseAddress.map { mkstemp($0) } ?? -1 }
        guard fd >= 0 else {
            throw .io("cannot write \(given): \(String(cString: strerror(errno)))")
        }
        self.fd = fd
        target = path
        temporary = template.withUnsafeBufferPointer { buf in buf.baseAddress.map { String(cString: $0) } ?? "" }
        eager = false
    }

    func write(_ text: String) throws(Failure) {
        guard !text.isEmpty else { return }
        buffer.append(contentsOf: text.utf8)
        if eager || buffer.count >= 1 << 16 { try flush() }
    }

    func write(_ bytes: ArraySlice<UInt8>) throws(Failure) {
        guard !bytes.isEmpty else { return }
        buffer.append(contentsOf: bytes)
        if eager || buffer.count >= 1 << 16 { try flush() }
    }

    func flush() throws(Failure) {
        guard !buffer.isEmpty else { return }
        defer { buffer.removeAll(keepingCapacity: true) }
        if !Console.writeAll(fd, &buffer) {
            if errno == EPIPE { throw .brokenPipe }
            throw .io("cannot write \(target ?? "to stdout"): \(String(cString: strerror(errno)))")
        }
    }

    /// Flushes; for a file, makes it the output (mode 0644 less the umask).
    func commit() throws(Failure) {
        try flush()
        guard let target else { return }
        guard let temporary else {
            // Written in place (a device, FIFO or socket).
            guard close(fd) == 0 else { throw .io("cannot write \(target): \(String(cString: strerror(errno)))") }
            return
        }
        let mask = umask(0)
        umask(mask)
        fchmod(fd, 0o666 & ~mask)
        guard fsync(fd) == 0 || errno == EINVAL, close(fd) == 0, rename(temporary, target) == 0 else {
            let message = String(cString: strerror(errno))
            unlink(temporary)
            throw .io("cannot write \(target): \(message)")
        }
    }

    /// Drops a file output that was not completed.
    func abandon() {
        guard let temporary else {
            if target != nil { close(fd) }
            return
        }
        close(fd)
        unlink(temporary)
    }
}
