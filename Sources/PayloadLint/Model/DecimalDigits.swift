/// An integer's decimal digits written backwards from the end of their room, for the writers that
/// put numbers into messages and JSON without `String(_:)`'s generic `description` path (about
/// 200 instructions a number): `RawJSONWriter.int`, `decimal(_:)`, `MessageBuilder.appendGrouped`.
enum DecimalDigits {
    /// How many digits `m` has (1 for 0).
    @inline(__always)
    static func count(_ m: UInt) -> Int {
        var digits = 1
        var t = m
        while t >= 10 {
            digits &+= 1
            t /= 10
        }
        return digits
    }

    /// Writes `m`'s digits so that the last is at `end - 1`, going back; with `groups`, a comma
    /// before each group of three from the right (`2,049`). Returns the index of the first byte
    /// written. The room must hold `count(m)` bytes (and their commas).
    @inline(__always)
    static func write(_ m: UInt, endingAt end: Int, groups: Bool = false, _ store: (Int, UInt8) -> Void) -> Int {
        var v = m
        var at = end
        var k = 0
        repeat {
            if groups && k > 0 && k % 3 == 0 {
                at &-= 1
                store(at, UInt8(ascii: ","))
            }
            at &-= 1
            store(at, UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: v % 10))
            v /= 10
            k &+= 1
        } while v > 0
        return at
    }
}
