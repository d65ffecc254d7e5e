/// Maps member names (as UTF-8 bytes) to slots, without creating a `String` or an `Array` per
/// lookup: the names live in one byte buffer and the table is probed with the raw bytes and the
/// FNV-1a hash the reader computed for the name anyway.
/// A class: the validator reads it for every member name, and a reference costs one retain
/// where a struct of three arrays costs three.
final class PropertyTable: Sendable {
    private let bytes: [UInt8]
    private let entries: [(start: Int, length: Int, hash: UInt64)]
    /// Open addressing: slot index + 1, 0 for empty.
    private let table: [Int32]
    private let mask: Int

    init(names: [String]) {
        var capacity = 8
        while capacity < names.count * 2 { capacity *= 2 }
        var table = [Int32](repeating: 0, count: capacity)
        var bytes: [UInt8] = []
        var entries: [(start: Int, length: Int, hash: UInt64)] = []
        let mask = capacity - 1
        for name in names {
            let utf8 = Array(name.utf8)
            let h = PropertyTable.hash(utf8)
            entries.append((bytes.count, utf8.count, h))
            bytes.append(contentsOf: utf8)
            var i = Int(truncatingIfNeeded: h) & mask
            while table[i] != 0 { i = (i + 1) & mask }
            table[i] = Int32(entries.count)
        }
        self.table = table
        self.bytes = bytes
        self.entries = entries
        self.mask = mask
    }

    var count: Int { entries.count }

    static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }

    /// The slot of `name`, or nil.
    func slot(of name: UnsafeRawBufferPointer, hash h: UInt64) -> Int? {
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let t = Int(table[i])
            if t == 0 { return nil }
            let e = entries[t - 1]
            if e.hash == h && e.length == name.count {
                let equal = bytes.withUnsafeBytes { all in
                    name.count == 0 || memcmpBytes(all.baseAddress! + e.start, name.baseAddress!, name.count)  // non-nil: count > 0
                }
                if equal { return t - 1 }
            }
            i = (i + 1) & mask
        }
    }
}

/// Whether `n` bytes at `a` and `b` are equal: eight at a time (member names are short, so a
/// call to `memcmp` would cost more than the comparison).
@inline(__always)
func memcmpBytes(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ n: Int) -> Bool {
    var i = 0
    while i + 8 <= n {
        if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
            return false
        }
        i += 8
    }
    while i < n {
        if a.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self) { return false }
        i += 1
    }
    return true
}

/// A set of 64-bit hashes (the distinct property paths of `maxPropertyPaths`): open addressing
/// in flat arrays, kept by the session across records so that counting paths allocates nothing
/// once it has grown, and hashes nothing twice (the path hashes are hashes already).
///
/// Emptying it is O(1): a slot is occupied when its mark equals the current generation, and
/// `removeAll` starts a new generation. (Zeroing the table instead cost a memset of its whole
/// grown size for every record of an NDJSON file.)
struct HashSet64 {
    private var slots = [UInt64](repeating: 0, count: 64)
    private var marks = [UInt32](repeating: 0, count: 64)
    private var generation: UInt32 = 1
    private var stored = 0

    var count: Int { stored }

    mutating func removeAll() {
        stored = 0
        generation &+= 1
        if generation == 0 {
            // Wrapped after 4 billion records: clear the marks once and start again.
            marks = [UInt32](repeating: 0, count: marks.count)
            generation = 1
        }
    }

    mutating func insert(_ h: UInt64) {
        if (stored + 1) * 2 > slots.count { grow() }
        if place(h) { stored += 1 }
    }

    /// Puts `h` in its slot; false when it was there already.
    private mutating func place(_ h: UInt64) -> Bool {
        let gen = generation
        return slots.withUnsafeMutableBufferPointer { s in
            marks.withUnsafeMutableBufferPointer { m in
                let mask = s.count - 1
                var i = Int(truncatingIfNeeded: ((h ^ (h >> 32)) &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
                while true {
                    if m[i] != gen {
                        s[i] = h
                        m[i] = gen
                        return true
                    }
                    if s[i] == h { return false }
                    i = (i + 1) & mask
                }
            }
        }
    }

    private mutating func grow() {
        var live: [UInt64] = []
        live.reserveCapacity(stored)
        for i in slots.indices where marks[i] == generation { live.append(slots[i]) }
        slots = [UInt64](repeating: 0, count: slots.count * 2)
        marks = [UInt32](repeating: 0, count: slots.count)
        generation = 1
        for v in live { _ = place(v) }
    }
}
