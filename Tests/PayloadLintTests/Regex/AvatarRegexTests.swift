import Testing

@testable import PayloadLint
import TestSupport

/// The Frontier avatar pattern: the engine must survive the literal (exponential)
/// pattern, and the shipped linear-time rewrites must accept exactly the same strings.
@Suite struct AvatarRegexTests {
    /// As written in the Frontier documentation: exponential on a bad long body.
    static let literal = "^data:image/(png|jpg|jpeg|gif);base64,([a-zA-Z0-9+/]+={0,2})+$"
    /// Linear-time, valid ECMA-262: one base64 run, then runs each introduced by one or
    /// two `=`, then at most two trailing `=`. Same language as `literal`: a non-empty
    /// body over base64 characters and `=` that starts with a base64 character and has
    /// no run of three or more `=`. Every `=` run is followed by a base64 run or the end,
    /// so there is exactly one way to match.
    static let linear = "^data:image/(?:png|jpg|jpeg|gif);base64,[a-zA-Z0-9+/]+(?:={1,2}[a-zA-Z0-9+/]+)*={0,2}$"
    /// Linear-time with PCRE2 possessive quantifiers (not valid ECMA-262).
    static let possessive = "^data:image/(?:png|jpg|jpeg|gif);base64,(?:[a-zA-Z0-9+/]++={0,2}+)++$"

    /// The rule shipped in `rules/` (main, at the time of writing): also accepts "".
    static let shipped =
        "^(?:\\z|data:image/(?:png|jpg|jpeg|gif);base64,[a-zA-Z0-9+/]+(?:={1,2}[a-zA-Z0-9+/]+)*={0,2}$)"
    /// An earlier shipped form: the same language, scanning the body twice.
    static let lookahead =
        "^(?:\\z|data:image/(?:png|jpg|jpeg|gif);base64,(?!.*===)[a-zA-Z0-9+/][a-zA-Z0-9+/=]*+$)"

    static let prefix = "data:image/png;base64,"

    static func name(_ pattern: String) -> String {
        pattern == linear ? "linear" : pattern == possessive ? "possessive" : pattern == lookahead ? "lookahead" : "shipped"
    }

    private func timed(_ regex: CompiledRegex, _ subject: String) -> (RegexMatch, Duration) {
        var result = RegexMatch.noMatch
        let elapsed = ContinuousClock().measure { result = regex.matches(subject) }
        return (result, elapsed)
    }

    @Test func literalPatternGivesUpQuicklyOn200KB() throws {
        let regex = try CompiledRegex(Self.literal)
        let bad = Self.prefix + String(repeating: "A", count: 200_000) + "!"
        let (result, elapsed) = timed(regex, bad)
        print("literal avatar, 200 KB bad body: \(result) in \(elapsed) (JIT \(regex.usesJIT))")
        guard case .limitExceeded = result else {
            Issue.record("expected .limitExceeded, got \(result)")
            return
        }
    }

    @Test func literalPatternStillGivesCorrectVerdictsOnNormalInput() throws {
        let regex = try CompiledRegex(Self.literal)
        let valid = Self.prefix + String(repeating: "QUJD", count: 50_000) + "=="
        let (result, elapsed) = timed(regex, valid)
        print("literal avatar, valid 200 KB image: \(result) in \(elapsed)")
        #expect(result == .match)
        #expect(regex.matches(Self.prefix + "AB==CD=E") == .match)
        #expect(regex.matches(Self.prefix + "iVBORw0KGgo=") == .match)
        #expect(regex.matches("data:image/bmp;base64,AAAA") == .noMatch)
        #expect(regex.matches(Self.prefix + "AAAAAAA!") == .noMatch)
        #expect(regex.matches(Self.prefix + "A===") == .noMatch)
        // Where the literal pattern stops giving a verdict on "A…A!" bodies.
        var firstGivingUp: Int?
        for length in 1...40 {
            let result = regex.matches(Self.prefix + String(repeating: "A", count: length) + "!")
            if result != .noMatch {
                firstGivingUp = length
                if case .limitExceeded = result {} else { Issue.record("length \(length): \(result)") }
                break
            }
        }
        print("literal avatar: bodies 'A'×n + '!' give .noMatch up to n = \((firstGivingUp ?? 41) - 1), then .limitExceeded")
    }

    @Test(arguments: [linear, possessive, shipped, lookahead])
    func rewritesAreFastOnAdversarialInput(pattern: String) throws {
        let regex = try CompiledRegex(pattern)
        let cases: [(String, RegexMatch)] = [
            (String(repeating: "A", count: 200_000) + "!", .noMatch),
            (String(repeating: "A=", count: 100_000) + "!", .noMatch),
            (String(repeating: "AB==", count: 50_000) + "===", .noMatch),
            (String(repeating: "A=", count: 100_000), .match),
            (String(repeating: "QUJD", count: 50_000) + "==", .match),
        ]
        for (body, expected) in cases {
            let (result, elapsed) = timed(regex, Self.prefix + body)
            #expect(result == expected)
            print("\(Self.name(pattern)) avatar, \(body.utf8.count / 1000) KB: \(result) in \(elapsed)")
        }
        #expect(catastrophicBacktrackingWarning(pattern) == nil)
    }

    @Test(arguments: [linear, possessive, shipped, lookahead])
    func rewriteAcceptsExactlyWhatTheLiteralAccepts(pattern: String) throws {
        let literal = try CompiledRegex(Self.literal)
        let rewrite = try CompiledRegex(pattern)
        var generator = SplitMix64(seed: 0x5EED_A7A7)
        let prefixes = [
            "data:image/png;base64,", "data:image/jpg;base64,", "data:image/jpeg;base64,",
            "data:image/gif;base64,", "data:image/bmp;base64,", "data:image/png;base64",
            "xdata:image/png;base64,", "data:image/PNG;base64,", "", "data:image/png;base64,\n",
        ]
        let alphabet: [Character] = ["A", "z", "9", "+", "/", "Q", "=", "=", "=", "=", "!", "-", "\n", "é", " "]
        var subjects: [String] = []
        for body in [
            "", "A", "=", "A=", "A==", "A===", "AB==CD=E", "==A", "A=\n", "A\n", "A==B==C", "A=B=C=",
            "A====B", "+/", "/=", "A=!", "QUJD", "QUJD==", "QUJD=A==", "A==\n",
        ] {
            subjects.append("data:image/png;base64," + body)
            subjects.append("data:image/gif;base64," + body + "\n")
        }
        for _ in 0..<4_000 {
            var subject = prefixes[Int(generator.next() % UInt64(prefixes.count))]
            let length = Int(generator.next() % 15)
            let plain = generator.next() % 3 == 0  // a third of bodies: only base64 and '='
            for _ in 0..<length {
                let pool = plain ? 7 : alphabet.count
                subject.append(alphabet[Int(generator.next() % UInt64(pool))])
            }
            if generator.next() % 10 == 0 { subject.append("\n") }
            subjects.append(subject)
        }
        var accepted = 0
        for subject in subjects {
            let expected = literal.matches(subject)
            if case .limitExceeded = expected {
                Issue.record("literal pattern gave up on \(subject.debugDescription)")
                continue
            }
            if (pattern == Self.shipped || pattern == Self.lookahead) && subject.isEmpty { continue }  // they allow ""
            #expect(rewrite.matches(subject) == expected, "\(subject.debugDescription)")
            if expected == .match { accepted += 1 }
        }
        print("avatar equivalence (\(Self.name(pattern))): \(subjects.count) strings, \(accepted) accepted by both")
        #expect(accepted > 200)
    }
}
