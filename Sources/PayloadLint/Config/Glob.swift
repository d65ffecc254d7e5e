/// A path glob as written in `.payloadlint.yaml`:
/// `*` (any characters but `/`), `**` (any characters, `/` included; `**/` also matches nothing),
/// `?` (one character but `/`), `[abc]` / `[a-z]` / `[!abc]`, `{a,b}` (alternatives).
///
/// A pattern without `/` matches a file's name in any folder (`*.params.json`); a pattern with
/// `/` matches the path relative to the config file's folder (`payloads/pubnub/**`). A trailing
/// `/` or `/**` matches everything below a folder.
public struct Glob: Sendable, Hashable, CustomStringConvertible {
    public let pattern: String
    private let alternatives: [[UInt8]]
    public let matchesBasename: Bool

    public init(_ pattern: String) {
        var p = pattern
        if p.hasPrefix("./") { p.removeFirst(2) }
        if p.hasSuffix("/") { p += "**" }
        self.pattern = pattern
        self.matchesBasename = !p.contains("/")
        self.alternatives = Glob.expandBraces(Array(p.utf8))
    }

    public var description: String { pattern }

    /// Whether `path` (relative, `/`-separated) matches.
    public func matches(_ path: String) -> Bool {
        var path = path
        return path.withUTF8 { full in
            var subject = full
            if matchesBasename, let slash = full.lastIndex(of: UInt8(ascii: "/")) {
                subject = UnsafeBufferPointer(rebasing: full[(slash + 1)...])
            }
            return alternatives.contains { $0.withUnsafeBufferPointer { Glob.match($0, 0, subject, 0) } }
        }
    }

    static func expandBraces(_ p: [UInt8]) -> [[UInt8]] {
        guard let open = p.firstIndex(of: UInt8(ascii: "{")) else { return [p] }
        var depth = 0
        var close: Int?
        var commas: [Int] = []
        for i in open..<p.count {
            if p[i] == UInt8(ascii: "{") { depth += 1 }
            if p[i] == UInt8(ascii: "}") { depth -= 1; if depth == 0 { close = i; break } }
            if p[i] == UInt8(ascii: ","), depth == 1 { commas.append(i) }
        }
        guard let close else { return [p] }
        let bounds = [open] + commas + [close]
        var out: [[UInt8]] = []
        for k in 0..<(bounds.count - 1) {
            let piece = Array(p[..<open]) + Array(p[(bounds[k] + 1)..<bounds[k + 1]]) + Array(p[(close + 1)...])
            out += expandBraces(piece)
        }
        return out
    }

    /// Whether `p[pi...]` matches `s[si...]`. On indices into the bytes: slices of arrays cost a
    /// retain and a release per step, and excluding the shipped defaults (`*.expect.json`, …)
    /// was a sixth of linting 500 small files in one call.
    static func match(_ p: UnsafeBufferPointer<UInt8>, _ pi: Int, _ s: UnsafeBufferPointer<UInt8>, _ si: Int) -> Bool {
        var pi = pi
        var si = si
        while pi < p.count {
            let c = p[pi]
            switch c {
            case UInt8(ascii: "*"):
                if pi + 1 < p.count && p[pi + 1] == UInt8(ascii: "*") {
                    let rest = pi + 2
                    // `**/` may match no folder at all.
                    if rest < p.count && p[rest] == UInt8(ascii: "/") {
                        if match(p, rest + 1, s, si) { return true }
                    }
                    var t = si
                    while true {
                        if match(p, rest, s, t) { return true }
                        guard t < s.count else { return false }
                        t += 1
                    }
                }
                var t = si
                while true {
                    if match(p, pi + 1, s, t) { return true }
                    guard t < s.count, s[t] != UInt8(ascii: "/") else { return false }
                    t += 1
                }
            case UInt8(ascii: "?"):
                guard si < s.count, s[si] != UInt8(ascii: "/") else { return false }
                pi += 1
                si += 1
            case UInt8(ascii: "["):
                var close = -1
                if si < s.count, s[si] != UInt8(ascii: "/"), pi + 2 < p.count {
                    close = (pi + 2..<p.count).first { p[$0] == UInt8(ascii: "]") } ?? -1
                }
                guard close >= 0 else {
                    // No closing bracket: a literal `[`.
                    guard si < s.count, s[si] == c else { return false }
                    pi += 1
                    si += 1
                    continue
                }
                let f = s[si]
                var i = pi + 1
                let negate = p[i] == UInt8(ascii: "!") || p[i] == UInt8(ascii: "^")
                if negate { i += 1 }
                var found = false
                while i < close {
                    if i + 2 < close, p[i + 1] == UInt8(ascii: "-") {
                        if p[i] <= f && f <= p[i + 2] { found = true }
                        i += 3
                    } else {
                        if p[i] == f { found = true }
                        i += 1
                    }
                }
                guard found != negate else { return false }
                pi = close + 1
                si += 1
            default:
                guard si < s.count, s[si] == c else { return false }
                pi += 1
                si += 1
            }
        }
        return si == s.count
    }
}
