import JSONStream
import Testing

@Suite("Syntax errors: messages and positions")
struct ErrorTests {
    // (input, message, offset, line, column, pointer)
    static let cases: [(String, String, Int, Int, Int, String)] = [
        ("{\"a\": 1]", "expected ',' or '}' after member value, found ']'", 7, 1, 8, "/a"),
        ("[1,]", "expected a value after ',', found ']' (trailing commas are not allowed)", 3, 1, 4, "/0"),
        ("{\"a\":1,}", "expected a member name after ',', found '}' (trailing commas are not allowed)", 7, 1, 8, "/a"),
        ("[01]", "numbers cannot have leading zeros", 1, 1, 2, ""),
        ("-012", "numbers cannot have leading zeros", 0, 1, 1, ""),
        ("[\"abc", "unterminated string: the input ends before its closing quote", 1, 1, 2, ""),
        ("[\"\\x\"]", "invalid escape '\\x' in string", 2, 1, 3, ""),
        ("[\"\\'\"]", "invalid escape '\\'' in string", 2, 1, 3, ""),
        ("[\"ab\\u12G4\"]", "invalid \\u escape: expected four hexadecimal digits", 4, 1, 5, ""),
        ("[\"a\tb\"]", "unescaped control character U+0009 in string (write it as \\u0009)", 3, 1, 4, ""),
        ("", "expected a JSON value, found the end of input (the input is empty)", 0, 1, 1, ""),
        (" \n\t ", "expected a JSON value, found the end of input (the input is empty)", 4, 2, 3, ""),
        ("[1", "expected ',' or ']', found the end of input (unclosed array)", 2, 1, 3, "/0"),
        ("[", "expected a value, found the end of input (unclosed array)", 1, 1, 2, ""),
        ("{\"a\"", "expected ':', found the end of input (unclosed object)", 4, 1, 5, "/a"),
        ("{", "expected a member name, found the end of input (unclosed object)", 1, 1, 2, ""),
        ("[1 2]", "expected ',' or ']' after array element, found '2'", 3, 1, 4, "/0"),
        ("{\"a\" 1}", "expected ':' after member name, found '1'", 5, 1, 6, "/a"),
        ("{1:2}", "expected a member name (a string) or '}', found '1'", 1, 1, 2, ""),
        ("{\"a\":1,2}", "expected a member name (a string) after ',', found '2'", 7, 1, 8, "/a"),
        ("[1]x", "expected the end of input after the top-level value, found 'x'", 3, 1, 4, ""),
        ("1 2", "expected the end of input after the top-level value, found '2'", 2, 1, 3, ""),
        ("[.5]", "expected a value or ']', found '.'", 1, 1, 2, ""),
        ("[+1]", "expected a value or ']', found '+'", 1, 1, 2, ""),
        ("[NaN]", "expected a value or ']', found 'N'", 1, 1, 2, ""),
        ("[1,+1]", "expected a value, found '+'", 3, 1, 4, "/0"),
        ("[1,Infinity]", "expected a value, found 'I'", 3, 1, 4, "/0"),
        ("[1.]", "expected a digit after the decimal point, found ']'", 3, 1, 4, ""),
        ("[1e]", "expected a digit in the exponent, found ']'", 3, 1, 4, ""),
        ("[1e+]", "expected a digit in the exponent, found ']'", 4, 1, 5, ""),
        ("[-]", "expected a digit after '-', found ']'", 2, 1, 3, ""),
        ("-", "expected a digit after '-', found the end of input", 1, 1, 2, ""),
        ("[0x1]", "invalid number: unexpected 'x' after '0'", 2, 1, 3, ""),
        ("[1.5.3]", "invalid number: unexpected '.' after '1.5'", 4, 1, 5, ""),
        ("[tru]", "invalid literal: expected 'true'", 1, 1, 2, ""),
        ("[truex]", "invalid literal: expected 'true'", 1, 1, 2, ""),
        ("nul", "input ends inside the literal 'null'", 0, 1, 1, ""),
        ("[True]", "expected a value or ']', found 'T'", 1, 1, 2, ""),
        ("['a']", "expected a value or ']', found '''", 1, 1, 2, ""),
        ("{]", "expected a member name (a string) or '}', found ']'", 1, 1, 2, ""),
        ("[\u{c}1]", "expected a value or ']', found control character U+000C", 1, 1, 2, ""),
        ("[1,\u{0}]", "expected a value, found control character U+0000", 3, 1, 4, "/0"),
        ("{\n  \"a\": 1,\n  \"b\": ]\n}", "expected a value, found ']'", 19, 3, 8, "/b"),
        ("{\"a\": [1, {\"b\": tru}]}", "invalid literal: expected 'true'", 16, 1, 17, "/a/1/b"),
        ("[é]", "expected a value or ']', found 'é'", 1, 1, 2, ""),
    ]

