/// A set of bytes made of at most four ranges (a range of letters in both cases counting as one),
/// each at most 128 values wide, tested sixteen bytes at a time: a class run (a base64 body
/// against `[a-zA-Z0-9+/]+`) is skipped at about one instruction per byte instead of a table load
/// each.
///
/// Why this shape: Swift's `SIMD16<UInt8>` comparisons (`.<`, `.==`) are lowered element by
/// element here, but its wrapping arithmetic and bitwise operations become single SSE2
/// instructions. Lanes do not carry into each other, so a range test needs no comparison: with
/// `t = v &- lo` and `k = hi - lo + 1 <= 128`, `v` is in the range exactly when the high bit of
/// `(t &- k) & ~t` is set (`t < k` makes `t &- k` wrap to 128...255 while `t` itself is below 128).
public struct ByteRanges: Sendable {
    @usableFromInline var lo: (SIMD16<UInt8>, SIMD16<UInt8>, SIMD16<UInt8>, SIMD16<UInt8>)
    @usableFromInline var width: (SIMD16<UInt8>, SIMD16<UInt8>, SIMD16<UInt8>, SIMD16<UInt8>)
    /// 0x20 in every lane when the first range stands for a range of letters in both cases:
    /// the byte is tested with that bit set, which maps `A`...`Z` onto `a`...`z` and no other
    /// byte into them. So tested, base64's alphabet (`+`, `/`...`9`, `A`...`Z`, `a`...`z`) is
    /// three ranges, and base64url's four (five plain: `-` and `_` besides). One pair is folded.
    @usableFromInline var fold: SIMD16<UInt8>
    /// The ranges in use (1...4): `skip` tests only those.
    @usableFromInline var count: Int

    /// The set of bytes `b` with `contains[b]`; nil when it is empty or does not fit (more than
    /// four ranges once one range of letters in both cases counts as one, or one wider than 128
    /// values).
    public init?(_ contains: [Bool]) {
        guard contains.count == 256 else { return nil }
        var ranges: [(lo: Int, hi: Int)] = []
        var b = 0
        while b < 256 {
            guard contains[b] else { b += 1; continue }
            var e = b
            while e + 1 < 256 && contains[e + 1] { e += 1 }
            guard e - b + 1 <= 128 else { return nil }
            ranges.append((b, e))
            b = e + 1
        }
        guard !ranges.isEmpty else { return nil }
        // A range of capitals whose lower-case twin is a range too (the first such pair): one
        // range, tested folded.
        var folded = false
        let twins = ranges.indices.lazy.compactMap { upper -> (upper: Int, lower: Int)? in
            let r = ranges[upper]
            guard r.lo >= 0x41 && r.hi <= 0x5A,
                  let lower = ranges.firstIndex(where: { $0.lo == r.lo + 0x20 && $0.hi == r.hi + 0x20 })
            else { return nil }
            return (upper, lower)
        }
        if let (upper, lower) = twins.first {
            let twin = ranges[lower]
            ranges.remove(at: max(upper, lower))
            ranges.remove(at: min(upper, lower))
            ranges.insert(twin, at: 0)
            folded = true
        }
        guard ranges.count <= 4 else { return nil }
        // Unused slots: width 0 holds no byte ((t &- 0) & ~t is 0).
        func lane(_ k: Int) -> (SIMD16<UInt8>, SIMD16<UInt8>) {
            guard k < ranges.count else { return (SIMD16(repeating: 0), SIMD16(repeating: 0)) }
            return (SIMD16(repeating: UInt8(ranges[k].lo)), SIMD16(repeating: UInt8(ranges[k].hi - ranges[k].lo + 1)))
        }
        let (l0, w0) = lane(0), (l1, w1) = lane(1), (l2, w2) = lane(2), (l3, w3) = lane(3)
        lo = (l0, l1, l2, l3)
        width = (w0, w1, w2, w3)
        fold = SIMD16(repeating: folded ? 0x20 : 0)
        count = ranges.count
    }

    /// The first offset from `start` (stepping by 16) whose next 16 bytes are not all in the set,
    /// or the last such offset before `end`: `p[start..<result]` is all in the set, and fewer
    /// than 16 bytes after `result` may be too (the caller looks at those one by one).
    @inlinable @inline(__always)
    public func skip(_ p: UnsafeRawPointer, from start: Int, to end: Int) -> Int {
        // One loop per number of ranges, each testing only its own (a set of two ranges paid
        // for four).
        switch count {
        case 1: skip(p, from: start, to: end, ranges: 1)
        case 2: skip(p, from: start, to: end, ranges: 2)
        case 3: skip(p, from: start, to: end, ranges: 3)
        default: skip(p, from: start, to: end, ranges: 4)
        }
    }

    @inlinable @inline(__always)
    func skip(_ p: UnsafeRawPointer, from start: Int, to end: Int, ranges: Int) -> Int {
        var i = start
        let all = SIMD2<UInt64>(repeating: 0x8080_8080_8080_8080)
        // Thirty-two bytes per step (one test of both halves' flags), then sixteen.
        while i &+ 32 <= end {
            let m = members(p.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self), ranges)
                & members(p.loadUnaligned(fromByteOffset: i &+ 16, as: SIMD16<UInt8>.self), ranges)
            let halves = unsafeBitCast(m, to: SIMD2<UInt64>.self)
            if halves[0] & halves[1] != all[0] { break }
            i &+= 32
        }
        while i &+ 16 <= end {
            let halves = unsafeBitCast(members(p.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self), ranges),
                                       to: SIMD2<UInt64>.self)
            if halves[0] & halves[1] != all[0] { break }
            i &+= 16
        }
        return i
    }

    /// 0x80 in each lane whose byte is in the first `ranges` ranges, 0 elsewhere.
    @inlinable @inline(__always)
    func members(_ v: SIMD16<UInt8>, _ ranges: Int) -> SIMD16<UInt8> {
        var t = (v | fold) &- lo.0
        var m = (t &- width.0) & ~t
        if ranges > 1 {
            t = v &- lo.1
            m |= (t &- width.1) & ~t
        }
        if ranges > 2 {
            t = v &- lo.2
            m |= (t &- width.2) & ~t
        }
        if ranges > 3 {
            t = v &- lo.3
            m |= (t &- width.3) & ~t
        }
        return m & SIMD16(repeating: 0x80)
    }
}
