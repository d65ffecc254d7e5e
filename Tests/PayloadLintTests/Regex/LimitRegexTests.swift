import Testing

@testable import PayloadLint

/// Limits: give up on runaway matches, never on real patterns over real payload sizes.
@Suite struct LimitRegexTests {
    @Test func linearPatternsOnMegabytesAreNotLimited() throws {
        var words = ""
        words.reserveCapacity(4_000_000)
        while words.utf8.count < 4_000_000 { words += "lorem ipsum dolor sit amet " }
        let cases: [(String, String)] = [
            ("^(\\w+\\s?)*$", words),
            ("^(?:[a-z]+ )+$", words),
            ("^[a-z ]+$", words),
            ("amet\\s*$", words),
            ("^(?:a|b)*$", String(repeating: "ab", count: 1_500_000)),
        ]
        for (pattern, subject) in cases {
            let regex = try CompiledRegex(pattern)
            var result = RegexMatch.noMatch
            let elapsed = ContinuousClock().measure { result = regex.matches(subject) }
            print("\(pattern) on \(subject.utf8.count / 1_000_000) MB: \(result) in \(elapsed)")
            #expect(result == .match, "\(pattern)")
        }
    }

    @Test func exponentialPatternsGiveUp() throws {
        let cases: [(String, String)] = [
            ("^(a+)+$", String(repeating: "a", count: 40) + "!"),
            ("^(a|aa)*$", String(repeating: "a", count: 80) + "!"),
            ("(x+x+)+y", String(repeating: "x", count: 5_000) + "!y"),
            ("^(\\w+\\s?)*$", String(repeating: "word ", count: 20_000) + "!"),
        ]
        for (pattern, subject) in cases {
            let regex = try CompiledRegex(pattern)
            var result = RegexMatch.noMatch
            let elapsed = ContinuousClock().measure { result = regex.matches(subject) }
            print("\(pattern) on \(subject.utf8.count) bytes: \(result) in \(elapsed)")
            guard case .limitExceeded(let reason) = result else {
                Issue.record("\(pattern): expected .limitExceeded, got \(result)")
                continue
            }
            #expect(!reason.isEmpty)
        }
    }

    @Test func tinyLimitsGiveUpInsteadOfAnswering() throws {
        let subject = String(repeating: "a", count: 20) + "b"
        #expect(try CompiledRegex("^(a|aa)*$").matches(subject) == .noMatch)
        let limits = RegexLimits(matchLimit: 10, matchLimitPerByte: 0, depthLimit: 10, heapLimit: 1)
        let regex = try CompiledRegex("^(a|aa)*$", limits: limits)
        guard case .limitExceeded = regex.matches(subject) else {
            Issue.record("expected .limitExceeded")
            return
        }
    }

    @Test func interpreterFallbackGivesTheSameVerdicts() throws {
        let literal = try CompiledRegex(AvatarRegexTests.literal, limits: .default, jit: false)
        #expect(!literal.usesJIT)
        let bad = AvatarRegexTests.prefix + String(repeating: "A", count: 200_000) + "!"
        var result = RegexMatch.noMatch
        let elapsed = ContinuousClock().measure { result = literal.matches(bad) }
        print("literal avatar, 200 KB bad body, interpreter: \(result) in \(elapsed)")
        if case .limitExceeded = result {} else { Issue.record("expected .limitExceeded, got \(result)") }
        let valid = AvatarRegexTests.prefix + String(repeating: "QUJD", count: 50_000) + "=="
        #expect(literal.matches(valid) == .match)
        let anchored = try CompiledRegex("^[a-z]+$", limits: .default, jit: false)
        #expect(anchored.matches("abc") == .match)
        #expect(anchored.matches("abc\n") == .noMatch)
        #expect(try CompiledRegex("b", limits: .default, jit: false).matches("abc") == .match)
        let deep = try CompiledRegex("^(?:a|b)*$", limits: .default, jit: false)
        #expect(deep.matches(String(repeating: "ab", count: 100_000)) == .match)
    }
}