    @Test(arguments: cases.indices)
    func messageAndPosition(_ index: Int) throws {
        let (input, message, offset, line, column, pointer) = Self.cases[index]
        let e = try #require(failure(input), "\(input.debugDescription) must fail")
        #expect(e.kind == .syntax, "\(input.debugDescription)")
        #expect(e.message == message, "\(input.debugDescription)")
        #expect(e.offset == offset, "\(input.debugDescription)")
        #expect(e.line == line, "\(input.debugDescription)")
        #expect(e.column == column, "\(input.debugDescription)")
        #expect(e.pointer == pointer, "\(input.debugDescription)")
        #expect(e.record == nil)
        #expect(e.description == "\(message) at \(line):\(column)")
        // Same error fed a byte at a time.
        #expect(readBytewise(bytes(input)).error == e, "\(input.debugDescription) bytewise")
    }

    @Test func eventsBeforeTheErrorAreDelivered() {
        let got = read("{\"a\": [1, 2], \"b\": x}")
        #expect(got.events.map(\.kind) == [.objectStart, .key, .arrayStart, .number, .number, .arrayEnd, .key])
        #expect(got.error?.message == "expected a value, found 'x'")
    }
}

@Suite("Encoding errors")
struct EncodingTests {
    // (bytes inside a string, message)
    static let badStrings: [([UInt8], String)] = [
        ([0xC0, 0x80], "invalid UTF-8 byte 0xC0 in string"),  // overlong NUL
        ([0xC1, 0xBF], "invalid UTF-8 byte 0xC1 in string"),  // overlong
        ([0xE0, 0x80, 0x80], "invalid UTF-8 sequence starting with byte 0xE0 in string"),  // overlong 3-byte
        ([0xF0, 0x80, 0x80, 0x80], "invalid UTF-8 sequence starting with byte 0xF0 in string"),  // overlong 4-byte
        ([0xED, 0xA0, 0x80], "invalid UTF-8 sequence starting with byte 0xED in string"),  // UTF-16 surrogate D800
        ([0xED, 0xBF, 0xBF], "invalid UTF-8 sequence starting with byte 0xED in string"),  // surrogate DFFF
        ([0xF4, 0x90, 0x80, 0x80], "invalid UTF-8 sequence starting with byte 0xF4 in string"),  // > U+10FFFF
        ([0xF5, 0x80, 0x80, 0x80], "invalid UTF-8 byte 0xF5 in string"),
        ([0xF8], "invalid UTF-8 byte 0xF8 in string"),
        ([0xFE], "invalid UTF-8 byte 0xFE in string"),
        ([0xFF], "invalid UTF-8 byte 0xFF in string"),
        ([0x80], "invalid UTF-8 byte 0x80 in string"),  // lone continuation
        ([0xBF], "invalid UTF-8 byte 0xBF in string"),
        ([0xC3], "invalid UTF-8 sequence starting with byte 0xC3 in string"),  // truncated, quote follows
        ([0xE2, 0x82], "invalid UTF-8 sequence starting with byte 0xE2 in string"),
        ([0xF0, 0x9F, 0x98], "invalid UTF-8 sequence starting with byte 0xF0 in string"),
        ([0xC3, 0x41], "invalid UTF-8 sequence starting with byte 0xC3 in string"),
    ]

    @Test(arguments: badStrings.indices)
    func invalidUTF8InStrings(_ index: Int) throws {
        let (bad, message) = Self.badStrings[index]
        let input = bytes("[\"ab") + bad + bytes("cd\"]")
        let e = try #require(failure(input))
        #expect(e.kind == .encoding)
        #expect(e.message == message)
        #expect(e.offset == 4)
        #expect(e.column == 5)
        #expect(readBytewise(input).error == e)
        // Also in a member name.
        let key = bytes("{\"k") + bad + bytes("\": 1}")
        #expect(failure(key)?.kind == .encoding)
    }

