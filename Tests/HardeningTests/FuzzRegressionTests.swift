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
