/// A set of ASCII bytes as a 128-bit mask: membership is one shift and one bit test, with no
/// table to load, no lazy global and no branch per character class. Bytes ≥ 0x80 are never
/// members.
///
/// The format checkers spell their sets as mask literals (so they are compile-time constants in
/// the hot loops); `init(_:)` gives the same set from its characters, and the tests check each
/// literal against it.
struct ASCIISet: Equatable {
    /// Bits for bytes 0x00–0x3F and 0x40–0x7F.
    let low: UInt64, high: UInt64

    init(low: UInt64, high: UInt64) {
        self.low = low
        self.high = high
    }

    /// The set of the (ASCII) bytes of `characters`.
    init(_ characters: StaticString) {
        var low: UInt64 = 0, high: UInt64 = 0
        let p = characters.utf8Start
        for k in 0..<characters.utf8CodeUnitCount {
            let c = p[k]
            precondition(c < 0x80, "ASCIISet holds ASCII bytes only")
            if c < 64 { low |= 1 << UInt64(c) } else { high |= 1 << UInt64(c & 63) }
        }
        self.init(low: low, high: high)
    }

    @inline(__always)
    func contains(_ c: UInt8) -> Bool {
        let word = c < 64 ? low : high
        return c < 0x80 && (word >> UInt64(c & 63)) & 1 != 0
    }
}
