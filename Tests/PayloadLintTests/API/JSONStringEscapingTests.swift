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

    /// The byte writer skips eight bytes at a time while none may need escaping: a special
    /// character at every position of the first words, and after a non-ASCII one.
    @Test func escapesAtEveryPositionOfTheWords() throws {
        let forms: [(String, String)] = [
            ("\"", #"\""#), ("\\", #"\\"#), ("\n", #"\n"#), ("\u{7F}", #"\u007f"#), ("\u{01}", #"\u0001"#),
            ("\u{2028}", #"\u2028"#), ("é", "é"), ("€", "€"),
        ]
        for (special, escaped) in forms {
            for at in 0..<20 {
                let s = String(repeating: "a", count: at) + special + "é" + String(repeating: "b", count: 20 - at) + special
                var out: [UInt8] = []
                JSONValue.writeString(s, to: &out)
                let expected = "\"" + String(repeating: "a", count: at) + escaped + "é" + String(repeating: "b", count: 20 - at)
                    + escaped + "\""
                #expect(String(decoding: out, as: UTF8.self) == expected, "\(s.debugDescription)")
            }
        }
    }
}