    @Test func truncatedAtTheEndOfInput() throws {
        let input = bytes("\"ab") + [0xE2, 0x82]
        let e = try #require(failure(input))
        #expect(e.kind == .encoding)
        #expect(e.message == "truncated UTF-8 sequence in string")
        #expect(e.offset == 3)
        #expect(readBytewise(input).error == e)
    }

    @Test func validMultibyteBoundaries() {
        // First and last scalars of every length class, noncharacters included (they are valid).
        let ok: [[UInt8]] = [[0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xEE, 0x80, 0x80],
                             [0xEF, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF]]
        for seq in ok {
            let got = read(bytes("\"") + seq + bytes("\""))
            #expect(got.error == nil, "\(seq)")
            #expect(got.events.first?.scalarCount == 1)
            #expect(got.events.first?.byteCount == seq.count)
        }
    }

    @Test(arguments: [
        (#"["\ud800"]"#, "escaped lone surrogate \\uD800: a high surrogate must be followed by an escaped low surrogate"),
        (#"["\udbff x"]"#, "escaped lone surrogate \\uDBFF: a high surrogate must be followed by an escaped low surrogate"),
        (#"["\ud800\u0041"]"#, "escaped lone surrogate \\uD800: a high surrogate must be followed by an escaped low surrogate"),
        (#"["\ud800\ud800"]"#, "escaped lone surrogate \\uD800: a high surrogate must be followed by an escaped low surrogate"),
        (#"["\udc00"]"#, "escaped lone surrogate \\uDC00: a low surrogate without a high surrogate before it"),
        (#"["\ude00\ud83d"]"#, "escaped lone surrogate \\uDE00: a low surrogate without a high surrogate before it"),
    ])
    func loneSurrogateEscapes(input: String, message: String) throws {
        let e = try #require(failure(input))
        #expect(e.kind == .encoding)
        #expect(e.message == message)
        #expect(e.offset == 2)
        #expect(readBytewise(bytes(input)).error == e)
    }

    @Test func invalidBytesOutsideStrings() throws {
        let e = try #require(failure(bytes("[1, ") + [0xFF] + bytes("]")))
        #expect(e.kind == .encoding)
        #expect(e.message == "expected a value, found byte 0xFF (not UTF-8)")
        let e2 = try #require(failure(bytes("{\"a\":1 ") + [0xC3, 0xA9] + bytes("}")))
        #expect(e2.kind == .syntax)
        #expect(e2.message == "expected ',' or '}' after member value, found 'é'")
        let e3 = try #require(failure(bytes("[1") + [0xC3, 0xA9] + bytes("]")))
        #expect(e3.message == "invalid number: unexpected 'é' after '1'")
        #expect(readBytewise(bytes("[1") + [0xC3, 0xA9] + bytes("]")).error == e3)
    }

    @Test func byteOrderMark() throws {
        let input: [UInt8] = [0xEF, 0xBB, 0xBF] + bytes("{\"a\": 1}")
        let e = try #require(failure(input))
        #expect(e.kind == .encoding)
        #expect(e.message == "a byte order mark (U+FEFF) is not allowed at the start of JSON text")
        #expect(e.offset == 0 && e.line == 1 && e.column == 1)

        let allowed = JSONReader.Options.with { $0.allowByteOrderMark = true }
        let got = read(input, options: allowed)
        #expect(got.error == nil)
        #expect(got.events.first?.offset == 3)
        #expect(got.events.first?.column == 1)
        #expect(got.events[1].column == 2)
        #expect(readBytewise(input, options: allowed) == got)

        // A BOM alone is an empty document; a BOM in the middle is not whitespace.
        #expect(failure([0xEF, 0xBB, 0xBF], options: allowed)?.message == "expected a JSON value, found the end of input (the input is empty)")
        #expect(failure(bytes("[") + [0xEF, 0xBB, 0xBF] + bytes("]"), options: allowed)?.message == "expected a value or ']', found '\u{FEFF}'")
        #expect(failure([0xEF, 0xBB], options: allowed)?.message == "input ends inside a byte order mark")
        #expect(failure([0xEF, 0x41], options: allowed)?.kind == .encoding)
    }
}
