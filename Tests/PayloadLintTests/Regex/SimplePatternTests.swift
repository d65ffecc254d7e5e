import Testing
@testable import PayloadLint
import TestSupport

/// `SimplePattern` must give PCRE2's verdict on every subject: compared here with the same
/// pattern compiled without the fast path, on generated subjects.
@Suite struct SimplePatternTests {
    static let simplePatterns = [
        "^[A-Za-z][A-Za-z0-9_]*$", "^[A-Za-z][A-Za-z0-9_-]*$", "^[a-z]{2}-[A-Z]{2}$", "^\\d{3,5}$",
        "^a?b+c*$", "^[a-c]*c[a-c]$", "^x{0,3}y{2,}$", "^[\\w.-]+@[a-z]+$", "^\\w*$", "^$", "^[-a]$",
        "^[a-]+$", "^a{2}a?$", "^[ -~]{1,8}$", "^ab\\.c$", "^\\d\\w*$",
        // More than nine positions: matched without the precomputed closure table.
        "^[a-c0-9]{4}-[a-c]{2,6}x?$", "^a{3,12}$",
    ]
    static let notSimple = [
        "abc", "^abc", "abc$", "^(a|b)$", "^a.b$", "^[^a]$", "^a+?$", "^a++$", "^[]a]$", "^\\sa$",
        "^[[:alpha:]]$", "^a{1,2}{3}$", "^\\$", "^a{,3}$", "^[\\d-z]+$", "^é$", "^\\p{L}$",
    ]

    @Test func shapesAreRecognised() {
        for p in Self.simplePatterns { #expect(SimplePattern.parse(p) != nil, "\(p)") }
        for p in Self.notSimple { #expect(SimplePattern.parse(p) == nil, "\(p)") }
        // One class, then a run of another: matched by table (`LeadAndRun`).
        let leadAndRun = ["^[A-Za-z][A-Za-z0-9_]*$", "^[A-Za-z][A-Za-z0-9_-]*$", "^[a-]+$", "^\\d\\w*$"]
        for p in leadAndRun { #expect(SimplePattern.parse(p)?.leadAndRun != nil, "\(p)") }
        for p in ["^\\w*$", "^a?b+c*$", "^[a-z]{2}-[A-Z]{2}$", "^a{3,12}$", "^ab*c$"] {
            #expect(SimplePattern.parse(p)?.leadAndRun == nil, "\(p)")
        }
    }

    @Test func verdictsEqualPCRE2() throws {
        let alphabet: [String] = ["a", "b", "c", "x", "y", "z", "A", "Z", "0", "5", "9", "_", "-", ".", "@", " ",
                                  "~", "é", "\n", "/", "]", "[", "$", "^"]
        var rng = SplitMix64(seed: 42)
        for p in Self.simplePatterns {
            let fast = try CompiledRegex(p, limits: .default, jit: true)
            let slow = try CompiledRegex(p, limits: .default, jit: true, simpleFastPath: false)
            #expect(fast.simple != nil && slow.simple == nil)
            var subjects = ["", "a", "ab", "abc", "aa-BB", "12345", "x@y", "ab.c", "A_b-9", "aaa",
                            // Long enough for the table matcher's eight-byte steps, matching and not.
                            "Abcdefgh_", "Abcdefgh_1234567", "Abcdefgh_12345678", "Abcdefgh_123456789abcdef",
                            "Abcdefgh_1234567é", "Abcdefgh_12345678\n", "1abcdefgh_2345678", "a-a-a-a-a-a-a-a-a",
                            "aaaaaaaaaaaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaaaaaaaaaa-", "abcdefgh-ijklmnop"]
            for _ in 0..<3000 {
                // Up to 19 characters: the table matcher takes eight bytes at a time from the second.
                let length = Int(rng.next() % 20)
                subjects.append((0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }.joined())
            }
            // `fast` answers through its table (`LeadAndRun`) or its DFA; the bit-parallel matcher
            // (the DFA's fallback) is checked alone.
            let simple = try #require(SimplePattern.parse(p))
            for s in subjects {
                let expected = slow.matches(s)
                #expect(fast.matches(s) == expected, "pattern \(p) subject \(s.debugDescription)")
                let bitParallel = Array(s.utf8).withUnsafeBytes { simple.matchesBitParallel($0) } ? RegexMatch.match : .noMatch
                #expect(bitParallel == expected, "SimplePattern: pattern \(p) subject \(s.debugDescription)")
                if let table = simple.leadAndRun {
                    let byTable = Array(s.utf8).withUnsafeBytes { table.matches($0) } ? RegexMatch.match : .noMatch
                    #expect(byTable == expected, "LeadAndRun: pattern \(p) subject \(s.debugDescription)")
                }
            }
        }
    }
}
