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

    /// Where the bytes go once written.
    private enum Destination {
        case stdout
        /// Written where it is (a device, FIFO or socket); `name` as given.
        case inPlace(name: String)
        /// Written to `temporary`, renamed over `path` (a link resolved) at commit; `name` as given.
        case replacing(name: String, path: String, temporary: String)
    }

    private let fd: Int32
    private let destination: Destination
    private var buffer: [UInt8] = []
    /// Flush after every write (interactive stdout).
    private let eager: Bool
    var isTTY: Bool { isatty(fd) == 1 }

    /// stdout.
    init() {
        fd = 1
        destination = .stdout
        eager = isatty(1) == 1
    }

    /// A file, replaced atomically by `commit()` (see the type's note for links and devices).
    init(file name: String) throws(Failure) {
        var path = name
        var info = stat()
        if lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK, let real = realpath(path, nil) {
            path = String(cString: real)
            free(real)
        }
        eager = false
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG {
            fd = open(path, O_WRONLY | O_CLOEXEC)
            guard fd >= 0 else { throw .io("cannot write \(name): \(String(cString: strerror(errno)))") }
            destination = .inPlace(name: name)
            return
        }
        let slash = path.lastIndex(of: "/")
        let dir = slash.map { String(path[..<$0]) } ?? "."
        let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var template = Array("\(dir.isEmpty ? "/" : dir)/.\(base).payloadlint-XXXXXX".utf8CString)
        fd = template.withUnsafeMutableBufferPointer { buf -> Int32 in buf.baseAddress.map { mkstemp($0) } ?? -1 }
        guard fd >= 0 else { throw .io("cannot write \(name): \(String(cString: strerror(errno)))") }
        let temporary = template.withUnsafeBufferPointer { buf in buf.baseAddress.map { String(cString: $0) } ?? "" }
        destination = .replacing(name: name, path: path, temporary: temporary)
    }

    /// How messages name the output.
    private var name: String {
        switch destination {
        case .stdout: "to stdout"
        case .inPlace(let name), .replacing(let name, _, _): name
        }
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
            throw .io("cannot write \(name): \(String(cString: strerror(errno)))")
        }
    }

    /// Flushes; for a file, makes it the output (mode 0644 less the umask).
    func commit() throws(Failure) {
        try flush()
        switch destination {
        case .stdout:
            return
        case .inPlace(let name):
            guard close(fd) == 0 else { throw .io("cannot write \(name): \(String(cString: strerror(errno)))") }
        case .replacing(let name, let path, let temporary):
            let mask = umask(0)
            umask(mask)
            fchmod(fd, 0o666 & ~mask)
            guard fsync(fd) == 0 || errno == EINVAL, close(fd) == 0, rename(temporary, path) == 0 else {
                let message = String(cString: strerror(errno))
                unlink(temporary)
                throw .io("cannot write \(name): \(message)")
            }
        }
    }

    /// Drops a file output that was not completed.
    func abandon() {
        switch destination {
        case .stdout:
            return
        case .inPlace:
            close(fd)
        case .replacing(_, _, let temporary):
            close(fd)
            unlink(temporary)
        }
    }
}
