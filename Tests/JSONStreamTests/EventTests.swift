import JSONStream
import Testing

@Suite("Events, positions and pointers")
struct EventTests {
    struct Expected {
        var kind: JSONEventKind, pointer: String, value: String, offset: Int, line: Int, column: Int, depth: Int
        init(_ kind: JSONEventKind, _ pointer: String, _ value: String, _ offset: Int, _ line: Int, _ column: Int, _ depth: Int) {
            self.kind = kind; self.pointer = pointer; self.value = value
            self.offset = offset; self.line = line; self.column = column; self.depth = depth
        }
    }

    func check(_ input: String, _ expected: [Expected], sourceLocation: SourceLocation = #_sourceLocation) {
        let got = read(input)
        #expect(got.error == nil, sourceLocation: sourceLocation)
        #expect(got.events.count == expected.count, "\(got.events)", sourceLocation: sourceLocation)
        for (g, x) in zip(got.events, expected) {
            #expect(g.kind == x.kind, sourceLocation: sourceLocation)
            #expect(g.pointer == x.pointer, "\(g)", sourceLocation: sourceLocation)
            #expect(g.value == x.value, "\(g)", sourceLocation: sourceLocation)
            #expect(g.offset == x.offset, "\(g)", sourceLocation: sourceLocation)
            #expect(g.line == x.line, "\(g)", sourceLocation: sourceLocation)
            #expect(g.column == x.column, "\(g)", sourceLocation: sourceLocation)
            #expect(g.depth == x.depth, "\(g)", sourceLocation: sourceLocation)
        }
    }

