import JSONStream
import Testing

/// `ByteRanges.skip` against a byte-by-byte reference, for sets of one to four ranges (widths
/// up to 128, at the ends of the byte values too) and subjects with the first outsider anywhere.
@Suite struct ByteRangesTests {
    static func set(_ ranges: [ClosedRange<Int>]) -> [Bool] {
        var s = [Bool](repeating: false, count: 256)
        for r in ranges { for b in r { s[b] = true } }
        return s
    }

    /// What `skip` must return: the start of the first 16-byte block (from `start`, stepping by
    /// 16, whole blocks before `end`) holding a byte outside the set, or the last block start.
    static func reference(_ bytes: [UInt8], _ set: [Bool], from start: Int) -> Int {
        var i = start
        while i + 16 <= bytes.count, bytes[i..<i + 16].allSatisfy({ set[Int($0)] }) { i += 16 }
        return i
    }

    static let sets: [[ClosedRange<Int>]] = [
        [0x2B...0x2B, 0x2F...0x39, 0x41...0x5A, 0x61...0x7A],  // base64's alphabet (letters folded)
        [0x30...0x39],
        [0x00...0x7F],          // 128 wide
        [0x80...0xFF],          // 128 wide, high bytes
        [0x00...0x00, 0xFF...0xFF],
        [0x20...0x21, 0x23...0x5B, 0x5D...0x7E],
        [0x2D...0x2D, 0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A],  // base64url: five ranges, four folded
        [0x30...0x39, 0x41...0x46, 0x61...0x66],  // hex digits
        [0x61...0x7A, 0x41...0x5A],               // letters, lower case first
        [0x44...0x46, 0x64...0x66, 0xC4...0xC6],  // a twin pair and its image in the high bytes
        [0x41...0x5A, 0x61...0x79],               // twins that are not: no folding
        [0x40...0x5A, 0x60...0x7A],               // ranges reaching past the letters: no folding
        [0x41...0x5A, 0x61...0x7A, 0x01...0x01, 0x03...0x03, 0x05...0x05],  // five ranges, four folded
        [0x30...0x30, 0x32...0x32, 0x41...0x43, 0x45...0x47, 0x65...0x67],  // the twin pair is not the first capitals
    ]

    @Test(arguments: 0..<sets.count)
    func skipsExactlyTheWholeBlocksInTheSet(_ which: Int) throws {
        let members = Self.set(Self.sets[which])
        let ranges = try #require(ByteRanges(members))
        let inside = (0..<256).filter { members[$0] }.map(UInt8.init)
        let outside = (0..<256).filter { !members[$0] }.map(UInt8.init)
        var rng = SystemRandomNumberGenerator()
        for length in [0, 1, 15, 16, 17, 31, 32, 33, 100, 257] {
            for trial in 0..<40 {
                var bytes = (0..<length).map { _ in inside.randomElement(using: &rng)! }
                // One outsider at a random place (or none), to end the run there.
                if trial % 4 != 0, length > 0, let bad = outside.randomElement(using: &rng) {
                    bytes[Int.random(in: 0..<length, using: &rng)] = bad
                }
                for start in [0, 1, 7].filter({ $0 <= length }) {
                    let got = bytes.withUnsafeBytes { ranges.skip($0.baseAddress!, from: start, to: length) }
                    #expect(got == Self.reference(bytes, members, from: start), "\(bytes) from \(start)")
                }
            }
        }
    }

    /// Every byte value, alone among members, at each place of a block: folding the case of
    /// letters must not let in a byte that only looks like one with bit 5 set (`@`, `[`...`` ` ``,
    /// DEL, the high bytes).
    @Test(arguments: 0..<sets.count)
    func everyByteValueIsJudgedAsTheSetHasIt(_ which: Int) throws {
        let members = Self.set(Self.sets[which])
        let ranges = try #require(ByteRanges(members))
        let filler = try #require((0..<256).first { members[$0] }.map(UInt8.init))
        for value in 0..<256 {
            for place in [0, 7, 15, 16, 31] {
                var bytes = [UInt8](repeating: filler, count: 32)
                bytes[place] = UInt8(value)
                let got = bytes.withUnsafeBytes { ranges.skip($0.baseAddress!, from: 0, to: 32) }
                #expect(got == Self.reference(bytes, members, from: 0), "byte \(value) at \(place)")
            }
        }
    }

    @Test func setsThatDoNotFitAreRefused() {
        #expect(ByteRanges(Self.set([])) == nil)
        #expect(ByteRanges(Self.set([0x00...0x80])) == nil)   // 129 wide
        #expect(ByteRanges(Self.set([1...1, 3...3, 5...5, 7...7, 9...9])) == nil)   // five ranges
        #expect(ByteRanges([true]) == nil)
        #expect(ByteRanges(Self.set([1...1, 3...3, 5...5, 7...7])) != nil)
        // Five ranges with a twin pair among them fit; five without one do not.
        #expect(ByteRanges(Self.set([0x2D...0x2D, 0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A])) != nil)
        #expect(ByteRanges(Self.set([0x2D...0x2D, 0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x79])) == nil)
        #expect(ByteRanges(Self.set([0x30...0x30, 0x32...0x32, 0x41...0x43, 0x45...0x47, 0x65...0x67])) != nil)
    }
}
