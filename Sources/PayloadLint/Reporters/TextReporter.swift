#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `path:line:col: error: message [code] at /pointer`, like a compiler, with the source line and a
/// caret under the offending value when the input is a regular file. Parameters (no position):
/// `path: error: message [code] at /uuid (path parameter)`.
public struct TextReporter: Reporter {
    public static let identifier = "text"
    private var lines = SourceLines()

    public init() {}

    public mutating func render(_ reports: [Report], run: RunInfo) -> String {
        var out = ""
        for report in reports {
            for d in report.diagnostics { out += format(d, report: report, run: run) }
        }
        return out
    }

    public mutating func end(run: RunInfo, summary: RunSummary) -> String {
        lines.close()
        guard summary.errors + summary.warnings + summary.infos > 0 else { return "" }
        let parts = [plural(summary.errors, "error"), plural(summary.warnings, "warning")]
            + (summary.infos > 0 ? [plural(summary.infos, "info")] : [])
        let text = parts.joined(separator: ", ")
            + " in \(plural(summary.files, "file")) (\(plural(summary.payloads, "payload")))"
        return (run.color ? "\u{1B}[1m" + text + "\u{1B}[0m" : text) + "\n"
    }

    mutating func format(_ d: Diagnostic, report: Report, run: RunInfo) -> String {
        let c = Colors(enabled: run.color)
        let file = d.file ?? report.file
        let name = displayName(file)
        let positioned = d.source == .body && d.line > 0
        let location = positioned ? "\(name):\(d.line):\(d.column):" : "\(name):"
        var where_ = d.pointer.isEmpty ? "" : " at \(d.pointer)"
        if d.source != .body { where_ += " (\(d.source.rawValue) parameter)" }
        if !positioned, let record = d.record ?? report.record { where_ += " (record at line \(record))" }
        var out = c.bold(location) + " " + c.severity(d.severity) + " " + d.message + " "
            + c.dim("[\(d.code.rawValue)]") + where_ + "\n"
        if positioned, run.excerpts, let file, file != "-", let excerpt = excerpt(file: file, line: d.line, column: d.column, c: c) {
            out += excerpt
        }
        if let related = d.related, related.line > 0 {
            out += c.bold("\(name):\(related.line):\(related.column):") + " " + c.note("note:") + " " + related.message + "\n"
        }
        return out
    }

    /// The source line (at most ~120 characters around the column) and a caret line.
    mutating func excerpt(file: String, line: Int, column: Int, c: Colors) -> String? {
        guard let bytes = lines.line(line, of: file) else { return nil }
        let caretByte = max(0, min(column - 1, bytes.count))
        // Window of the line around the caret, cut at UTF-8 scalar boundaries.
        let maxWidth = 120
        var start = 0
        var end = bytes.count
        var prefix = "", suffix = ""
        if bytes.count > maxWidth {
            start = max(0, caretByte - maxWidth / 2)
            while start > 0 && start < bytes.count && (bytes[start] & 0xC0) == 0x80 { start -= 1 }
            end = min(bytes.count, start + maxWidth)
            while end < bytes.count && (bytes[end] & 0xC0) == 0x80 { end += 1 }
            if start > 0 { prefix = "…" }
            if end < bytes.count { suffix = "…" }
        }
        let shown = String(decoding: bytes[start..<end], as: UTF8.self)
        var caret = prefix.isEmpty ? "" : " "
        let before = String(decoding: bytes[start..<max(start, caretByte)], as: UTF8.self)
        for ch in before.unicodeScalars {
            caret += ch == "\t" ? "\t" : (isControl(ch) ? "" : " ")
        }
        let cleaned = String(String.UnicodeScalarView(shown.unicodeScalars.compactMap { isControl($0) && $0 != "\t" ? nil : $0 }))
        return "  " + prefix + cleaned + suffix + "\n  " + caret + c.caret("^") + "\n"
    }

    private func isControl(_ u: Unicode.Scalar) -> Bool { u.value < 0x20 || u.value == 0x7F }
}

func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }

/// ANSI styling, or none.
struct Colors {
    var enabled: Bool
    func wrap(_ s: String, _ code: String) -> String { enabled ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
    func bold(_ s: String) -> String { wrap(s, "1") }
    func dim(_ s: String) -> String { wrap(s, "2") }
    func caret(_ s: String) -> String { wrap(s, "1;32") }
    func note(_ s: String) -> String { wrap(s, "1;36") }
    func severity(_ s: Severity) -> String {
        switch s {
        case .error: wrap("error:", "1;31")
        case .warning: wrap("warning:", "1;35")
        case .info: wrap("info:", "1;34")
        }
    }
}

/// Reads lines back from input files for excerpts. Keeps one file open with a forward cursor,
/// so reading the lines of a file's diagnostics in order costs one pass over the file.
struct SourceLines {
    private var path: String?
    private var fd: Int32 = -1
    private var regular = false
    /// The cursor: `buffer[bufferPos...]` begins line `cursorLine`.
    private var cursorLine = 1
    private var buffer: [UInt8] = []
    private var bufferPos = 0
    private var eof = false
    /// Longest line prefix kept (longer lines are cut: the excerpt is a window anyway).
    private let maxLineBytes = 1 << 16

    mutating func close() {
        if fd >= 0 { _ = Glibc_close(fd) }
        fd = -1
        path = nil
    }

    mutating func line(_ n: Int, of file: String) -> [UInt8]? {
        if path != file || n < cursorLine { reopen(file) }
        guard fd >= 0, regular else { return nil }
        while cursorLine < n {
            guard skipLine() else { return nil }
        }
        return readLine()
    }

    private mutating func reopen(_ file: String) {
        close()
        path = file
        cursorLine = 1
        buffer = []
        bufferPos = 0
        eof = false
        fd = open(file, O_RDONLY | O_CLOEXEC)
        var st = stat()
        regular = fd >= 0 && fstat(fd, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
    }

    private mutating func fill() -> Bool {
        if eof { return false }
        if bufferPos > 0 { buffer.removeSubrange(0..<bufferPos); bufferPos = 0 }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n <= 0 { eof = true; return false }
        buffer += chunk[0..<n]
        return true
    }

    /// Moves past the next newline.
    private mutating func skipLine() -> Bool {
        while true {
            if let i = buffer[bufferPos...].firstIndex(of: 0x0A) {
                bufferPos = i + 1
                cursorLine += 1
                return true
            }
            bufferPos = buffer.count
            guard fill() else { return false }
        }
    }

    /// The current line without its line break (not consumed).
    private mutating func readLine() -> [UInt8]? {
        while true {
            if let i = buffer[bufferPos...].firstIndex(of: 0x0A) {
                var line = Array(buffer[bufferPos..<i])
                if line.last == 0x0D { line.removeLast() }
                return line
            }
            if buffer.count - bufferPos >= maxLineBytes { return Array(buffer[bufferPos..<(bufferPos + maxLineBytes)]) }
            guard fill() else {
                return bufferPos < buffer.count || cursorLine > 0 ? Array(buffer[bufferPos...]) : nil
            }
        }
    }
}

@inline(__always) private func Glibc_close(_ fd: Int32) -> Int32 { close(fd) }
