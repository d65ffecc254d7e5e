import Foundation
import PayloadLint
import Testing

/// Hostile bytes: every class of invalid UTF-8, a byte order mark, NUL bytes, input that ends
/// mid-token. Each has its diagnostic (code, message, position); all go through the whole lint.
@Suite("Hostile encodings and truncations")
struct HostileEncodingTests {
    static let linter = PayloadLinter(compiled: [])

    static func only(_ bytes: [UInt8]) throws -> Diagnostic? {
        let report = try linter.lint(bytes, document: nil)
        #expect(report.diagnostics.count <= 1)
        return report.diagnostics.first
    }

    /// Invalid UTF-8 inside a string (`["…"]`), inside a member name (`{"…":1}`) and outside
    /// strings (`[…]`): invalid_encoding at the offending byte.
    @Test(arguments: [
        ("overlong 2-byte (C0 80)", [0xC0, 0x80] as [UInt8], "invalid UTF-8 byte 0xC0 in string"),
        ("overlong 2-byte (C1 BF)", [0xC1, 0xBF], "invalid UTF-8 byte 0xC1 in string"),
        ("overlong 3-byte (E0 80 80)", [0xE0, 0x80, 0x80], "invalid UTF-8 sequence starting with byte 0xE0 in string"),
        ("overlong 4-byte (F0 80 80 80)", [0xF0, 0x80, 0x80, 0x80], "invalid UTF-8 sequence starting with byte 0xF0 in string"),
        ("surrogate D800 (ED A0 80)", [0xED, 0xA0, 0x80], "invalid UTF-8 sequence starting with byte 0xED in string"),
        ("surrogate DFFF (ED BF BF)", [0xED, 0xBF, 0xBF], "invalid UTF-8 sequence starting with byte 0xED in string"),
        ("above U+10FFFF (F4 90 80 80)", [0xF4, 0x90, 0x80, 0x80], "invalid UTF-8 sequence starting with byte 0xF4 in string"),
        ("lone continuation (80)", [0x80], "invalid UTF-8 byte 0x80 in string"),
        ("truncated 2-byte (C3 then quote)", [0xC3], "invalid UTF-8 sequence starting with byte 0xC3 in string"),
        ("truncated 3-byte (E2 82 then quote)", [0xE2, 0x82], "invalid UTF-8 sequence starting with byte 0xE2 in string"),
        ("truncated 4-byte (F0 9F 98 then quote)", [0xF0, 0x9F, 0x98], "invalid UTF-8 sequence starting with byte 0xF0 in string"),
    ])
    func invalidUTF8(name: String, bad: [UInt8], message: String) throws {
        // In a string value, at column 3.
        let inString = try #require(try Self.only(Array("[\"".utf8) + bad + Array("\"]".utf8)), "\(name)")
        #expect(inString.code == .invalidEncoding, "\(name)")
        #expect(inString.message == message, "\(name)")
        #expect(inString.column == 3, "\(name)")
        // In a member name.
        let inKey = try #require(try Self.only(Array("{\"".utf8) + bad + Array("\":1}".utf8)), "\(name)")
        #expect(inKey.code == .invalidEncoding, "\(name)")
        #expect(inKey.column == 3, "\(name)")
        // Outside strings: the byte cannot start a value.
        let outside = try #require(try Self.only(Array("[".utf8) + bad + Array("]".utf8)), "\(name)")
        #expect(outside.code == .invalidEncoding, "\(name): \(outside.message)")
        #expect(outside.column == 2, "\(name)")
        // At the very end of the input (no closing quote): still an encoding error, not a crash.
        let atEnd = try #require(try Self.only(Array("[\"".utf8) + bad), "\(name)")
        #expect(atEnd.code == .invalidEncoding || atEnd.code == .syntaxError, "\(name)")
    }

    /// Bytes that never occur in UTF-8: 0xF5…0xFF (and 0xC0, 0xC1 above).
    @Test func bytesF5ThroughFF() throws {
        for b in UInt8(0xF5)...UInt8(0xFF) {
            let inString = try #require(try Self.only(Array("[\"a".utf8) + [b] + Array("\"]".utf8)))
            #expect(inString.code == .invalidEncoding)
            #expect(inString.message == "invalid UTF-8 byte 0x\(String(b, radix: 16, uppercase: true)) in string")
            #expect(inString.column == 4)
            let outside = try #require(try Self.only([b]))
            #expect(outside.code == .invalidEncoding)
            #expect(outside.message == "expected a value, found byte 0x\(String(b, radix: 16, uppercase: true)) (not UTF-8)")
        }
    }

