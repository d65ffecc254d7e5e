/// An integer's decimal digits written backwards from the end of their room, for the writers that
/// put numbers into messages and JSON without `String(_:)`'s generic `description` path (about
/// 200 instructions a number): `RawJSONWriter.int`, `decimal(_:)`, `MessageBuilder.appendGrouped`.
enum DecimalDigits {
    /// How many digits `m` has (1 for 0).
    ///
    /// Compared with powers of ten up to eight digits (records, lines, columns and offsets,
    /// nearly every number written): dividing by ten per digit was most of writing one.
    @inline(__always)
    static func count(_ m: UInt) -> Int {
        if m < 10 { return 1 }
        if m < 100 { return 2 }
        if m < 1000 { return 3 }
        if m < 10000 { return 4 }
        if m < 100_000 { return 5 }
        if m < 1_000_000 { return 6 }
        if m < 10_000_000 { return 7 }
        var digits = 8
        var t = m / 100_000_000
        while t > 0 {
            digits &+= 1
            t /= 10
        }
        return digits
    }

    /// The two digits of 0 to 99, in order: `write` stores two at a time.
    private static let pairs: StaticString = """
        00010203040506070809101112131415161718192021222324252627282930313233343536373839\
        40414243444546474849505152535455565758596061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899
        """

    /// Writes `m`'s digits so that the last is at `end - 1`, going back two at a time; returns
    /// the index of the first byte written. The room must hold `count(m)` bytes.
    @inline(__always)
    static func write(_ m: UInt, endingAt end: Int, _ store: (Int, UInt8) -> Void) -> Int {
        let table = pairs.utf8Start
        var v = m
        var at = end
        while v >= 100 {
            let q = v / 100
            let r = Int(truncatingIfNeeded: v &- q &* 100) &* 2
            at &-= 2
            store(at, table[r])
            store(at &+ 1, table[r &+ 1])
            v = q
        }
        if v >= 10 {
            let r = Int(truncatingIfNeeded: v) &* 2
            at &-= 2
            store(at, table[r])
            store(at &+ 1, table[r &+ 1])
        } else {
            at &-= 1
            store(at, UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: v))
        }
        return at
    }

    /// Writes `m`'s digits so that the last is at `end - 1`, going back, a comma before each group
    /// of three from the right (`2,049`). Returns the index of the first byte written. The room
    /// must hold `count(m)` bytes and their commas.
    @inline(__always)
    static func writeGrouped(_ m: UInt, endingAt end: Int, _ store: (Int, UInt8) -> Void) -> Int {
        var v = m
        var at = end
        var k = 0
        repeat {
            if k > 0 && k % 3 == 0 {
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
