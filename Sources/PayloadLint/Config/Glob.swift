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
        var subject = Array(path.utf8)
        if matchesBasename, let slash = subject.lastIndex(of: UInt8(ascii: "/")) {
            subject = Array(subject[(slash + 1)...])
        }
        return alternatives.contains { Glob.match($0[...], subject[...]) }
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

    static func match(_ p: ArraySlice<UInt8>, _ s: ArraySlice<UInt8>) -> Bool {
        var p = p
        var s = s
        while let c = p.first {
            switch c {
            case UInt8(ascii: "*"):
                if p.dropFirst().first == UInt8(ascii: "*") {
                    let rest = p.dropFirst(2)
                    // `**/` may match no folder at all.
                    if rest.first == UInt8(ascii: "/") {
                        if match(rest.dropFirst(), s) { return true }
                    }
                    var t = s
                    while true {
                        if match(rest, t) { return true }
                        guard !t.isEmpty else { return false }
                        t = t.dropFirst()
                    }
                }
                let rest = p.dropFirst()
                var t = s
                while true {
                    if match(rest, t) { return true }
                    guard let f = t.first, f != UInt8(ascii: "/") else { return false }
                    t = t.dropFirst()
                }
            case UInt8(ascii: "?"):
                guard let f = s.first, f != UInt8(ascii: "/") else { return false }
                p = p.dropFirst()
                s = s.dropFirst()
            case UInt8(ascii: "["):
                guard let f = s.first, f != UInt8(ascii: "/"),
                      let close = p.dropFirst(2).firstIndex(of: UInt8(ascii: "]")) else {
                    // No closing bracket: a literal `[`.
                    guard s.first == c else { return false }
                    p = p.dropFirst(); s = s.dropFirst(); continue
                }
                var set = p[(p.startIndex + 1)..<close]
                let negate = set.first == UInt8(ascii: "!") || set.first == UInt8(ascii: "^")
                if negate { set = set.dropFirst() }
                var found = false
                var i = set.startIndex
                while i < set.endIndex {
                    if i + 2 < set.endIndex, set[i + 1] == UInt8(ascii: "-") {
                        if set[i] <= f && f <= set[i + 2] { found = true }
                        i += 3
                    } else {
                        if set[i] == f { found = true }
                        i += 1
                    }
                }
                guard found != negate else { return false }
                p = p[(close + 1)...]
                s = s.dropFirst()
            default:
                guard s.first == c else { return false }
                p = p.dropFirst()
                s = s.dropFirst()
            }
        }
        return s.isEmpty
    }
}
