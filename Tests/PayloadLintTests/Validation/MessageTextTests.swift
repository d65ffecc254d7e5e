@testable import PayloadLint
import Testing

/// The small text helpers of finding messages, rewritten on bytes for speed: same output as the
/// `Character`-wise originals.
@Suite("Message text helpers")
struct MessageTextTests {
    @Test func groupedByThousands() {
        #expect(grouped(0) == "0")
        #expect(grouped(7) == "7")
        #expect(grouped(999) == "999")
        #expect(grouped(-999) == "-999")
        #expect(grouped(1000) == "1,000")
        #expect(grouped(2049) == "2,049")
        #expect(grouped(-1234) == "-1,234")
        #expect(grouped(123_456) == "123,456")
        #expect(grouped(1_234_567) == "1,234,567")
        #expect(grouped(Int.max) == "9,223,372,036,854,775,807")
        #expect(grouped(Int.min) == "-9,223,372,036,854,775,808")
        #expect(count(1, "byte") == "1 byte")
        #expect(count(2049, "character") == "2,049 characters")
    }

    @Test func articles() {
        #expect(withArticle("object") == "an object")
        #expect(withArticle("array") == "an array")
        #expect(withArticle("integer") == "an integer")
        #expect(withArticle("string") == "a string")
        #expect(withArticle("null") == "a null")
        #expect(withArticle("") == "")
    }
}
