import Testing
@testable import PayloadLint
import TestSupport

@Suite struct GlobTests {
    @Test func documentedForms() {
        let cases: [(String, String, Bool)] = [
            ("*.params.json", "a/b/x.params.json", true), ("*.params.json", "x.params.jsonl", false),
            ("*.expected.*", "deep/x.expected.jsonl", true), ("payloads/pubnub/**", "payloads/pubnub/a/b.json", true),
            ("payloads/pubnub/**", "payloads/pace/a.json", false), ("legacy/", "legacy/x/y.json", true),
            ("**/x.json", "x.json", true), ("**/x.json", "a/b/x.json", true), ("a/*/c.json", "a/b/c.json", true),
            ("a/*/c.json", "a/b/d/c.json", false), ("a/?.json", "a/b.json", true), ("a/?.json", "a/bc.json", false),
            ("[ab].json", "a.json", true), ("[!ab].json", "a.json", false), ("[!ab].json", "c.json", true),
            ("[a-c]x", "bx", true), ("[a-c]x", "dx", false), ("[^a]x", "bx", true), ("{a,b}.json", "b.json", true),
            ("{a,b}.json", "c.json", false), ("x/{a,b/c}/y", "x/b/c/y", true), ("[abc", "[abc", true),
            ("[abc", "a", false), ("./a/*.json", "a/b.json", true), ("*", "", true), ("?", "", false),
            ("a/[/]b", "a//b", false),
        ]
        for (pattern, path, expected) in cases {
            #expect(Glob(pattern).matches(path) == expected, "\(pattern) ~ \(path)")
        }
    }

    /// Random patterns and paths over a small alphabet agree with a plain recursive matcher on
    /// array slices (the implementation before matching moved to buffer indices).
    @Test func agreesWithASliceMatcher() {
        var random = SplitMix64(seed: 7)
        let patternBytes = Array("ab/*?[]!-^.".utf8)
        let pathBytes = Array("ab/.[]-".utf8)
        for _ in 0..<20_000 {
            let p = (0..<random.below(9)).map { _ in patternBytes[random.below(patternBytes.count)] }
            let s = (0..<random.below(9)).map { _ in pathBytes[random.below(pathBytes.count)] }
            let fast = p.withUnsafeBufferPointer { pb in s.withUnsafeBufferPointer { Glob.match(pb, 0, $0, 0) } }
            #expect(fast == Self.reference(p[...], s[...]),
                    "\(String(decoding: p, as: UTF8.self)) ~ \(String(decoding: s, as: UTF8.self))")
        }
    }

    static func reference(_ p: ArraySlice<UInt8>, _ s: ArraySlice<UInt8>) -> Bool {
        var p = p
        var s = s
        while let c = p.first {
            switch c {
            case UInt8(ascii: "*"):
                if p.dropFirst().first == UInt8(ascii: "*") {
                    let rest = p.dropFirst(2)
                    if rest.first == UInt8(ascii: "/"), reference(rest.dropFirst(), s) { return true }
                    var t = s
                    while true {
                        if reference(rest, t) { return true }
                        guard !t.isEmpty else { return false }
                        t = t.dropFirst()
                    }
                }
                let rest = p.dropFirst()
                var t = s
                while true {
                    if reference(rest, t) { return true }
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
                    guard s.first == c else { return false }
                    p = p.dropFirst()
                    s = s.dropFirst()
                    continue
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
