import Testing
@testable import PayloadLint

@Suite struct JSONStringEscapingTests {
    @Test(arguments: [
        ("plain é 😀", #""plain é 😀""#),
        ("say \"hi\"\\", #""say \"hi\"\\""#),
        ("a\nb\tc\r\u{08}\u{0C}", #""a\nb\tc\r\b\f""#),
        ("\u{00}\u{1F}\u{7F}", #""\u0000\u001f\u007f""#),
        ("x\u{2028}y\u{2029}z", #""x\u2028y\u2029z""#),
        ("€ is E2 82 AC, not a separator", #""€ is E2 82 AC, not a separator""#),
    ])
    func escapes(_ input: String, _ expected: String) throws {
        var out = ""
        JSONValue.writeString(input, to: &out)
        #expect(out == expected)
        // What is written reads back as the same string.
        #expect(try JSONValue(parsing: out) == .string(input))
    }
}
