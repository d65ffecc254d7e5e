import Testing
@testable import PayloadLint

/// The byte renderers (`jsonl` hot path) write exactly what the String renderers write.
@Suite struct ByteRenderingTests {
    static let samples: [String] = [
        "", "plain", "quote \" and \\ backslash", "controls \u{0}\u{1}\u{8}\u{9}\u{A}\u{C}\u{D}\u{1F} del \u{7F}",
        "line sep \u{2028} para sep \u{2029} end", "\u{2028}", "e2 not a separator: \u{2030} \u{20AC} €",
        "non-ASCII é 日本 🙂", String(repeating: "long run without escapes ", count: 200) + "\"",
        "ends with backslash \\",
    ]

    @Test func writeStringBytesMatchesString() {
        for s in ByteRenderingTests.samples {
            var text = ""
            JSONValue.writeString(s, to: &text)
            var bytes: [UInt8] = []
            JSONValue.writeString(s, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == text, "\(s.debugDescription)")
        }
    }

    /// A finding's line holds every field, in order, escaped, with the report's file, record and
    /// document where the finding has none (and no position for parameters).
    @Test func diagnosticLines() throws {
        let d = Diagnostic(code: .tooLong, severity: .warning, message: "too \"long\" \u{2028}", pointer: "/a~1b/0",
                           source: .body, line: 12, column: 3, offset: 1_234_567_890,
                           rule: RuleLocation(file: "rules/x.yaml", keywordPath: "body/properties/name", line: 7), limit: "2048")
        let p = Diagnostic(code: .typeMismatch, severity: .error, message: "m", pointer: "/uuid", source: .path, record: 3)
        var bytes: [UInt8] = []
        let withReport = Report(document: "pubnub.set-uuid-metadata", file: "dir/x.ndjson", record: 42, diagnostics: [d])
        appendDiagnosticJSON(d, report: withReport, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == #"{"file":"dir/x.ndjson","record":42,"document":"pubnub.set-uuid-metadata","code":"too_long","severity":"warning","pointer":"/a~1b/0","in":"body","line":12,"column":3,"offset":1234567890,"message":"too \"long\" \u2028","limit":"2048","actual":null,"rule":{"file":"rules/x.yaml","keywordPath":"body/properties/name","line":7}}"#)
        bytes = []
        appendDiagnosticJSON(p, report: Report(document: nil, file: nil, record: nil, diagnostics: [p]), to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == #"{"file":null,"record":3,"document":null,"code":"type_mismatch","severity":"error","pointer":"/uuid","in":"path","line":null,"column":null,"offset":null,"message":"m","limit":null,"actual":null,"rule":null}"#)
        #expect(diagnosticJSON(d, report: withReport).utf8.count > 100)
        for n in [0, 7, 10, 99, 100, 12345, Int.max, -1, Int.min] {
            var bytes: [UInt8] = []
            RawJSONWriter.append(to: &bytes) { $0.int(n) }
            #expect(String(decoding: bytes, as: UTF8.self) == String(n))
        }
    }

    /// `RawJSONWriter.append` appends exactly what it writes, whatever room its bound made:
    /// every sample, every single byte (escaped or not, `0xE2` alone), and U+2028/U+2029 cut short
    /// or at each position among eight-byte words, after bytes already there.
    @Test func appendsWhatItWrites() {
        var texts: [[UInt8]] = ByteRenderingTests.samples.map { Array($0.utf8) }
        texts += (0...255).map { [UInt8($0)] }
        texts += [[0xE2], [0xE2, 0x80], [0xE2, 0x80, 0xA8], [0xE2, 0x80, 0xA9], [0xE2, 0x80, 0xAA]]
        for pad in 0..<10 {
            texts.append(Array(repeating: UInt8(ascii: "a"), count: pad) + [0xE2, 0x80, 0xA8] + Array("\"\u{7F}x".utf8))
        }
        // Random texts of pieces that need escaping or not, ASCII and not, across word boundaries
        // (the writer tests eight bytes at a time).
        let pieces = ["a", "bc", "defghij", "\"", "\\", "\n", "\t", "\u{1}", "\u{7F}", "é", "€", "😀", "Ü", "\u{2028}",
                      "\u{2029}", "\u{2027}", "\u{202A}", "東京", " ", "/"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            let count = Int.random(in: 1...24, using: &generator)
            texts.append(Array((0..<count).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined().utf8))
        }
        for text in texts {
            // The String renderer's text where `text` is UTF-8; a lone byte of 0x80 or more is copied.
            var expected: [UInt8] = [0x22] + text + [0x22]
            if let valid = String(validating: text, as: UTF8.self) {
                var rendered = ""
                JSONValue.writeString(valid, to: &rendered)
                expected = Array(rendered.utf8)
            }
            var out: [UInt8] = [1, 2, 3]
            RawJSONWriter.append(to: &out) { w in text.withUnsafeBufferPointer { w.escaped($0) } }
            #expect(Array(out.dropFirst(3)) == expected, "\(text)")
            #expect(out.prefix(3) == [1, 2, 3])
        }
    }

    /// Numbers are written as `String(n)` on both sides of every power of ten (the digits are
    /// counted by comparison up to eight, and written two at a time).
    @Test func numbersAtEveryPowerOfTen() {
        var values: [Int] = [0, 1, 9, Int.max, Int.min, Int.min + 1]
        var power = 1
        for _ in 1...18 {
            power *= 10
            values += [power - 1, power, power + 1, -power, -(power - 1)]
        }
        for n in values {
            var bytes: [UInt8] = []
            RawJSONWriter.append(to: &bytes) { $0.int(n) }
            #expect(String(decoding: bytes, as: UTF8.self) == String(n))
            #expect(DecimalDigits.count(n.magnitude) == String(n.magnitude).count)
        }
    }

    /// Each place a value comes from is named as its raw value (`"in"`), the position `null`
    /// outside the body.
    @Test func everySourceIsNamed() {
        for source in ValueSource.allCases {
            var bytes: [UInt8] = []
            RawJSONWriter.append(to: &bytes) { $0.findingPosition(source: source, line: 2, column: 3, offset: 4) }
            let position = source == .body ? #""line":2,"column":3,"offset":4"# : #""line":null,"column":null,"offset":null"#
            #expect(String(decoding: bytes, as: UTF8.self) == #","in":"\#(source.rawValue)",\#(position),"message":"#)
        }
    }

    /// Every length up to 40 bytes, with one byte to escape (or a plain multi-byte character) at
    /// every position: the escaper's words, its last overlapping word and its bytes one by one
    /// agree with the String renderer, and written into room of exactly its bound (guard bytes
    /// after it), it stores nothing past the bound (its word stores may pass the text's end).
    @Test func escapesAtEveryPositionAndLength() {
        let specials: [[UInt8]] = [[0x22], [0x5C], [0x0A], [0x01], [0x7F], Array("é".utf8), Array("\u{2028}".utf8),
                                   Array("€".utf8)]
        for n in 0...40 {
            for special in specials {
                for k in 0...n {
                    let text = Array(repeating: UInt8(ascii: "a"), count: k) + special
                        + Array(repeating: UInt8(ascii: "b"), count: n - k)
                    var rendered = ""
                    JSONValue.writeString(String(decoding: text, as: UTF8.self), to: &rendered)
                    var out: [UInt8] = [9]
                    RawJSONWriter.append(to: &out) { w in text.withUnsafeBufferPointer { w.escaped($0) } }
                    #expect(Array(out.dropFirst()) == Array(rendered.utf8), "\(text)")
                    let body: (inout RawJSONWriter) -> Void = { w in text.withUnsafeBufferPointer { w.escaped($0) } }
                    let bound = RawJSONWriter.bound(body)
                    var room = [UInt8](repeating: 0xAA, count: bound + 16)
                    let used = room.withUnsafeMutableBytes { r -> Int in
                        guard let base = r.baseAddress else { return -1 }
                        return RawJSONWriter.write(at: base, capacity: bound, body)
                    }
                    #expect(Array(room[..<used]) == Array(rendered.utf8), "\(text)")
                    #expect(room[bound...].allSatisfy { $0 == 0xAA }, "stored past the bound: \(text)")
                }
            }
            let plain = Array(repeating: UInt8(ascii: "p"), count: n)
            var out: [UInt8] = []
            RawJSONWriter.append(to: &out) { w in plain.withUnsafeBufferPointer { w.escapedInner($0) } }
            #expect(out == plain)
        }
    }
}
