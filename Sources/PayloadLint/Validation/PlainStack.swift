/// A growable stack of plain values (no references) for the validator's per-value bookkeeping.
///
/// Why not `Array`: the session pushes and pops several of these for every value, and each
/// mutation of an `Array` field goes through a uniqueness check (a runtime call) and a bounds
/// check; element access here is a pointer offset. Non-copyable, so the buffer has exactly one
/// owner and is freed in `deinit`. Indices are checked in debug builds only: the session's stacks
/// are indexed by depths and counts it maintains itself.
struct PlainStack<Element: BitwiseCopyable>: ~Copyable {
    private var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 16) {
        self.capacity = max(1, capacity)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    var isEmpty: Bool { count == 0 }
    var indices: Range<Int> { 0..<count }
    var last: Element? { count > 0 ? base[count - 1] : nil }

    subscript(i: Int) -> Element {
        @inline(__always) unsafeAddress {
            assert(i >= 0 && i < count, "PlainStack index out of range")
            return UnsafePointer(base + i)
        }
        @inline(__always) unsafeMutableAddress {
            assert(i >= 0 && i < count, "PlainStack index out of range")
            return base + i
        }
    }

    @inline(__always)
    mutating func append(_ e: Element) {
        if _slowPath(count == capacity) { grow() }
        (base + count).initialize(to: e)
        count += 1
    }

    @inline(never)
    private mutating func grow() {
        let bigger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
        bigger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity *= 2
    }

    @inline(__always)
    mutating func removeLast() {
        assert(count > 0, "PlainStack is empty")
        count -= 1
    }

    @inline(__always)
    mutating func popLast() -> Element? {
        guard count > 0 else { return nil }
        count -= 1
        return base[count]
    }

    /// Drops the elements from `newCount` on.
    @inline(__always)
    mutating func truncate(to newCount: Int) {
        if newCount < count { count = max(0, newCount) }
    }

    mutating func removeAll() { count = 0 }
}
