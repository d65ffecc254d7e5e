/// The hash index of one large object's member names (hash → index in the reader's `keys` of the
/// latest name with that hash), for duplicate-name detection in objects of 32 members or more.
///
/// Open addressing over two plain arrays, kept by the reader and reused from object to object:
/// a `Dictionary` per large object was allocated, grown step by step and hashed with SipHash,
/// about 2% of the reader's time on documents with large `properties` objects.
struct NameIndex: Sendable {
    private var hashes: [UInt64] = []
    /// Key index per slot; -1: empty.
    private var positions: [Int32] = []
    private var count = 0

    /// Empties the index, with room for `capacity` names before it grows.
    mutating func reset(capacity: Int) {
        var size = 64
        while size < capacity * 2 { size *= 2 }
        if positions.count != size {
            hashes = [UInt64](repeating: 0, count: size)
            positions = [Int32](repeating: -1, count: size)
        } else {
            positions.withUnsafeMutableBufferPointer { $0.update(repeating: -1) }
        }
        count = 0
    }

    @inline(__always)
    private static func slot(_ h: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: ((h ^ (h >> 29)) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// The latest key index stored for `h`, or -1. (Out of line, like `set`: kept off the
    /// reader's hot path for the common small objects.)
    @inline(never)
    func find(_ h: UInt64) -> Int {
        hashes.withUnsafeBufferPointer { hs in
            positions.withUnsafeBufferPointer { ps in
                let mask = ps.count - 1
                guard mask > 0 else { return -1 }
                var i = Self.slot(h, mask)
                while ps[i] >= 0 {
                    if hs[i] == h { return Int(ps[i]) }
                    i = (i + 1) & mask
                }
                return -1
            }
        }
    }

    /// Stores `index` for `h` (replacing an earlier index with the same hash).
    @inline(never)
    mutating func set(_ h: UInt64, _ index: Int) {
        if (count + 1) * 2 > positions.count { grow() }
        let mask = positions.count - 1
        let added: Bool = hashes.withUnsafeMutableBufferPointer { hs in
            positions.withUnsafeMutableBufferPointer { ps in
                var i = Self.slot(h, mask)
                while ps[i] >= 0 {
                    if hs[i] == h {
                        ps[i] = Int32(truncatingIfNeeded: index)
                        return false
                    }
                    i = (i + 1) & mask
                }
                hs[i] = h
                ps[i] = Int32(truncatingIfNeeded: index)
                return true
            }
        }
        if added { count += 1 }
    }

    private mutating func grow() {
        let oldHashes = hashes
        let oldPositions = positions
        let size = max(64, positions.count * 2)
        hashes = [UInt64](repeating: 0, count: size)
        positions = [Int32](repeating: -1, count: size)
        count = 0
        for i in oldPositions.indices where oldPositions[i] >= 0 { set(oldHashes[i], Int(oldPositions[i])) }
    }
}
