import JSONStream
import TestSupport
import Testing

@Suite("NDJSON")
struct NDJSONTests {
    static let ndjson = JSONReader.Options.with { $0.ndjson = true }

    /// Reads every record, skipping bad ones: (record line, kinds) per good record, errors.
    func records(_ input: [UInt8], cuts: [Int] = []) -> (good: [Int: [JSONEventKind]], errors: [JSONStreamError], count: Int) {
        var reader = JSONReader(options: Self.ndjson)
        var good: [Int: [JSONEventKind]] = [:]
        var errors: [JSONStreamError] = []
        var bounds = cuts.filter { $0 > 0 && $0 < input.count }
        bounds.append(input.count)
        var from = 0
        var finished = false
        var bad: Set<Int> = []
        while true {
            do {
                while let e = try reader.next() { good[reader.recordLine, default: []].append(e.kind) }
                if reader.isAtEnd { break }
                if let to = bounds.first {
                    bounds.removeFirst()
                    input[from..<to].withUnsafeBytes { reader.feed($0) }
                    from = to
                } else if !finished {
                    reader.finish()
                    finished = true
                } else {
                    Issue.record("reader neither at end nor producing")
                    break
                }
            } catch {
                errors.append(error)
                if let r = error.record { bad.insert(r) }
                reader.skipRecord()
            }
        }
        for r in bad { good[r] = nil }
        return (good, errors, reader.recordCount)
    }

    /// A bad record reports the same error whether more lines follow it or the input ends right
    /// after its newline (a block of lines linted on its own ends there): an escape or a UTF-8
    /// sequence cut short by the line's end is judged on the bytes the line has.
    static let cutShort: [([UInt8], String)] = {
        let escape = "invalid \\u escape: expected four hexadecimal digits"
        let quote: [UInt8] = [0x22]
        return [
            (bytes("{\"a\": \"\\u\"}"), escape),
            (bytes("{\"a\": \"\\u1\"}"), escape),
            (bytes("{\"a\": \"\\u12"), escape),
            (quote + [0xF0] + quote, "invalid UTF-8 sequence starting with byte 0xF0 in string"),
            (quote + [0xE2, 0x82] + quote, "invalid UTF-8 sequence starting with byte 0xE2 in string"),
            (quote + [0xF0, 0x9F], "invalid UTF-8 sequence starting with byte 0xF0 in string"),
        ]
    }()

    @Test(arguments: cutShort)
    func aLinesErrorDoesNotDependOnWhatFollowsIt(line: [UInt8], message: String) {
        let last = line + bytes("\n")
        let middle = last + bytes("{\"b\": 1}\n")
        for input in [last, middle] {
            let got = records(input)
            #expect(got.errors.count == 1)
            #expect(got.errors.first?.message == message, "\(input)")
            #expect(got.errors.first?.offset == records(middle).errors.first?.offset)
        }
        // Fed a byte at a time, the reader waits for more instead of judging early.
        let cuts = Array(1..<last.count)
        let bytewise = records(last, cuts: cuts).errors.first?.message
        #expect(bytewise == message)
    }

