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
