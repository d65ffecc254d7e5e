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

/// `StringContentCheck.preview` decodes a bounded prefix: same text as quoting the whole value
/// cut at 57 characters, without decoding a 200 KB value whole.
@Suite("Value previews")
struct ValuePreviewTests {
    func preview(_ s: String) -> String {
        Array(s.utf8).withUnsafeBytes { StringContentCheck.preview($0) }
    }

    func reference(_ s: String) -> String {
        quoted(s.count > 60 ? String(s.prefix(57)) + "…" : s)
    }

    @Test func sameTextAsTheWholeValueCut() {
        let values = [
            "", "abc", String(repeating: "a", count: 60), String(repeating: "a", count: 61),
            String(repeating: "é", count: 2000), String(repeating: "😀", count: 1000),
            String(repeating: "b", count: 1023) + "é" + String(repeating: "c", count: 50),
            String(repeating: "👨‍👩‍👧", count: 30), "data:image/png;base64," + String(repeating: "A", count: 200_000) + "!",
        ]
        for v in values {
            #expect(preview(v) == reference(v), "\(v.prefix(20))… (\(v.utf8.count) bytes)")
            #expect(!preview(v).contains("\u{FFFD}"))
        }
    }
}