    @Test func byteOrderMark() throws {
        let d = try #require(try Self.only([0xEF, 0xBB, 0xBF] + Array("{}".utf8)))
        #expect(d.code == .invalidEncoding)
        #expect(d.message == "a byte order mark (U+FEFF) is not allowed at the start of JSON text")
        #expect(d.line == 1 && d.column == 1)
        // A BOM alone, and half a BOM.
        #expect(try Self.only([0xEF, 0xBB, 0xBF])?.code == .invalidEncoding)
        #expect(try Self.only([0xEF, 0xBB])?.code == .invalidEncoding)
        // Not at the start: an unexpected character.
        #expect(try Self.only(Array("[1,".utf8) + [0xEF, 0xBB, 0xBF] + Array("2]".utf8))?.code == .syntaxError)
    }

    @Test func nulBytes() throws {
        let inString = try #require(try Self.only(Array("[\"a".utf8) + [0] + Array("b\"]".utf8)))
        #expect(inString.code == .syntaxError)
        #expect(inString.message == "unescaped control character U+0000 in string (write it as \\u0000)")
        #expect(inString.column == 4)
        let outside = try #require(try Self.only(Array("[1,".utf8) + [0] + Array("2]".utf8)))
        #expect(outside.code == .syntaxError)
        #expect(outside.message == "expected a value, found control character U+0000")
        #expect(outside.column == 4)
        let afterValue = try #require(try Self.only(Array("{}".utf8) + [0]))
        #expect(afterValue.code == .syntaxError)
        #expect(afterValue.column == 3)
        let alone = try #require(try Self.only([0]))
        #expect(alone.code == .syntaxError)
        // Escaped, it is well-formed (rules may still forbid it: forbidControl).
        #expect(try Self.only(Array(#"["a\u0000b"]"#.utf8)) == nil)
    }

    @Test(arguments: [
        (#"{"a": tru"#, "input ends inside the literal 'true'", 7),
        (#"{"a": "abc"#, "unterminated string: the input ends before its closing quote", 7),
        (#"{"a": 1."#, "expected a digit after the decimal point, found the end of input", 9),
        (#"{"a": -"#, "expected a digit after '-', found the end of input", 8),
        (#"{"a": 1e+"#, "expected a digit in the exponent, found the end of input", 10),
        (#"{"a""#, "expected ':', found the end of input (unclosed object)", 5),
        (#"{"a":"#, "expected a value, found the end of input (unclosed object)", 6),
        (#"[1, 2"#, "expected ',' or ']', found the end of input (unclosed array)", 6),
        (#"{"a\u00"#, "unterminated string: the input ends before its closing quote", 2),
        ("", "expected a JSON value, found the end of input (the input is empty)", 1),
    ])
    func endsMidToken(text: String, message: String, column: Int) throws {
        let d = try #require(try Self.only(Array(text.utf8)), "\(text)")
        #expect(d.code == .syntaxError, "\(text)")
        #expect(d.message == message, "\(text)")
        #expect(d.column == column, "\(text)")
    }

    /// A high surrogate escape with the input ending after it can never be completed.
    @Test func endsAfterAHighSurrogateEscape() throws {
        let d = try #require(try Self.only(Array(#"["\ud83d"#.utf8)))
        #expect(d.code == .invalidEncoding)
        #expect(d.message.hasPrefix("escaped lone surrogate \\uD83D"))
        #expect(d.column == 3)
    }

    /// The same cases through the command line: exit 1, the diagnostic, small memory.
    @Test func throughTheCommandLine() throws {
        let inputs: [[UInt8]] = [
            [0xEF, 0xBB, 0xBF, 0x7B, 0x7D], Array("[\"".utf8) + [0xED, 0xA0, 0x80] + Array("\"]".utf8),
            Array("[\"a".utf8) + [0] + Array("\"]".utf8), Array(#"{"a": tru"#.utf8), [0xFF],
        ]
        for input in inputs {
            let r = try Child.run(["lint", "--format", "jsonl", "-"], stdin: Data(input))
            #expect(r.status == 1)
            #expect(r.stdout.contains("\"code\":\"invalid_encoding\"") || r.stdout.contains("\"code\":\"syntax_error\""))
            #expect(r.peakRSS < HostilePayloadTests.maxRSS)
        }
    }
}