    /// `nextOrNone()` gives `next()`'s events, then `JSONEvent.none` where `next()` gives nil (at
    /// the end of each chunk and of the input), and the same errors.
    @Test func nextOrNoneIsNextWithoutTheOptional() throws {
        let input = Array(#"{"a": [1, "x\n", {"b": null}], "c": -2.5e3}"#.utf8) + Array("\n[true]\n{\"d\": }\n".utf8)
        func events(_ cut: Int, _ next: (inout JSONReader) throws(JSONStreamError) -> JSONEvent?) -> ([JSONEvent], [String]) {
            var reader = JSONReader(options: .with { $0.ndjson = true })
            var got: [JSONEvent] = []
            var errors: [String] = []
            for (k, chunk) in [input[..<cut], input[cut...]].enumerated() {
                chunk.withUnsafeBytes { reader.feed($0) }
                if k == 1 { reader.finish() }
                while true {
                    do throws(JSONStreamError) {
                        guard let e = try next(&reader) else { break }
                        got.append(e)
                    } catch {
                        errors.append(error.message)
                        reader.skipRecord()
                    }
                }
            }
            return (got, errors)
        }
        for cut in [0, 1, 5, 9, 30, input.count] {
            let viaOptional = events(cut) { r throws(JSONStreamError) in try r.next() }
            var nones = 0
            let viaNone = events(cut) { r throws(JSONStreamError) in
                let e = try r.nextOrNone()
                if e.isNone { nones += 1; return nil }
                return e
            }
            #expect(viaNone.0 == viaOptional.0, "cut at \(cut)")
            #expect(viaNone.1 == viaOptional.1 && viaNone.1.count == 1, "cut at \(cut)")
            #expect(nones == 2, "cut at \(cut)")
            #expect(viaNone.0.count == 18 && !viaNone.0.contains(where: \.isNone))
        }
        #expect(JSONEvent.none.isNone)
    }

    @Test func nestedDocumentOnTwoLines() {
        check("{\"a\": [1, \"x\"],\n \"b\": {\"c\": true}}", [
            .init(.objectStart, "", "", 0, 1, 1, 0),
            .init(.key, "/a", "a", 1, 1, 2, 1),
            .init(.arrayStart, "/a", "", 6, 1, 7, 1),
            .init(.number, "/a/0", "1", 7, 1, 8, 2),
            .init(.string, "/a/1", "x", 10, 1, 11, 2),
            .init(.arrayEnd, "/a", "", 13, 1, 14, 1),
            .init(.key, "/b", "b", 17, 2, 2, 1),
            .init(.objectStart, "/b", "", 22, 2, 7, 1),
            .init(.key, "/b/c", "c", 23, 2, 8, 2),
            .init(.true, "/b/c", "true", 28, 2, 13, 2),
            .init(.objectEnd, "/b", "", 32, 2, 17, 1),
            .init(.objectEnd, "", "", 33, 2, 18, 0),
        ])
    }

    @Test func everyScalarKind() {
        check("[false,null,true,-1.5e3,\"s\",{},[]]", [
            .init(.arrayStart, "", "", 0, 1, 1, 0),
            .init(.false, "/0", "false", 1, 1, 2, 1),
            .init(.null, "/1", "null", 7, 1, 8, 1),
            .init(.true, "/2", "true", 12, 1, 13, 1),
            .init(.number, "/3", "-1.5e3", 17, 1, 18, 1),
            .init(.string, "/4", "s", 24, 1, 25, 1),
            .init(.objectStart, "/5", "", 28, 1, 29, 1),
            .init(.objectEnd, "/5", "", 29, 1, 30, 1),
            .init(.arrayStart, "/6", "", 31, 1, 32, 1),
            .init(.arrayEnd, "/6", "", 32, 1, 33, 1),
            .init(.arrayEnd, "", "", 33, 1, 34, 0),
        ])
    }

    @Test(arguments: [
        ("0", JSONEventKind.number), ("-0", .number), ("1e-7", .number), ("12.5E+3", .number),
        ("123456789012345678901234567890.123456789e-300", .number), ("\"top\"", .string),
        ("true", .true), ("false", .false), ("null", .null),
    ])
    func topLevelScalars(text: String, kind: JSONEventKind) {
        let got = read("  " + text + " \r\n\t")
        #expect(got.error == nil)
        #expect(got.events.count == 1)
        #expect(got.events.first?.kind == kind)
        #expect(got.events.first?.offset == 2)
        #expect(got.events.first?.column == 3)
        #expect(got.events.first?.depth == 0)
        #expect(got.events.first?.pointer == "")
        let expectedValue = kind == .string ? "top" : text
        #expect(got.events.first?.value == expectedValue)
    }

    @Test func lineAndColumnCountingAcrossCRLF() {
        let got = read("[\r\n  1,\r\n\r\n   \"é\",\n\t null\n]")
        #expect(got.error == nil)
        let positions = got.events.map { [$0.offset, $0.line, $0.column] }
        #expect(positions == [[0, 1, 1], [5, 2, 3], [14, 4, 4], [22, 5, 3], [27, 6, 1]])
    }

    @Test func stringFigures() {
        // (source, decoded, byteCount, scalarCount, hasEscapes, isASCII)
        let cases: [(String, String, Int, Int, Bool, Bool)] = [
            (#""""#, "", 0, 0, false, true),
            (#""plain ascii text""#, "plain ascii text", 16, 16, false, true),
            (#""a\"b\\c\/d""#, "a\"b\\c/d", 7, 7, true, true),
            (#""\b\f\n\r\t""#, "\u{8}\u{c}\n\r\t", 5, 5, true, true),
            (#""\u0041\u00e9""#, "Aé", 3, 2, true, false),
            (#""caf\u00E9""#, "café", 5, 4, true, false),
            (#""\ud83d\ude00!""#, "😀!", 5, 2, true, false),
            ("\"é😀\"", "é😀", 6, 2, false, false),
            ("\"e\u{301}\"", "e\u{301}", 3, 2, false, false),  // combining acute: two scalars
            ("\"日本語\"", "日本語", 9, 3, false, false),
            (#""\u0000""#, "\u{0}", 1, 1, true, true),
            (#""\u20AC""#, "€", 3, 1, true, false),
        ]
        for (source, decoded, byteCount, scalarCount, escapes, ascii) in cases {
            let got = read(source)
            #expect(got.error == nil, "\(source)")
            guard let e = got.events.first else { Issue.record("no event for \(source)"); continue }
            #expect(e.value == decoded, "\(source)")
            #expect(e.byteCount == byteCount, "\(source) byteCount")
            #expect(e.byteCount == decoded.utf8.count, "\(source) byteCount vs decoded")
            #expect(e.scalarCount == scalarCount, "\(source) scalarCount")
            #expect(e.scalarCount == decoded.unicodeScalars.count, "\(source) scalarCount vs decoded")
            #expect(e.hasEscapes == escapes, "\(source) hasEscapes")
            #expect(e.isASCII == ascii, "\(source) isASCII")
        }
    }

    @Test func numberFiguresAndRawBytes() {
        var reader = JSONReader()
        reader.feed(bytes("[-12.5E+3, \"a\\nb\"]"))
        reader.finish()
        _ = try? reader.next()
        let n = try? reader.next()
        #expect(n?.kind == .number)
        #expect(n?.byteCount == 8)
        #expect(n?.sourceLength == 8)
        if let n { #expect(reader.withRawBytes(n) { Array($0) } == bytes("-12.5E+3")) }
        let s = try? reader.next()
        #expect(s?.kind == .string)
        #expect(s?.sourceLength == 6)
        if let s {
            #expect(reader.withRawBytes(s) { Array($0) } == bytes("a\\nb"))
            #expect(reader.withDecodedBytes(s) { Array($0) } == bytes("a\nb"))
        }
    }

    @Test func keyFigures() {
        let got = read(#"{"caf\u00e9": 1, "ü": 2}"#)
        #expect(got.error == nil)
        let keys = got.events.filter { $0.kind == .key }
        #expect(keys.map(\.value) == ["café", "ü"])
        #expect(keys.map(\.hasEscapes) == [true, false])
        #expect(keys.map(\.isASCII) == [false, false])
        #expect(keys.map(\.byteCount) == [5, 2])
        #expect(keys.map(\.scalarCount) == [4, 1])
        #expect(keys.map(\.pointer) == ["/café", "/ü"])
    }

    @Test func pointersEscapeTildeAndSlashAndCountIndices() {
        let got = read(#"{"a/b": {"m~n": [10, [20, {"": 30, "~1": [true]}]]}, "x\/y": 1}"#)
        #expect(got.error == nil)
        let scalars = got.events.filter { $0.kind.isScalar }.map { "\($0.pointer)=\($0.value)" }
        #expect(scalars == ["/a~1b/m~0n/0=10", "/a~1b/m~0n/1/0=20", "/a~1b/m~0n/1/1/=30", "/a~1b/m~0n/1/1/~01/0=true", "/x~1y=1"])
        #expect(JSONPointer.escape("a/b~c") == "a~1b~0c")
        #expect(JSONPointer.escape("plain é") == "plain é")
        #expect(JSONPointer.escape("") == "")
        #expect(JSONPointer.segments("/a~1b/m~0n/0/") == ["a/b", "m~n", "0", ""])
        #expect(JSONPointer.segments("") == [])
        #expect(JSONPointer.segments("a") == nil)
        #expect(JSONPointer.lastSegment("/a~1b/m~0n") == "m~n")
        #expect(JSONPointer.lastSegment("/x/a~1b") == "a/b")
        #expect(JSONPointer.lastSegment("/list/0") == "0")
        #expect(JSONPointer.lastSegment("/é") == "é")
        #expect(JSONPointer.lastSegment("/a/") == "")
        #expect(JSONPointer.lastSegment("") == nil)
        #expect(JSONPointer.segments("/a~2") == nil)
    }

    @Test func pointerHelpers() throws {
        var reader = JSONReader()
        reader.feed(bytes(#"{"data": [{"id": 7}]}"#))
        reader.finish()
        while let e = try reader.next() {
            if e.kind == .number {
                #expect(reader.pointer == "/data/0/id")
                #expect(reader.pointerSegmentCount == 3)
                #expect(reader.withCurrentKey(ofFrame: 0) { String(decoding: $0, as: UTF8.self) } == "data")
                #expect(reader.currentIndex(ofFrame: 1) == 0)
                #expect(reader.withCurrentKey(ofFrame: 1) { _ in 0 } == nil)
                #expect(reader.depth == 3)  // object, array, object
            }
        }
        #expect(reader.isAtEnd == true)
    }

    /// Names are copied into pointers whole unless they hold `~` or `/` (tested eight bytes at a
    /// time): each character at each position of names of 1 to 20 bytes.
    @Test func pointerEscapesAtEveryPositionOfAName() throws {
        for length in 1...20 {
            for at in 0..<length {
                for special in ["~", "/", "a"] {
                    var name = Array(repeating: "x", count: length)
                    name[at] = special
                    let text = name.joined()
                    var reader = JSONReader()
                    reader.feed(bytes("{\"" + text + "\": {\"k\": 1}}"))
                    reader.finish()
                    var expected = text.replacingOccurrences(of: "~", with: "~0")
                    expected = expected.replacingOccurrences(of: "/", with: "~1")
                    while let e = try reader.next() {
                        if e.kind == .number {
                            #expect(reader.pointer == "/" + expected + "/k", "\(text)")
                            #expect(reader.pointer(prefix: "", suffix: "") == "/" + expected + "/k", "\(text)")
                        }
                    }
                }
            }
        }
    }

    @Test func pointerWithPrefixAndSuffixMatchesAppendPointer() throws {
        // Indices of several digits, escaped names, an empty name and non-ASCII.
        var text = #"{"a/b": {"m~n": ["#
        text += (0..<1234).map(String.init).joined(separator: ",")
        text += #", {"": {"é~/": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, "deep"]}}]}}"#
        var reader = JSONReader()
        reader.feed(bytes(text))
        reader.finish()
        var checked = 0
        while let e = try reader.next() {
            guard e.kind.isScalar else { continue }
            var viaArray: [UInt8] = []
            reader.appendPointer(to: &viaArray)
            let plain = reader.pointer
            #expect(plain == String(decoding: viaArray, as: UTF8.self))
            #expect(reader.pointer(prefix: "/body", suffix: "/x~1y") == "/body" + plain + "/x~1y")
            checked += 1
        }
        #expect(checked == 1234 + 12)
        #expect(reader.pointer(prefix: "", suffix: "") == "")
        #expect(reader.pointer(prefix: "/p", suffix: "/s") == "/p/s")
    }

    @Test func pointerOfTheLastElements() throws {
        var reader = JSONReader()
        reader.feed(bytes(#"{"list": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, {"k/": 99}]}"#))
        reader.finish()
        var pointers: [String] = []
        while let e = try reader.next() {
            if e.kind == .number { pointers.append(reader.pointer) }
        }
        #expect(pointers.suffix(4) == ["/list/8", "/list/9", "/list/10", "/list/11/k~1"])
    }

    @Test func readerReportsEndAndStaysThere() throws {
        var reader = JSONReader()
        reader.feed(bytes("[1]"))
        #expect(try reader.next()?.kind == .arrayStart)
        #expect(try reader.next()?.kind == .number)
        #expect(try reader.next()?.kind == .arrayEnd)
        #expect(try reader.next() == nil)
        #expect(reader.isAtEnd == false)
        reader.finish()
        #expect(try reader.next() == nil)
        #expect(reader.isAtEnd == true)
        #expect(try reader.next() == nil)
        #expect(reader.recordCount == 1)
    }

    @Test func feedAcceptsDataLikeCollections() throws {
        var reader = JSONReader()
        reader.feed(contentsOf: bytes("[tr")[...])
        reader.feed(contentsOf: "ue]".utf8)
        reader.finish()
        var kinds: [JSONEventKind] = []
        while let e = try reader.next() { kinds.append(e.kind) }
        #expect(kinds == [.arrayStart, .true, .arrayEnd])
    }
}
