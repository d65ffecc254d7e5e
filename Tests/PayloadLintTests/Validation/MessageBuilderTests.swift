import Testing
@testable import PayloadLint

/// `MessageBuilder`, which writes the hot findings' messages as bytes (and behind `grouped`,
/// `count` and `withArticle`, whose own texts `MessageTextTests` checks).
@Suite struct MessageBuilderTests {
    @Test(arguments: [
        (0, "0"), (1, "1"), (10, "10"), (999, "999"), (1000, "1,000"), (1001, "1,001"), (12_345, "12,345"),
        (999_999, "999,999"), (1_000_000, "1,000,000"), (-1, "-1"), (-1000, "-1,000"), (-1_234_567, "-1,234,567"),
        (Int.max, "9,223,372,036,854,775,807"), (Int.min, "-9,223,372,036,854,775,808"),
    ])
    func groupsDigitsByThousands(n: Int, expected: String) {
        var m = MessageBuilder(capacity: 0)
        m.appendGrouped(n)
        #expect(m.text == expected)
        var c = MessageBuilder()
        c.appendCount(n, "byte")
        #expect(c.text == expected + (n == 1 ? " byte" : " bytes"))
    }

    @Test func piecesInOrderWithArticles() {
        var m = MessageBuilder()
        "naïve 名".utf8.withContiguousStorageIfAvailable { m.append(utf8: UnsafeRawBufferPointer($0)) }
        m.append(" must be ")
        m.append(string: String("an object"))
        m.append("; found ")
        m.appendWithArticle("array")
        m.append(", ")
        m.appendWithArticle("string")
        m.append(", ")
        m.appendWithArticle("")
        m.append("|")
        #expect(m.text == "naïve 名 must be an object; found an array, a string, |")
    }

    @Test func decimalIsStringOfInt() {
        var values = [0, 1, 9, 10, 99, 100, 12_345, -1, -9, -10, -12_345, Int.max, Int.min, Int.max - 1, Int.min + 1]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 { values.append(Int.random(in: Int.min...Int.max, using: &generator) >> Int.random(in: 0...63)) }
        for n in values { #expect(decimal(n) == String(n), "\(n)") }
    }

    /// A builder that reuses a buffer starts empty and leaves the buffer for the next one.
    @Test func reusedBufferStartsEmpty() {
        var buffer: [UInt8] = []
        var first = MessageBuilder(reusing: &buffer)
        first.append("a long first message, longer than the next one")
        #expect(first.finish(recycling: &buffer) == "a long first message, longer than the next one")
        #expect(buffer.capacity >= 46)
        var second = MessageBuilder(reusing: &buffer)
        second.append("short")
        #expect(second.finish(recycling: &buffer) == "short")
    }
}