    @Test func severalRecordsWithLineNumbersAndBlankLines() {
        let input = bytes("{\"a\":1}\n\n[2]\r\n  \"s\"  \n\n\n3\n")
        let r = records(input)
        #expect(r.errors.isEmpty)
        #expect(r.good == [1: [.objectStart, .key, .number, .objectEnd], 3: [.arrayStart, .number, .arrayEnd], 4: [.string], 7: [.number]])
        #expect(r.count == 4)
        let got = read(input, options: Self.ndjson)
        #expect(got.events.map(\.line) == [1, 1, 1, 1, 3, 3, 3, 4, 7])
        #expect(got.events.map(\.depth) == [0, 1, 1, 0, 0, 1, 0, 0, 0])
        #expect(got.events.map(\.record) == [1, 1, 1, 1, 3, 3, 3, 4, 7])
        #expect(got.events[8].offset == input.count - 2)
        for cut in 0...input.count { #expect(read(input, cuts: [cut], options: Self.ndjson) == got) }
    }

    @Test func badRecordInTheMiddleIsSkipped() throws {
        let input = bytes("{\"id\":1}\n{\"id\":}\n{\"id\":3}\n")
        let r = records(input)
        #expect(r.good.keys.sorted() == [1, 3])
        let e = try #require(r.errors.first)
        #expect(r.errors.count == 1)
        #expect(e.message == "expected a value, found '}'")
        #expect(e.record == 2)
        #expect(e.line == 2 && e.column == 7)
        #expect(e.offset == 15)
        #expect(e.pointer == "/id")
        #expect(r.count == 3)
        // Whatever the chunking.
        for cut in 0...input.count {
            let split = records(input, cuts: [cut])
            #expect(split.good == r.good && split.errors == r.errors, "cut \(cut)")
        }
        let bytewise = records(input, cuts: Array(0..<input.count))
        #expect(bytewise.good == r.good && bytewise.errors == r.errors)
    }

    @Test func manyKindsOfBadRecords() {
        let lines = [
            "{\"ok\":1}",
            "{\"a\":\"unterminated",   // raw newline ends the string
            "[1, 2",                   // line ends inside the record
            "1 2",                     // two values on one line
            "{\"ok\":5}",
            "[\"\\ud800\"]",           // lone surrogate
            "{\"a\":1,}",              // trailing comma
            "true",
        ]
        let input = bytes(lines.joined(separator: "\n"))
        let r = records(input)
        #expect(r.good.keys.sorted() == [1, 5, 8])
        #expect(r.errors.map(\.record) == [2, 3, 4, 6, 7])
        #expect(r.errors.map(\.message) == [
            "unescaped control character U+000A in string (write it as \\u000A)",
            "the line ends inside the record's array (NDJSON records are one line each)",
            "expected the end of the line after the record's value, found '2'",
            "escaped lone surrogate \\uD800: a high surrogate must be followed by an escaped low surrogate",
            "expected a member name after ',', found '}' (trailing commas are not allowed)",
        ])
        #expect(r.errors.map(\.line) == [2, 3, 4, 6, 7])
        let bytewise = records(input, cuts: Array(0..<input.count))
        #expect(bytewise.good == r.good && bytewise.errors == r.errors)
    }

    @Test func recordSpanningTwoLinesFailsAndTheNextLineIsItsOwnRecord() {
        let r = records(bytes("{\"a\":\n1}\n[2]"))
        #expect(r.errors.map(\.record) == [1, 2])
        #expect(r.errors.map(\.message) == [
            "the line ends inside the record's object (NDJSON records are one line each)",
            "expected the end of the line after the record's value, found '}'",
        ])
        #expect(r.good.keys.sorted() == [3])
    }

    @Test func badLastRecordWithoutNewline() {
        let r = records(bytes("1\n{"))
        #expect(r.good.keys.sorted() == [1])
        #expect(r.errors.map(\.message) == ["expected a member name, found the end of input (unclosed object)"])
    }

    @Test func emptyStreamIsFine() {
        #expect(read("", options: Self.ndjson).error == nil)
        #expect(read("\n\n  \n", options: Self.ndjson).error == nil)
        #expect(read("", options: Self.ndjson).events.isEmpty)
    }

    @Test func offsetsAreInTheWholeStream() {
        let got = read("[1]\n[22]\n", options: Self.ndjson)
        #expect(got.events.map(\.offset) == [0, 1, 2, 4, 5, 7])
        #expect(got.events.map(\.column) == [1, 2, 3, 1, 2, 4])
    }

    @Test func documentSizeLimitIsPerRecord() {
        let options = JSONReader.Options.with { $0.ndjson = true; $0.maxDocumentBytes = 8 }
        let r = read("[1,2,3]\n[1,2,3,4,5]\n[1]\n", options: options)
        #expect(r.error?.kind == .sizeLimit)
        #expect(r.error?.record == 2)
        #expect(r.error?.message == "the document is larger than 8 bytes")
    }

    /// `lastNewline` finds the last newline at every length and position (the words from the end,
    /// the bytes before them), with newlines and bytes one off a newline (0x0B, 0x09, 0x8A) around.
    @Test func lastNewlineAtEveryLengthAndPosition() {
        for n in 0...40 {
            for filler: UInt8 in [0x61, 0x0B, 0x09, 0x8A, 0x00] {
                let none = [UInt8](repeating: filler, count: n)
                none.withUnsafeBytes { #expect(JSONReader.lastNewline(in: $0) == nil) }
                for k in 0..<n {
                    var bytes = none
                    bytes[k] = 0x0A
                    bytes.withUnsafeBytes { #expect(JSONReader.lastNewline(in: $0) == k) }
                    // An earlier newline does not hide it.
                    if k > 0 {
                        bytes[k / 2] = 0x0A
                        bytes.withUnsafeBytes { #expect(JSONReader.lastNewline(in: $0) == k) }
                    }
                }
            }
        }
        #expect(JSONReader.lastNewline(in: UnsafeRawBufferPointer(start: nil, count: 0)) == nil)
    }

    /// `newlineCount` agrees with a byte-by-byte count: every length around its 64-byte rounds,
    /// bytes one off a newline, and inputs of nothing but newlines longer than the 63 rounds a
    /// byte lane can count before it is summed.
    @Test func newlineCountAgreesWithACountByteByByte() {
        var rng = SplitMix64(seed: 0x6E6C_636F_756E_74)
        let alphabet: [UInt8] = [0x0A, 0x0A, 0x61, 0x0B, 0x09, 0x8A, 0x00, 0xFF, 0x20]
        for n in Array(0...200) + [4031, 4032, 4033, 4096, 8191, 65_536, 262_144 + 7] {
            for _ in 0..<(n < 300 ? 4 : 2) {
                let bytes = (0..<n).map { _ in alphabet.randomElement(using: &rng) ?? 0 }
                let expected = bytes.filter { $0 == 0x0A }.count
                bytes.withUnsafeBytes { #expect(JSONReader.newlineCount(in: $0) == expected, "length \(n)") }
            }
            let all = [UInt8](repeating: 0x0A, count: n)
            all.withUnsafeBytes { #expect(JSONReader.newlineCount(in: $0) == n) }
            // From an odd address: the loads are unaligned.
            ([0x61] + all).withUnsafeBytes { #expect(JSONReader.newlineCount(in: UnsafeRawBufferPointer(rebasing: $0[1...])) == n) }
        }
        #expect(JSONReader.newlineCount(in: UnsafeRawBufferPointer(start: nil, count: 0)) == 0)
    }
}
