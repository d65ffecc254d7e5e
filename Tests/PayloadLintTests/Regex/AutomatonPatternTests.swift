import Testing
@testable import PayloadLint
import TestSupport

/// `AutomatonPattern` may only confirm matches PCRE2 would find: compared here with the same
/// patterns compiled without fast paths, on generated subjects. It should also find every match
/// PCRE2 finds (else the fast path would rarely help): checked too.
@Suite struct AutomatonPatternTests {
    /// As shipped in rules/frontier/update-user.yaml.
    static let frontierAvatar =
        "^(?:\\z|data:image/(?:png|jpg|jpeg|gif);base64,[a-zA-Z0-9+/]+(?:={1,2}[a-zA-Z0-9+/]+)*={0,2}$)"
    /// Its earlier possessive form: the same language, but where the automaton is not
    /// deterministic (after a base64 run, `=` may start a separator or the padding), which
    /// the check for possessive quantifiers cannot prove harmless.
    static let possessiveAvatar =
        "^(?:\\z|data:image/(?:png|jpg|jpeg|gif);base64,[a-zA-Z0-9+/]++(?:={1,2}+[a-zA-Z0-9+/]++)*+={0,2}+$)"
    static let seedAvatar = "^data:image/(png|jpg|jpeg|gif);base64,([a-zA-Z0-9+/]+={0,2})+$"

    static let patterns = [
        frontierAvatar, seedAvatar,
        "^data:image/(?:png|jpg|jpeg|gif);base64,[a-zA-Z0-9+/]+(?:={1,2}[a-zA-Z0-9+/]+)*={0,2}$",
        "(ab|a)c", "ab+c", "^(a|b)*abb$", "x(?:ab)*?y", "^(?:a|ab)(?:c|bcd)$", "b{2,3}$", "\\Aab", "ab\\z",
        "^(?:\\z|a+)", "^a*+b", "^(?:ab)++$", "[0-9]{2}-[a-z]+", "^(a|)b$", "^()a$", "a|b|^c$", "^a{0,2}$",
        "(?:a+|b)+c", "^[a-c]+?$", "^(?:x|xy)+z$", "=+$", "^[ab]++c$", "x[0-9]{1,3}+y",
    ]
    static let notHandled = [
        "^a.b$", "^[^a]$", "^\\sa$", "(a)\\1", "a(?=b)", "a(?!b)", "(?>a+)b", "^a*+a$", "^(?:a|ab)?+c$",
        "a*", "^é$", "a{2}{3}", "^*a", "$+", "(?i)a", "a(?<n>b)", possessiveAvatar,
        // Harmless here, but not deterministic where it repeats: left to PCRE2.
        "^(?:ab)*+a$",
    ]

    @Test func shapesAreRecognised() throws {
        for p in Self.patterns { #expect(AutomatonPattern.parse(p) != nil, "recognised: \(p)") }
        for p in Self.notHandled { #expect(AutomatonPattern.parse(p) == nil, "not handled: \(p)") }
        // The shapes SimplePattern takes get a DFA too (then exact both ways), except one class
        // then a run of another, which SimplePattern matches by table.
        let simple = try CompiledRegex("^[a-z]{2}-[A-Z]{2}$")
        #expect(simple.simple != nil && simple.automaton != nil)
        #expect(simple.matches("ab-CD") == .match && simple.matches("ab-cd") == .noMatch)
        let leadAndRun = try CompiledRegex("^[A-Za-z][A-Za-z0-9_-]*$")
        #expect(leadAndRun.simple?.leadAndRun != nil && leadAndRun.automaton == nil)
        #expect(leadAndRun.matches("a_1-b") == .match && leadAndRun.matches("1ab") == .noMatch)
        #expect(try CompiledRegex(Self.frontierAvatar).automaton != nil)
        // The built-in Frontier rule ships this pattern (so its avatars are matched by the DFA).
        let rule = try #require(BuiltinRules.files["frontier/update-user.yaml"])
        #expect(rule.contains("pattern: '" + Self.frontierAvatar + "'"))
    }

    @Test func matchesAreExactlyPCRE2Matches() throws {
        let alphabet = ["a", "b", "c", "x", "y", "z", "A", "/", "+", "=", "!", "-", "0", "7", "\n", "é", " ",
                        "data:image/png;base64,", "data:image/jpeg;base64,", "data:image/bmp;base64,", "ab", "=="]
        var rng = SplitMix64(seed: 7)
        for p in Self.patterns {
            let fast = try #require(AutomatonPattern.parse(p))
            let pcre = try CompiledRegex(p, limits: .default, jit: true, simpleFastPath: false)
            var subjects = ["", "a", "ab", "abc", "abb", "ac", "xy", "xaby", "12-ab", "data:image/png;base64,QUJD==",
                            "data:image/gif;base64,A=B", "data:image/png;base64,A===", "data:image/jpg;base64,"]
            for _ in 0..<4000 {
                let length = Int(rng.next() % 7)
                subjects.append((0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }.joined())
            }
            for s in subjects {
                let expected = pcre.matches(s)
                let found = Array(s.utf8).withUnsafeBytes { fast.matches($0) }
                if found { #expect(expected == .match, "pattern \(p) subject \(s.debugDescription): DFA match, PCRE2 \(expected)") }
                if expected == .match { #expect(found, "pattern \(p) subject \(s.debugDescription): PCRE2 match missed") }
            }
        }
    }

    @Test func avatarVerdictsKeepPCRE2Limits() throws {
        let regex = try CompiledRegex(Self.seedAvatar)
        #expect(regex.automaton != nil)
        let valid = "data:image/png;base64," + String(repeating: "QUJD", count: 50_000) + "=="
        #expect(regex.matches(valid) == .match)
        // No match found by the DFA: PCRE2 decides, and still gives up on the exponential case.
        let bad = "data:image/png;base64," + String(repeating: "A", count: 200_000) + "!"
        guard case .limitExceeded = regex.matches(bad) else {
            Issue.record("expected PCRE2's limit on the literal pattern")
            return
        }
        #expect(regex.matches("data:image/bmp;base64,AAAA") == .noMatch)
    }
}
