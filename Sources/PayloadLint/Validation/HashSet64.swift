/// A set of 64-bit hashes (the distinct property paths of `maxPropertyPaths`): open addressing
/// in one flat table, kept by the session across records so that counting paths allocates
/// nothing once it has grown, and hashes nothing twice (the path hashes are hashes already).
///
/// Emptying it is O(1): a slot is occupied when its mark equals the current generation, and
/// `removeAll` starts a new generation. (Zeroing the table instead cost a memset of its whole
/// grown size for every record of an NDJSON file.)
///
/// Non-copyable, with its table behind a pointer: an insertion is the probe and nothing else.
/// (Two `Array`s in a struct kept in an `Array` cost three uniqueness checks per insertion,
/// about a third of a member's bookkeeping under `maxPropertyPaths`.)
struct HashSet64: ~Copyable {
    private struct Slot {
        var hash: UInt64
        var mark: UInt32
    }

    private var slots: UnsafeMutablePointer<Slot>
    private var capacity: Int
    private var generation: UInt32 = 1
    private(set) var count = 0

    init() {
        capacity = 64
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: Slot(hash: 0, mark: 0), count: capacity)
    }

    deinit { slots.deallocate() }

    mutating func removeAll() {
        count = 0
        generation &+= 1
        if generation == 0 {
            // Wrapped after 4 billion records: clear the marks once and start again.
            slots.update(repeating: Slot(hash: 0, mark: 0), count: capacity)
            generation = 1
        }
    }

    mutating func insert(_ h: UInt64) {
        if (count + 1) * 2 > capacity { grow() }
        if Self.place(h, in: slots, mask: capacity - 1, generation: generation) { count += 1 }
    }

    /// Puts `h` in its slot; false when it was there already.
    @inline(__always)
    private static func place(_ h: UInt64, in slots: UnsafeMutablePointer<Slot>, mask: Int, generation: UInt32) -> Bool {
        var i = Int(truncatingIfNeeded: ((h ^ (h >> 32)) &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
        while true {
            if slots[i].mark != generation {
                slots[i] = Slot(hash: h, mark: generation)
                return true
            }
            if slots[i].hash == h { return false }
            i = (i + 1) & mask
        }
    }

    private mutating func grow() {
        let bigger = capacity * 2
        let table = UnsafeMutablePointer<Slot>.allocate(capacity: bigger)
        table.initialize(repeating: Slot(hash: 0, mark: 0), count: bigger)
        for i in 0..<capacity where slots[i].mark == generation {
            _ = Self.place(slots[i].hash, in: table, mask: bigger - 1, generation: 1)
        }
        slots.deallocate()
        slots = table
        capacity = bigger
        generation = 1
    }
}

/// The sets of the open `maxPropertyPaths` trackers. Trackers open and close in stack order, so
/// the first `inUse` sets are the open ones; the others keep their grown tables for reuse.
struct HashSet64Stack: ~Copyable {
    private var sets: UnsafeMutablePointer<HashSet64>
    private var capacity = 4
    /// Sets made so far (open or kept for reuse).
    private var made = 0
    private(set) var inUse = 0

    init() { sets = .allocate(capacity: capacity) }

    deinit {
        sets.deinitialize(count: made)
        sets.deallocate()
    }

    /// Opens an empty set; returns its index.
    mutating func push() -> Int {
        if inUse == made {
            if made == capacity {
                let bigger = UnsafeMutablePointer<HashSet64>.allocate(capacity: capacity * 2)
                bigger.moveInitialize(from: sets, count: made)
                sets.deallocate()
                sets = bigger
                capacity *= 2
            }
            (sets + made).initialize(to: HashSet64())
            made += 1
        } else {
            sets[inUse].removeAll()
        }
        inUse += 1
        return inUse - 1
    }

    /// Closes the last opened set.
    mutating func pop() { inUse -= 1 }

    /// Closes every set (a new record).
    mutating func removeAll() { inUse = 0 }

    @inline(__always)
    mutating func insert(_ h: UInt64, into set: Int) { sets[set].insert(h) }

    func count(of set: Int) -> Int { sets[set].count }
}
