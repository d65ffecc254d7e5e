import Foundation
import Testing

@testable import PayloadLint

/// Core behaviour of `CompiledRegex`: errors, search semantics, ECMA-262 translation.
@Suite struct RegexTests {
    private func compiled(_ pattern: String) throws -> CompiledRegex {
        try CompiledRegex(pattern)
    }

    @Test func compileErrorCarriesPCRE2MessageAndOffset() {
        #expect(throws: RegexError.self) { try CompiledRegex("(abc") }
        do {
            _ = try CompiledRegex("(abc")
        } catch {
            #expect(error.message == "missing closing parenthesis")
            #expect(error.offset == 4)
            #expect(error.pcre2Code != nil)
        }
    }

    @Test func compileErrorOffsetIsInTheOriginalPattern() {
        // `\s` expands to a long class in the PCRE2 pattern; the offset must still
        // point at the `{` of the bad quantifier in the pattern as written.
        do {
            _ = try CompiledRegex("\\s+x{2,1}")
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("out of order"))
            #expect(error.offset == 4)
        }
        do {
            _ = try CompiledRegex("é(?<=a+)b")  // é is 2 bytes
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("lookbehind"))
            #expect(error.offset == 2)
        }
    }

    @Test(arguments: [
        ("\\a", 0), ("ab\\a", 2), ("\\Z", 0), ("x\\Z", 1), ("[\\z]", 1), ("\\e", 0), ("\\h", 0),
        ("\\Qa\\E", 0), ("\\012", 0), ("(?i)abc", 0), ("(*LIMIT_MATCH=1)a", 0), ("a{", 1),
        ("a{,5}", 1), ("a]", 1), ("a}", 1), ("[\\d-z]", 1), ("[z-a]", 1), ("\\c1", 0),
        ("\\x4", 0), ("\\u12", 0), ("\\uD800", 0), ("\\p{Foo}", 0), ("\\p{digit", 0),
        ("[\\1]", 1), ("(?<1a>x)", 3), ("(?P<n>x)", 0), ("[abc", 0), ("abc\\", 3),
    ])
    func rejectsWhatECMAOrPCRE2Rejects(pattern: String, offset: Int) {
        do {
            _ = try CompiledRegex(pattern)
            Issue.record("\(pattern) compiled")
        } catch {
            #expect(error.offset == offset, "\(pattern): \(error)")
            #expect(!error.message.isEmpty)
        }
    }

    @Test func aIsACompileError() {
        #expect(throws: RegexError.self) { try CompiledRegex("^\\a$") }
    }

    @Test func searchIsNotAnchored() throws {
        let regex = try compiled("b")
        #expect(regex.matches("abc") == .match)
        #expect(regex.matches("xyz") == .noMatch)
        #expect(try compiled("^b").matches("abc") == .noMatch)
        #expect(try compiled("c$").matches("abc") == .match)
        #expect(try compiled("").matches("anything") == .match)
    }

    @Test func dollarMatchesOnlyAtTheVeryEnd() throws {
        let regex = try compiled("^[a-z]+$")
        #expect(regex.matches("abc") == .match)
        #expect(regex.matches("abc\n") == .noMatch)
        #expect(regex.matches("ab\nc") == .noMatch)
    }

    @Test func utf8Multibyte() throws {
        #expect(try compiled("^.{3}$").matches("é日😀") == .match)
        #expect(try compiled("^.{3}$").matches("éé") == .noMatch)
        #expect(try compiled("^[é-ë]$").matches("ê") == .match)
        #expect(try compiled("^\\u00e9$").matches("é") == .match)
        #expect(try compiled("^\\u{1F600}$").matches("😀") == .match)
        #expect(try compiled("^\\uD83D\\uDE00$").matches("😀") == .match)
        #expect(try compiled("^[\\uD83D\\uDE00-\\u{1F64F}]$").matches("😃") == .match)
        #expect(try compiled("^\\p{Lu}").matches("Éa") == .match)
        #expect(try compiled("^\\P{Lu}").matches("Éa") == .noMatch)
        #expect(try compiled("^\\p{Script=Greek}+$").matches("αβγ") == .match)
        #expect(try compiled("^\\p{sc=Latn}+$").matches("αβγ") == .noMatch)
        #expect(try compiled("^\\p{gc=Lu}$").matches("Ω") == .match)
        #expect(try compiled("^\\p{Assigned}$").matches("a") == .match)
        #expect(try compiled("^\\P{Assigned}$").matches("\u{0378}") == .match)
        #expect(try compiled("^[^\\p{L}\\d]$").matches("é") == .noMatch)
        #expect(try compiled("^\\w$").matches("é") == .noMatch)
        #expect(try compiled("\\bcafé").matches("un café") == .match)
    }

    @Test func rawBufferAgreesWithString() throws {
        let regex = try compiled("^a.c$")
        for subject in ["abc", "a\u{2028}c", "aéc", "ac", ""] {
            let viaBytes = Array(subject.utf8).withUnsafeBytes { regex.matches($0) }
            #expect(viaBytes == regex.matches(subject), "\(subject)")
        }
        #expect(try compiled("^$").matches(UnsafeRawBufferPointer(start: nil, count: 0)) == .match)
    }

    @Test func ecmaDotClassesAndEscapes() throws {
        #expect(try compiled("^.$").matches("\r") == .noMatch)
        #expect(try compiled("^.$").matches("\u{2028}") == .noMatch)
        #expect(try compiled("^.$").matches("\u{85}") == .match)
        #expect(try compiled("^[^]$").matches("\n") == .match)
        #expect(try compiled("[]").matches("anything") == .noMatch)
        #expect(try compiled("^a[]?b$").matches("ab") == .match)
        #expect(try compiled("^[\\s]+$").matches(" \u{3000}\u{FEFF}\t") == .match)
        #expect(try compiled("^[^\\S]+$").matches(" \u{a0}") == .match)
        #expect(try compiled("^[\\Sx]+$").matches("ax") == .match)
        #expect(try compiled("^[\\Sx]+$").matches("a ") == .noMatch)
        #expect(try compiled("^\\v$").matches("\u{0B}") == .match)
        #expect(try compiled("^\\v$").matches("\n") == .noMatch)
        #expect(try compiled("^\\cJ$").matches("\n") == .match)
        #expect(try compiled("^[\\b]$").matches("\u{8}") == .match)
        // No POSIX classes: `[[:digit:]` is a class of the characters "[:digt".
        #expect(try compiled("^[[:digit:]$").matches("5") == .noMatch)
        #expect(try compiled("^[[:digit:]$").matches("[") == .match)
        #expect(throws: RegexError.self) { try CompiledRegex("[[:digit:]]") }  // lone ']' 
        #expect(try compiled("^\\0$").matches("\u{0}") == .match)
        #expect(try compiled("^\\x41\\-\\/$").matches("A-/") == .match)
        #expect(try compiled("^[a\\-z]+$").matches("-az") == .match)
        #expect(try compiled("^[a-]+$").matches("a-") == .match)
        #expect(try compiled("#x y").matches("#x y") == .match)
    }

    @Test func groupsAndBackreferences() throws {
        #expect(try compiled("^(a)\\1$").matches("aa") == .match)
        #expect(try compiled("^\\1(a)$").matches("a") == .match)  // ECMA: unset group matches empty
        #expect(try compiled("^(?<y>\\d{4})-\\k<y>$").matches("2024-2024") == .match)
        #expect(try compiled("^(?:ab)+(?=c)(?!d)").matches("ababc") == .match)
        #expect(try compiled("(?<=\\$)\\d+").matches("cost $42") == .match)
        #expect(try compiled("(?<!\\$)\\b\\d+").matches("cost $42") == .noMatch)
        #expect(try compiled("^a*+a$").matches("aaa") == .noMatch)  // possessive (extension)
        #expect(try compiled("\\Aab\\z").matches("ab") == .match)  // anchors (extension)
        #expect(try compiled("ab\\z").matches("ab\n") == .noMatch)
        #expect(try compiled("^(?:\\z|x)").matches("") == .match)
        #expect(try compiled("^(?>a+)b$").matches("aab") == .match)  // atomic (extension)
        #expect(throws: RegexError.self) { try CompiledRegex("\\2(a)") }
    }

    @Test func translationIsVisible() throws {
        let regex = try compiled("^\\p{Letter}\\cC.$")
        #expect(regex.translatedPattern == "^\\p{L}\\x{3}[^\\x{a}\\x{d}\\x{2028}\\x{2029}]$")
        #expect(regex.pattern == "^\\p{Letter}\\cC.$")
        print("JIT in use: \(regex.usesJIT)")
    }

    @Test func limitsScaleWithSubjectLength() {
        let limits = RegexLimits.default
        #expect(limits.effectiveMatchLimit(subjectLength: 0) == 1_000_000)
        #expect(limits.effectiveMatchLimit(subjectLength: 200_000) == 2_600_000)
        #expect(limits.effectiveMatchLimit(subjectLength: Int.max) == UInt32.max)
    }

    @Test func concurrentMatchingFromManyTasks() async throws {
        let regex = try compiled("^[a-z]+@[a-z]+\\.(?:com|org)$")
        let failures = await withTaskGroup(of: Int.self) { group in
            for task in 0..<8 {
                group.addTask {
                    var failures = 0
                    for i in 0..<5_000 {
                        let good = "user\(String(repeating: "x", count: task + 1))@example.\(i % 2 == 0 ? "com" : "org")"
                        let bad = "user\(i)@example.com"
                        if regex.matches(good) != .match { failures += 1 }
                        if regex.matches(bad) != .noMatch { failures += 1 }
                    }
                    return failures
                }
            }
            return await group.reduce(0, +)
        }
        #expect(failures == 0)
    }

    @Test func perMatchOverheadOnAShortString() throws {
        let regex = try compiled("^[a-z]+$")
        let iterations = 200_000
        var matched = 0
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for _ in 0..<iterations where regex.matches("hello") == .match { matched += 1 }
        }
        let bytes = Array("hello".utf8)
        let elapsedBytes = clock.measure {
            bytes.withUnsafeBytes { buffer in
                for _ in 0..<iterations where regex.matches(buffer) == .match { matched += 1 }
            }
        }
        #expect(matched == 2 * iterations)
        let perString = elapsed / iterations
        let perBuffer = elapsedBytes / iterations
        print("per-match overhead, ^[a-z]+$ on \"hello\" (JIT \(regex.usesJIT)): String \(perString), buffer \(perBuffer)")
    }
}
