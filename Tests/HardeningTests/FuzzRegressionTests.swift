import JSONStream
import Testing

/// Inputs the fuzz targets (Fuzz/, HARDENING.md) found, each with the property it broke.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    /// FuzzReader: `EF B1 BF` (U+FC7F, which starts like a byte order mark) fed one byte at a time
    /// was reported as "byte 0xEF (not UTF-8)", whole as "found 'ﱿ'": the BOM check described the
    /// character before all of it had arrived.
    @Test func characterThatStartsLikeAByteOrderMarkInChunks() throws {
        let input: [UInt8] = [0xEF, 0xB1, 0xBF]
        let whole = try #require(Read.events(input).error)
        #expect(whole.kind == .syntax)
        #expect(whole.message == "expected a JSON value, found 'ﱿ'")
        #expect(Read.events(input, chunk: 1).error == whole)
        #expect(Read.events(input, chunk: 2).error == whole)
        // A real (refused) byte order mark, and a broken one, in chunks.
        #expect(Read.events([0xEF, 0xBB, 0xBF, 0x31], chunk: 1).error?.kind == .encoding)
        #expect(Read.events([0xEF, 0xBB, 0x31], chunk: 1).error == Read.events([0xEF, 0xBB, 0x31]).error)
    }
}

extension FuzzRegressionTests {
    /// FuzzReader: a number over the length limit with a bad exponent further on was a syntax
    /// error whole and a length error in chunks (the length was checked only at the end of the
    /// buffer).
    @Test func overLongNumberWithABadExponent() throws {
        var options = JSONReader.Options()
        options.maxNumberLength = 24
        let input = Array(("[" + String(repeating: "9", count: 40) + "e\"]").utf8)
        let whole = try #require(Read.events(input, options: options).error)
        #expect(whole.kind == .sizeLimit)
        #expect(whole.message == "the number is longer than 24 characters")
        #expect(whole.offset == 1)
        for chunk in [1, 3, 7, 25] {
            #expect(Read.events(input, chunk: chunk, options: options).error == whole)
        }
    }
}

extension FuzzRegressionTests {
    /// FuzzReader: `[-` then a two-byte character: in chunks the character was described before
    /// its second byte arrived ("byte 0xCF (not UTF-8)" instead of "'Ϛ'"); likewise after a
    /// decimal point and in an exponent.
    @Test func characterAfterANumberPrefixInChunks() throws {
        for prefix in ["[-", "[1.", "[1e", "[1e+"] {
            let input = Array(prefix.utf8) + [0xCF, 0x9A, 0x5D]
            let whole = try #require(Read.events(input).error)
            #expect(whole.kind == .syntax)
            #expect(whole.message.hasSuffix("found 'Ϛ'"))
            #expect(Read.events(input, chunk: 1).error == whole)
        }
    }
}
