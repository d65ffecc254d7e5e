import Foundation
import JSONStream
import TestSupport
import Testing

@Suite("Duplicate member names")
struct DuplicateKeyTests {
    func duplicates(_ input: String, options: JSONReader.Options = .init()) -> [(String, String, Int, Int?)] {
        let got = read(bytes(input), options: options)
        #expect(got.error == nil)
        return got.events.filter { $0.kind == .key && $0.isDuplicateKey }.map { ($0.value, $0.pointer, $0.offset, $0.duplicateOfOffset) }
    }

    /// `lastKeyHash` (computed while the name is copied, a word at a time, or byte by byte near
    /// the end of the buffer) is `nameHash` of the decoded name, whatever its length and escapes.
    @Test func keyHashIsNameHashOfTheDecodedName() throws {
        var names: [String] = ["é", "日本語のキー", #"tab\there"#, #"a\u0000b"#, #"\ud83d\ude00x"#, "x/y~z"]
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        for n in 0..<40 {
            var name = ""
            for k in 0..<n { name.append(letters[(k * 7 + n) % 26]) }
            names.append(name)
        }
        for name in names {
            let input = Array("{\"\(name)\": 1}".utf8)
            // Fed whole, and with the buffer ending right after the name (its last word then
            // cannot be loaded past it).
            for first in [input.count, min(name.utf8.count + 3, input.count)] {
                var reader = JSONReader()
                var seen: (hash: UInt64, decoded: String)?
                func drain() throws(JSONStreamError) {
                    while let e = try reader.next() {
                        if e.kind == .key { seen = (reader.lastKeyHash, reader.string(e)) }
                    }
                }
                input[..<first].withUnsafeBytes { reader.feed($0) }
                try drain()
                input[first...].withUnsafeBytes { reader.feed($0) }
                reader.finish()
                try drain()
                let key = try #require(seen, "\(name.debugDescription)")
                #expect(key.hash == JSONReader.nameHash(Array(key.decoded.utf8)), "\(name.debugDescription), first \(first)")
            }
        }
    }

    @Test func plainDuplicateWithBothLocations() throws {
        var reader = JSONReader()
        reader.feed(bytes("{\"a\": 1,\n \"b\": 2,\n \"a\": 3}"))
        reader.finish()
        var found = false
        while let e = try reader.next() {
            guard e.kind == .key else { continue }
            if reader.string(e) == "a" && e.line == 3 {
                #expect(e.isDuplicateKey)
                #expect(e.offset == 19 && e.column == 2)
                let duplicateOf = reader.duplicateOf
                let first = try #require(duplicateOf)
                #expect(first.offset == 1 && first.line == 1 && first.column == 2)
                found = true
            } else {
                #expect(!e.isDuplicateKey)
                #expect(reader.duplicateOf == nil)
            }
        }
        #expect(found)
    }

    @Test func escapedAndUnescapedSpellingsAreTheSameName() {
        let d = duplicates(#"{"a": 1, "\u0061": 2, "caf\u00e9": 3, "café": 4}"#)
        #expect(d.map(\.0) == ["a", "café"])
        #expect(d.map(\.2) == [9, 38])
        #expect(d.map(\.3) == [1, 22])
    }

    @Test func namesInDifferentObjectsAreNotDuplicates() {
        #expect(duplicates(#"{"a": {"a": 1}, "b": {"a": 2, "b": [{"a": 3}, {"a": 4}]}}"#).isEmpty)
        // After a nested object closes, the outer object's names are still compared.
        let d = duplicates(#"{"x": {"y": 1, "z": 2}, "y": 3, "x": 4}"#)
        #expect(d.map(\.0) == ["x"])
        #expect(d.map(\.3) == [1])
    }

    @Test func largeObjectUsesTheHashIndex() {
        // 40 members (the index is built at 32), then duplicates of an early, a late and an
        // escaped-spelled member, and a new name.
        var members = (0..<40).map { "\"k\($0)\": \($0)" }
        members += ["\"k3\": true", "\"k39\": true", "\"\\u006b17\": true", "\"k40\": 1", "\"k40\": 2"]
        let input = "{" + members.joined(separator: ", ") + "}"
        let d = duplicates(input)
        #expect(d.map(\.0) == ["k3", "k39", "k17", "k40"])
        let bytesIn = Array(input.utf8)
        func firstOffset(_ name: String) -> Int {
            let needle = Array("\"\(name)\"".utf8)
            for i in 0...(bytesIn.count - needle.count) where Array(bytesIn[i..<(i + needle.count)]) == needle { return i }
            return -1
        }
        #expect(d.map(\.3) == [firstOffset("k3"), firstOffset("k39"), firstOffset("k17"), firstOffset("k40")])
        // Identical events whatever the chunking.
        #expect(readBytewise(bytesIn) == read(bytesIn))
    }

    @Test func thousandsOfMembersAndNestedLargeObjects() {
        let inner = (0..<100).map { "\"i\($0)\": \($0)" }.joined(separator: ",")
        var members = (0..<5000).map { "\"m\($0)\": {\(inner)}" }
        members.append("\"m4999\": 0")
        let d = duplicates("{" + members.joined(separator: ",") + "}")
        #expect(d.map(\.0) == ["m4999"])
        #expect(d.map(\.1) == ["/m4999"])
    }

    @Test func largeObjectIndexesAreReusedCleanly() {
        // NDJSON records with large objects one after another, and two large objects side by side
        // in one record: an index reused from an earlier object must not remember its names.
        var options = JSONReader.Options()
        options.ndjson = true
        let a = (0..<100).map { "\"a\($0)\": \($0)" }.joined(separator: ",")
        let b = (0..<300).map { "\"b\($0)\": \($0)" }.joined(separator: ",")
        let lines = [
            "{" + a + "}",
            "{" + b + ", \"b5\": 0}",
            "{" + a + "}",
            "{\"x\": {" + a + "}, \"y\": {" + a + ", \"a99\": 1}}",
        ]
        let d = duplicates(lines.joined(separator: "\n") + "\n", options: options)
        #expect(d.map(\.0) == ["b5", "a99"])
        #expect(d.map(\.1) == ["/b5", "/y/a99"])
    }

    /// Names sharing one name hash (built with this process's key, which a payload cannot know)
    /// are still told apart by their bytes and their duplicates found, with the right first
    /// occurrence, in a large object (its hash index) and fed a byte at a time.
    @Test func namesCraftedToShareOneHashAreStillComparedByName() {
        let names = CollidingNames.make(count: 300)
        #expect(Set(names.map { JSONReader.nameHash($0) }).count == 1, "the construction must collide the reader's hash")
        let literal = CollidingNames.literal
        var members = names.enumerated().map { "\(literal($1)): \($0)" }
        members += [literal(names[7]) + ": -1", literal(names[250]) + ": -2", literal(names[7]) + ": -3"]
        let input = "{" + members.joined(separator: ", ") + "}"
        let d = duplicates(input)
        #expect(d.count == 3)
        // First occurrences: the members' own offsets (each `"name": n` after "{" or ", "), and the
        // latest earlier one for the third.
        var offsets: [Int] = []
        var at = 1
        for m in members {
            offsets.append(at)
            at += m.utf8.count + 2
        }
        #expect(d.map(\.2) == [offsets[300], offsets[301], offsets[302]])
        #expect(d.map(\.3) == [offsets[7], offsets[250], offsets[300]])
        // The same events fed a byte at a time (names cut by every chunk boundary).
        let bytesIn = Array(input.utf8)
        #expect(readBytewise(bytesIn) == read(bytesIn))
    }

    @Test func detectionCanBeTurnedOffOrBounded() {
        let input = #"{"a": 1, "b": 2, "c": 3, "a": 4}"#
        #expect(duplicates(input, options: .with { $0.detectDuplicateKeys = false }).isEmpty)
        // Past the tracking limit, names are no longer compared, but pointers stay right.
        let bounded = JSONReader.Options.with { $0.maxTrackedKeysPerObject = 2 }
        #expect(duplicates(input, options: bounded).isEmpty)
        #expect(duplicates(#"{"a": 1, "b": 2, "c": 3, "b": 4}"#, options: bounded).isEmpty)
        let pointers = read(bytes(input), options: bounded).events.filter(\.kind.isScalar).map(\.pointer)
        #expect(pointers == ["/a", "/b", "/c", "/a"])
        #expect(duplicates(#"{"a": 1, "a": 2}"#, options: bounded).map(\.0) == ["a"])
    }

    /// The in-memory `nameHash` (word loads) and the generic one (byte iterator) agree on every
    /// length around the word boundaries, high bytes included.
    @Test func nameHashOverloadsAgree() {
        for n in 0..<41 {
            let name = (0..<n).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 200) }
            let viaBuffer = name.withUnsafeBytes { JSONReader.nameHash($0) }
            #expect(viaBuffer == JSONReader.nameHash(name.lazy.map { $0 }), "length \(n)")
        }
    }
}
