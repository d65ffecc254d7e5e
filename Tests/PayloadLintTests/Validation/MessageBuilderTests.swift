import Testing
@testable import PayloadLint

/// `MessageBuilder` writes what the `String` helpers it replaced on the hot findings wrote.
@Suite struct MessageBuilderTests {
    static let numbers = [0, 1, 7, 10, 999, 1000, 1001, 12_345, 999_999, 1_000_000, 1_234_567, -1, -999, -1000,
                          -1_234_567, Int.max, Int.min]

    @Test(arguments: numbers)
    func groupedDigitsAsGroupedWritesThem(n: Int) {
        var m = MessageBuilder()
        m.appendGrouped(n)
        #expect(m.text == grouped(n))
    }

    @Test(arguments: numbers)
    func countsAsCountWritesThem(n: Int) {
        var m = MessageBuilder(capacity: 0)
        m.appendCount(n, "byte")
        #expect(m.text == count(n, "byte"))
    }

    @Test func piecesInOrderWithArticles() {
        var m = MessageBuilder()
        "naïve 名".utf8.withContiguousStorageIfAvailable { m.append(utf8: UnsafeRawBufferPointer($0)) }
        m.append(" must be ")
        m.append(String("an object"))
        m.append("; found ")
        m.appendWithArticle("array")
        m.append(", ")
        m.appendWithArticle("string")
        #expect(m.text == "naïve 名 must be an object; found " + withArticle("array") + ", " + withArticle("string"))
        #expect(m.text.hasSuffix("an array, a string"))
    }
}
