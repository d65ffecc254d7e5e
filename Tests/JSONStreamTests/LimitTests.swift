import JSONStream
import Testing

@Suite("Limits")
struct LimitTests {
    @Test func millionOpeningBracketsIsADepthErrorNotACrash() throws {
        let input = [UInt8](repeating: UInt8(ascii: "["), count: 1_000_000)
        let e = try #require(failure(input))
        #expect(e.kind == .depthLimit)
        #expect(e.message == "nesting is deeper than 1024 levels")
        #expect(e.offset == 1024)
        #expect(e.column == 1025)
        #expect(e.pointer.hasPrefix("/0/0/0/0"))
        // Fed in 64 KiB chunks too.
        #expect(read(input, cuts: Array(stride(from: 65536, to: input.count, by: 65536))).error == e)
    }

    @Test func millionNestedArraysWithoutALimitUseNoRecursion() {
        let n = 1_000_000
        let input = [UInt8](repeating: UInt8(ascii: "["), count: n) + [UInt8](repeating: UInt8(ascii: "]"), count: n)
        var reader = JSONReader(options: .with { $0.maxDepth = n + 1 })
        input.withUnsafeBytes { reader.feed($0) }
        reader.finish()
        var count = 0
        var deepest = 0
        do {
            while let e = try reader.next() { count += 1; deepest = max(deepest, e.depth) }
        } catch {
            Issue.record("\(error)")
        }
        #expect(count == 2 * n)
        #expect(deepest == n - 1)
        #expect(reader.isAtEnd == true)
    }

    @Test func mixedNestingAtTheLimit() {
        let depth3 = JSONReader.Options.with { $0.maxDepth = 3 }
        #expect(failure("[{\"a\":[1]}]", options: depth3) == nil)
        let e = failure("[{\"a\":[{}]}]", options: depth3)
        #expect(e?.kind == .depthLimit)
        #expect(e?.offset == 7)
        #expect(e?.pointer == "/0/a/0")
    }

    @Test func stringLimit() throws {
        let five = JSONReader.Options.with { $0.maxStringBytes = 5 }
        #expect(failure("[\"12345\"]", options: five) == nil)
        #expect(failure("{\"12345\": \"ab\\n\"}", options: five) == nil)
        let e = try #require(failure("[\"123456\"]", options: five))
        #expect(e.kind == .sizeLimit)
        #expect(e.message == "the string is longer than 5 bytes")
        #expect(e.offset == 1)
        #expect(readBytewise(bytes("[\"123456\"]"), options: five).error == e)
        // A long unterminated string fed in small chunks fails once past the limit, without
        // waiting for the end of input.
        var reader = JSONReader(options: .with { $0.maxStringBytes = 1000 })
        reader.feed(bytes("[\""))
        var thrown: JSONStreamError? = nil
        for _ in 0..<1000 {
            reader.feed(bytes("abcdefghij"))
            do { _ = try reader.next(); _ = try reader.next() } catch { thrown = error; break }
        }
        #expect(thrown?.kind == .sizeLimit)
    }

    @Test func numberLimit() throws {
        let three = JSONReader.Options.with { $0.maxNumberLength = 3 }
        #expect(failure("[123, -12, 1.5]", options: three) == nil)
        let e = try #require(failure("[1234]", options: three))
        #expect(e.kind == .sizeLimit)
        #expect(e.message == "the number is longer than 3 characters")
        #expect(e.offset == 1)
        #expect(readBytewise(bytes("[1234]"), options: three).error == e)
        #expect(readBytewise(bytes("[1234x]"), options: three).error == e)
        #expect(failure("[1234x]", options: three) == e)
        // A huge number fed in chunks fails before it ends.
        var reader = JSONReader()
        reader.feed(bytes("[1"))
        var thrown: JSONStreamError? = nil
        for _ in 0..<1000 {
            reader.feed(bytes("0000000000"))
            do { _ = try reader.next(); _ = try reader.next() } catch { thrown = error; break }
        }
        #expect(thrown?.kind == .sizeLimit)
    }

    @Test func documentLimit() {
        let ten = JSONReader.Options.with { $0.maxDocumentBytes = 10 }
        #expect(failure("[1,2,3,44]", options: ten) == nil)
        #expect(failure("[1,2,3,444]", options: ten)?.kind == .sizeLimit)
        // One long string is a long document too.
        #expect(failure("\"abcdefghijkl\"", options: ten)?.kind == .sizeLimit)
        #expect(failure("[\"abcdefghijkl\"]", options: ten)?.offset == 1)
    }
}
