#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension UniquenessLedger {
    /// The memory of a `UniquenessLedger`'s table: the slots, the entries (first uses) and the
    /// bytes the entries locate (values and pointers), in `malloc`ed blocks.
    ///
    /// Why not arrays: on a run where most payloads claim new values, these grow to megabytes,
    /// and an array grows by copying into a new block, whose every page is then faulted in
    /// (some 1.2 µs each here): the copies and their faults, with the zeroing of each larger
    /// table, were most of the time the thread that settles claims spent outside its work
    /// (BENCHMARKS.md, sixteenth pass). Entries and bytes grow with `realloc`, which moves a
    /// large block's pages without copying them.
    ///
    /// A class, so that the ledger stays a value: the ledger copies it before a change when it
    /// is shared (`UniquenessLedger.uniqueStore()`).
    final class Store: @unchecked Sendable {
        private(set) var slots: UnsafeMutablePointer<Slot>?
        /// A power of two, or 0 before the first claim.
        private(set) var slotCount = 0
        private(set) var entries: UnsafeMutablePointer<Entry>?
        private(set) var entryCount = 0
        private var entryCapacity = 0
        private(set) var bytes: UnsafeMutablePointer<UInt8>?
        private(set) var byteCount = 0
        private var byteCapacity = 0

        init() {}

        deinit {
            free(slots)
            free(entries)
            free(bytes)
        }

        /// A store holding the same as this one.
        func copy() -> Store {
            let c = Store()
            c.slots = Self.copied(slots, count: slotCount)
            c.slotCount = slotCount
            c.entries = Self.copied(entries, count: entryCount)
            c.entryCount = entryCount
            c.entryCapacity = entryCount
            c.bytes = Self.copied(bytes, count: byteCount)
            c.byteCount = byteCount
            c.byteCapacity = byteCount
            return c
        }

        /// Entry `k` (below `entryCount`).
        @inline(__always)
        func entry(_ k: Int) -> Entry { entries.unsafelyUnwrapped[k] }

        /// Slot `i` (below `slotCount`).
        @inline(__always)
        func slot(_ i: Int) -> Slot { slots.unsafelyUnwrapped[i] }

        @inline(__always)
        func setSlot(_ i: Int, _ s: Slot) { slots.unsafelyUnwrapped[i] = s }

        /// Byte `i` (below `byteCount`).
        @inline(__always)
        func byte(_ i: Int) -> UInt8 { bytes.unsafelyUnwrapped[i] }

        /// The bytes at `range` (within `byteCount`), valid until the store changes.
        @inline(__always)
        func bytes(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(start: bytes.map { $0 + range.lowerBound }, count: range.count)
        }

        func append(_ e: Entry) {
            if entryCount == entryCapacity {
                entryCapacity = max(256, entryCapacity * 2)
                entries = Self.reallocate(entries, count: entryCapacity)
            }
            (entries.unsafelyUnwrapped + entryCount).initialize(to: e)
            entryCount += 1
        }

        func append(bytes p: UnsafeBufferPointer<UInt8>) {
            guard let from = p.baseAddress, !p.isEmpty else { return }
            if byteCount + p.count > byteCapacity {
                byteCapacity = max(4096, byteCapacity * 2, byteCount + p.count)
                bytes = Self.reallocate(bytes, count: byteCapacity)
            }
            (bytes.unsafelyUnwrapped + byteCount).update(from: from, count: p.count)
            byteCount += p.count
        }

        /// Replaces the slots with `count` empty ones (a power of two); the caller places the
        /// entries again.
        func resetSlots(count: Int) {
            free(slots)
            slots = Self.allocate(Slot.self, count: count, zeroed: true)
            slotCount = count
        }

        private static func allocate<T: BitwiseCopyable>(_: T.Type, count: Int, zeroed: Bool) -> UnsafeMutablePointer<T> {
            let bytes = count * MemoryLayout<T>.stride
            guard let raw = malloc(bytes) else { fatalError("UniquenessLedger: out of memory (\(bytes) bytes)") }
            // Zeroed by writing, not by `calloc`: a large block's fresh pages read first (a probe
            // of an empty slot) map the shared zero page, and the write that follows then copies it
            // and flushes the other threads' TLBs; measured slower than these stores.
            if zeroed { memset(raw, 0, bytes) }
            return raw.bindMemory(to: T.self, capacity: count)
        }

        /// A block of its own holding the first `count` elements at `p` (nil for none).
        private static func copied<T: BitwiseCopyable>(_ p: UnsafeMutablePointer<T>?, count: Int) -> UnsafeMutablePointer<T>? {
            guard let p, count > 0 else { return nil }
            let c = allocate(T.self, count: count, zeroed: false)
            c.update(from: p, count: count)
            return c
        }

        private static func reallocate<T: BitwiseCopyable>(_ old: UnsafeMutablePointer<T>?, count: Int) -> UnsafeMutablePointer<T> {
            let bytes = count * MemoryLayout<T>.stride
            guard let raw = realloc(old, bytes) else { fatalError("UniquenessLedger: out of memory (\(bytes) bytes)") }
            return raw.bindMemory(to: T.self, capacity: count)
        }
    }
}
