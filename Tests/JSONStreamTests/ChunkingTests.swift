import JSONStream
import Testing

/// Whatever the chunk boundaries, the reader must report exactly the same events (kind, pointer,
/// decoded value, positions, figures) and the same error.
@Suite("Chunk boundaries")
struct ChunkingTests {
    static let samples: [String] = [
        // escapes of every kind, surrogate pair, multibyte UTF-8, combining marks
        #"{"esc": "q\"b\\s\/c\b\f\n\r\t\u00e9 \ud83d\ude00 \u0041", "multi": "é😀 e\#u{301} 日本", "k\u00e9y": "v"}"#,
        // numbers of every shape, literals at every position
        "[-0, 0, 1e-7, 12.5E+3, -1.25e-10, 123456789012345678901234567890, 0.5, 1E9, true, false, null]",
        // nesting, empty containers, whitespace and newlines
        "{\n  \"a\": [[], {}, [[1]], {\"b\": {\"c\": [null, true]}}],\r\n  \"d\\/e~f\": {\"\": \"\"},\n  \"z\": false\n}",
        // literals and numbers straddling the end
        "[true,false,null,1,22,333]",
        "true", "null", "-12.5e-3", "\"é😀\"",
        // one record per line (NDJSON) with blank lines
        "{\"a\":1}\n\n[2,\"x\"]\r\n\"s\"\n3\n",
    ]

    static let failing: [String] = [
        "{\"a\": 1]", "[1,]", "[01]", "\"abc", "[\"\\x\"]", "[\"\\ud800\"]", "{\"a\" 1}", "[1 2]", "[truex]",
        "[nul]", "[-]", "[1.]", "[1e]", "[\"a\u{1}\"]", "{\"a\":1}x", "",
    ]

    func assertSameEverywhere(_ input: [UInt8], options: JSONReader.Options, sourceLocation: SourceLocation = #_sourceLocation) {
        let whole = read(input, options: options)
        // Copied chunks, and chunks read in place (`feed(borrowing:)`).
        for inPlace in [false, true] {
            for cut in 0...input.count {
                let split = read(input, cuts: [cut], options: options, inPlace: inPlace)
                #expect(split == whole, "split at \(cut) of \(String(decoding: input, as: UTF8.self).debugDescription), in place: \(inPlace)", sourceLocation: sourceLocation)
                if split != whole { return }
            }
            // Two cuts, every pair (small inputs only), then 1-byte chunks.
            if input.count <= 40 {
                for a in 0...input.count {
                    for b in a...input.count {
                        let split = read(input, cuts: [a, b], options: options, inPlace: inPlace)
                        #expect(split == whole, "cuts \(a),\(b), in place: \(inPlace)", sourceLocation: sourceLocation)
                        if split != whole { return }
                    }
                }
            }
            let bytewise = read(input, cuts: Array(0..<input.count), options: options, inPlace: inPlace)
            #expect(bytewise == whole, "1-byte chunks, in place: \(inPlace)", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: samples)
    func validSamplesGiveIdenticalEvents(_ sample: String) {
        let ndjson = sample.hasPrefix("{\"a\":1}\n")
        let options = JSONReader.Options.with { $0.ndjson = ndjson }
        let whole = read(bytes(sample), options: options)
        #expect(whole.error == nil, "\(whole.error.map(String.init(describing:)) ?? "")")
        #expect(!whole.events.isEmpty)
        assertSameEverywhere(bytes(sample), options: options)
    }

    @Test(arguments: failing)
    func failingSamplesGiveIdenticalErrors(_ sample: String) {
        let whole = read(sample)
        #expect(whole.error != nil, "\(sample.debugDescription) should fail")
        assertSameEverywhere(bytes(sample), options: .init())
    }

    @Test func decodedValuesOfTheEscapeSample() {
        let got = read(bytes(Self.samples[0]))
        let strings = got.events.filter { $0.kind == .string || $0.kind == .key }.map(\.value)
        #expect(strings == ["esc", "q\"b\\s/c\u{8}\u{c}\n\r\té 😀 A", "multi", "é😀 e\u{301} 日本", "kéy", "v"])
    }

    @Test func byteOrderMarkSplitAnywhere() {
        let input: [UInt8] = [0xEF, 0xBB, 0xBF] + bytes("[1]")
        assertSameEverywhere(input, options: .with { $0.allowByteOrderMark = true })
        assertSameEverywhere(input, options: .init())
    }

    @Test func longStringAcrossManyChunks() {
        var s = "\""
        for i in 0..<2000 { s += i % 7 == 0 ? "\\n\\u00e9é" : "abcdefgh" }
        s += "\""
        let input = bytes(s)
        let whole = read(input)
        #expect(whole.error == nil)
        for size in [1, 2, 3, 5, 7, 8, 9, 13, 64, 1000] {
            let cuts = Array(stride(from: size, to: input.count, by: size))
            #expect(read(input, cuts: cuts) == whole, "chunks of \(size)")
        }
    }
}
