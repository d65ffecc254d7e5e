import Testing
@testable import PayloadLint

/// JSON compares strings by code points: canonically equivalent spellings are different values
/// (enum, const, uniqueItems, immutable and unique all rely on it).
@Suite struct JSONValueEqualityTests {
    @Test func stringsCompareByCodePoints() {
        let precomposed = "caf\u{E9}"
        let decomposed = "cafe\u{301}"
        #expect(precomposed == decomposed)  // Swift's String equality: canonical equivalence
        #expect(JSONValue.string(precomposed) != JSONValue.string(decomposed))
        #expect(JSONValue.string(precomposed) == JSONValue.string("caf\u{E9}"))
        #expect(JSONValue.string("") == JSONValue.string(""))
        #expect(JSONValue.string("a") != JSONValue.string(""))
        let long = String(repeating: "x", count: 100)
        #expect(JSONValue.string(long) == JSONValue.string(String(repeating: "x", count: 100)))
        #expect(JSONValue.string(long) != JSONValue.string(String(repeating: "x", count: 99) + "y"))
        #expect(JSONValue.array([.string(precomposed)]) != JSONValue.array([.string(decomposed)]))
    }
}
