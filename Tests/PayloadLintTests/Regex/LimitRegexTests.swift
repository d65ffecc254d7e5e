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
}
