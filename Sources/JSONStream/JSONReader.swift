// JSONReader: a strict (RFC 8259) pull reader over bytes that arrive in chunks.
//
// Design. The reader owns one growable byte buffer. `feed(_:)` appends a chunk; `next()` returns
// the next token as a `JSONEvent`, or nil when it needs more input (or, after `finish()`, when the
// input is exhausted: `isAtEnd`). A token that straddles a chunk boundary is not returned until
// it is complete; the bytes before the oldest incomplete token are dropped at the next `feed`, so
// memory is bounded by the chunk size plus the longest single string or number.
//
// A long string is not rescanned from its opening quote each time a chunk arrives: the scan
// position and the counters gathered so far are kept in `pending` and scanning resumes there.
//
// Nesting is an explicit stack of `Frame`s, never recursion: 1,000,000 `[` is a clean
// `depthLimit` error. Member names of the open objects are kept (decoded) for two reasons: the
// JSON pointer of the current value is rendered from them on demand, and duplicate names in one
// object are found by hash.
//
// Positions: newlines can only occur between tokens (a raw newline inside a string is an error),
// so lines are counted while skipping whitespace and a column is `offset - lineStart + 1`: the
// hot string loop never looks for newlines.
//
// Memory. The input bytes, the frame stack, the member-name entries and the decoded names live in
// manually managed buffers owned by one private `Storage` object (freed in its `deinit`), so the
// hot paths read through plain pointers after explicit bounds checks: no Array bounds,
// uniqueness or retain/release traffic per byte or per event. `JSONReader` keeps value
// semantics: every path that writes the allocations (`feed`, `skipRecord`, and inside `next()`
// the container start, the array element count and the member-name bookkeeping) first checks
// that the storage is not shared with a copy of the reader and clones it if it is; events that
// only read them (values in objects, container ends) skip the check (a runtime call).
//
// Example: `{"a": [1, "x"]}` gives
//   objectStart(depth 0, pointer "") key "a"(depth 1, "/a") arrayStart(depth 1, "/a")
//   number 1(depth 2, "/a/0") string "x"(depth 2, "/a/1") arrayEnd(depth 1) objectEnd(depth 0)

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The input buffer is malloc'ed (not `allocate`d) so that it can grow with `realloc`.
func mallocInput(_ bytes: Int) -> UnsafeMutableRawPointer {
    guard let p = malloc(bytes) else { fatalError("JSONReader: out of memory (\(bytes) bytes)") }
    return p
}

/// A streaming, strict JSON reader. See the design comment at the top of this file.
///
/// Not copyable: a reader is a cursor over one input, and owning its buffers outright is what
/// lets every event skip the uniqueness check a copy-on-write value would need (~9 % of
/// `next()`). Move it (`consume`) to hand it on.
public struct JSONReader: ~Copyable, @unchecked Sendable {
    /// Limits and modes.
    public struct Options: Sendable {
        /// Deepest container nesting accepted (`[[1]]` is depth 2).
        public var maxDepth: Int = 1024
        /// Longest string accepted, in source bytes between the quotes.
        public var maxStringBytes: Int = 16 << 20
        /// Longest number text accepted.
        public var maxNumberLength: Int = 4096
        /// Largest document (NDJSON: record) accepted, in bytes; nil for no limit.
        public var maxDocumentBytes: Int? = nil
        /// One top-level value per line (NDJSON / JSON Lines); blank lines are skipped.
        public var ndjson: Bool = false
        /// Report member names that repeat in one object (`JSONEvent.isDuplicateKey`).
        public var detectDuplicateKeys: Bool = true
        /// How many names of one object are remembered for duplicate detection. Past it, names are
        /// no longer compared, which keeps memory bounded on objects with millions of members.
        public var maxTrackedKeysPerObject: Int = 100_000
        /// Skip a UTF-8 byte order mark at the start of the input instead of rejecting it.
        public var allowByteOrderMark: Bool = false

        public init() {}
    }

    public let options: Options
    /// `NameHashKey.process`, read once: the static's lazy initialisation check is not paid per name.
    let hashKey = NameHashKey.process
    /// `options.maxDocumentBytes`, or `Int.max` for none (read for every token).
    @usableFromInline let documentLimit: Int

    // MARK: Storage

    @usableFromInline struct Frame: Sendable {
        var isObject: Bool
        /// Elements started so far (arrays) / members named so far (objects).
        var count: Int
        /// Objects: index in `keys` of the current member's name, -1 before the first.
        var currentKey: Int
        /// Objects: first index in `keys` and in `keyBytes` that belongs to this object.
        var firstKey: Int
        var firstKeyByte: Int
        /// Objects with many members: position in `keyIndexes` of their hash index, -1 for none.
        var index: Int
        /// Objects: one bit per name hash seen (bit `hash & 63`): most new names hit a zero bit
        /// and need no search for an earlier name with the same hash.
        var seen: UInt64
    }

    @usableFromInline struct KeyEntry: Sendable {
        var start: Int
        var length: Int
        var hash: UInt64
        var offset: Int
        var line: Int
        var column: Int
        /// Previous entry of the same object with the same hash (-1 for none).
        var sameHash: Int
        /// Compared against later names (false past the tracking limit).
        var tracked: Bool
    }

    /// Owns the reader's allocations (freed in `deinit`). The reader works on its own copies of
    /// the pointers (stored properties of the struct, so the hot paths need no dynamic
    /// exclusivity checks); this object is only touched when a buffer grows or is cloned.
    @usableFromInline final class Storage: @unchecked Sendable {
        var input: UnsafeMutableRawPointer
        var frames: UnsafeMutablePointer<Frame>
        var keys: UnsafeMutablePointer<KeyEntry>
        var keyBytes: UnsafeMutableRawPointer

        init(input: UnsafeMutableRawPointer, frames: UnsafeMutablePointer<Frame>,
             keys: UnsafeMutablePointer<KeyEntry>, keyBytes: UnsafeMutableRawPointer) {
            self.input = input
            self.frames = frames
            self.keys = keys
            self.keyBytes = keyBytes
        }

        deinit {
            free(input)
            frames.deallocate()
            keys.deallocate()
            keyBytes.deallocate()
        }
    }

    @usableFromInline var s: Storage
    /// Input bytes; `filled` of them are valid.
    @usableFromInline var input: UnsafeMutableRawPointer
    @usableFromInline var filled = 0
    var inputCapacity: Int
    /// The stack of open containers.
    var frames: UnsafeMutablePointer<Frame>
    var frameCount = 0
    var frameCapacity: Int
    /// Member names of every open object (see `Frame.firstKey`).
    var keys: UnsafeMutablePointer<KeyEntry>
    var keyCount = 0
    var keyCapacity: Int
    /// Decoded names of the members of every open object (see `Frame.firstKeyByte`).
    var keyBytes: UnsafeMutableRawPointer
    var keyByteCount = 0
    var keyByteCapacity: Int
    /// Hash indexes of the open objects with many members, innermost last (the first
    /// `keyIndexesInUse`; the rest are kept for reuse); see `Frame.index`.
    var keyIndexes: [NameIndex] = []
    var keyIndexesInUse = 0

    /// The valid input bytes (cold paths: messages, pointers).
    @usableFromInline var buffer: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: input, count: filled) }

    /// The reader is not copyable, so its allocations are never shared: nothing to do. (Kept as
    /// the one place that would clone them if the type ever became copyable again.)
    @inline(__always)
    mutating func unshare() {}

    @inline(never)
    mutating func clone() {
        let i = mallocInput(max(inputCapacity, 1))
        i.copyMemory(from: input, byteCount: filled)
        let f = UnsafeMutablePointer<Frame>.allocate(capacity: frameCapacity)
        f.initialize(from: frames, count: frameCount)
        let k = UnsafeMutablePointer<KeyEntry>.allocate(capacity: keyCapacity)
        k.initialize(from: keys, count: keyCount)
        let kb = UnsafeMutableRawPointer.allocate(byteCount: keyByteCapacity, alignment: 16)
        kb.copyMemory(from: keyBytes, byteCount: keyByteCount)
        input = i
        frames = f
        keys = k
        keyBytes = kb
        s = Storage(input: i, frames: f, keys: k, keyBytes: kb)
    }

    /// Makes room for `extra` more input bytes.
    mutating func reserveInput(_ extra: Int) {
        guard filled + extra > inputCapacity else { return }
        let newCapacity = max(filled + extra, inputCapacity * 2, 4096)
        // realloc, not allocate-copy-free: a large buffer (a long string) is moved by remapping its
        // pages, so growing it never holds the old and the new copy at once (peak memory stays at
        // about the buffered bytes, not twice them).
        guard let b = realloc(input, newCapacity) else { fatalError("JSONReader: out of memory (\(newCapacity) bytes)") }
        input = b
        s.input = b
        inputCapacity = newCapacity
    }

    @inline(never)
    mutating func growFrames() {
        frameCapacity *= 2
        frames = Self.moved(frames, count: frameCount, to: frameCapacity)
        s.frames = frames
    }

    @inline(never)
    mutating func growKeys() {
        keyCapacity *= 2
        keys = Self.moved(keys, count: keyCount, to: keyCapacity)
        s.keys = keys
    }

    /// A larger allocation holding the first `count` elements of `old`, which is freed.
    static func moved<T>(_ old: UnsafeMutablePointer<T>, count: Int, to capacity: Int) -> UnsafeMutablePointer<T> {
        let new = UnsafeMutablePointer<T>.allocate(capacity: capacity)
        new.moveInitialize(from: old, count: count)
        old.deallocate()
        return new
    }

    @inline(never)
    mutating func reserveKeyBytes(_ extra: Int) {
        guard keyByteCount + extra > keyByteCapacity else { return }
        let newCapacity = max(keyByteCount + extra, keyByteCapacity * 2)
        let b = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 16)
        b.copyMemory(from: keyBytes, byteCount: keyByteCount)
        keyBytes.deallocate()
        keyBytes = b
        s.keyBytes = b
        keyByteCapacity = newCapacity
    }

    // MARK: Input buffer

    /// Next unread byte in the buffer.
    @usableFromInline var pos = 0
    /// Absolute input offset of the buffer's first byte.
    @usableFromInline var base = 0 {
        didSet { updateDocumentEnd() }
    }
    /// `finish()` was called: no more input will come.
    var inputComplete = false
    /// `input` is the caller's memory (`feed(borrowing:)`), not `s.input`: never written, grown
    /// or compacted; `endBorrowing()` copies what is left of it.
    var borrowing = false
    /// Everything was read (or the document failed and the reader stopped).
    public private(set) var isAtEnd = false

    // MARK: Position

    var line = 1
    /// Absolute offset of the first byte of the current line.
    var lineStart = 0

    // MARK: Grammar state

    enum State: UInt8 {
        case topValue, afterTop
        case arrayFirst, arrayValue, arrayNext
        case objectFirst, objectKey, objectColon, objectValue, objectNext
        case skippingRecord
    }

    var state: State = .topValue
    /// How many frames name the current event's value (see `pointer`).
    @usableFromInline var pointerDepth = 0

    /// Hash of the decoded bytes of the latest member name (`JSONReader.nameHash`).
    public private(set) var lastKeyHash: UInt64 = 0
    /// The decoded bytes of the latest member name, valid until the next `next()`, `feed`,
    /// `finish` or `skipRecord` (as `currentKeyBytes`). The eight bytes after them are readable
    /// and initialised (zero), so a caller may compare whole words. A stored copy of what
    /// `currentKeyBytes` computes: a call to it from another module copied the whole reader.
    public private(set) var lastKeyBytes = UnsafeRawBufferPointer(start: nil, count: 0)

    /// The hash `lastKeyHash` gives a name with these decoded bytes: for tables of names that
    /// are probed with it. Keyed (`NameHashKey.process`): equal within a process, different
    /// between processes.
    ///
    /// Eight bytes per step (little-endian words, the last one zero-padded), each mixed in with a
    /// full-width multiply by the key, then the length: byte-wise FNV-1a took a dependent multiply
    /// per byte, and every member name of every payload is hashed.
    public static func nameHash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        if let h = bytes.withContiguousStorageIfAvailable({ nameHash(UnsafeRawBufferPointer($0)) }) { return h }
        let key = NameHashKey.process
        var h = key.seed
        var w: UInt64 = 0
        var n = 0
        for b in bytes {
            w |= UInt64(b) &<< (UInt64(n & 7) &* 8)
            n &+= 1
            if n & 7 == 0 {
                h = mixName(h, w, key.multiplier)
                w = 0
            }
        }
        if n & 7 != 0 { h = mixName(h, w, key.multiplier) }
        return mixName(h, UInt64(n), key.multiplier)
    }

    /// `nameHash` of bytes in memory: whole words loaded at once. The generic version comes here
    /// for contiguous bytes; its own loop, a byte iterator the optimiser does not inline, is for
    /// the other sequences.
    public static func nameHash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        nameHash(bytes, key: NameHashKey.process)
    }

    /// `nameHash` under a given key: what the hash would be in a process that drew `key`.
    public static func nameHash(_ bytes: UnsafeRawBufferPointer, key: NameHashKey) -> UInt64 {
        var h = key.seed
        let n = bytes.count
        var i = 0
        while n &- i >= 8 {
            h = mixName(h, UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)), key.multiplier)
            i &+= 8
        }
        if i < n {
            var w: UInt64 = 0
            var shift: UInt64 = 0
            while i < n {
                w |= UInt64(bytes[i]) &<< shift
                shift &+= 8
                i &+= 1
            }
            h = mixName(h, w, key.multiplier)
        }
        return mixName(h, UInt64(n), key.multiplier)
    }

    /// One step of `nameHash`: the state and the word, multiplied full width by the key's
    /// multiplier, both halves of the product folded together (wyhash's "mum"). Without the key,
    /// no payload can predict how a change of its bytes changes the hash.
    @inline(__always) @usableFromInline
    static func mixName(_ h: UInt64, _ w: UInt64, _ multiplier: UInt64) -> UInt64 {
        let (high, low) = (h ^ w).multipliedFullWidth(by: multiplier)
        return high ^ low
    }

    /// Where the first occurrence of the name of the last duplicate key event was.
    public var duplicateOf: (offset: Int, line: Int, column: Int)? {
        duplicateOffset >= 0 ? (duplicateOffset, duplicateLine, duplicateColumn) : nil
    }
    /// `duplicateOf`, unpacked (-1: none), so that clearing it per name is one store.
    var duplicateOffset = -1
    var duplicateLine = 0
    var duplicateColumn = 0

    // MARK: Records (NDJSON)

    /// 1-based line number where the current top-level value (record) starts.
    public private(set) var recordLine = 0
    /// How many top-level values have started.
    public private(set) var recordCount = 0
    /// Absolute offset where the current top-level value starts.
    var recordStart = 0 {
        didSet { updateDocumentEnd() }
    }
    /// The `pos` past which the current top-level value is larger than `documentLimit`
    /// (`Int.max`: no limit), kept by `recordStart`'s and `base`'s observers: each token's size
    /// check is then one comparison with `pos`, not three loads and two subtractions.
    var documentEnd = Int.max

    @inline(__always)
    mutating func updateDocumentEnd() {
        let (end, overflow) = (recordStart &- base).addingReportingOverflow(documentLimit)
        documentEnd = overflow ? .max : end
    }

    // MARK: Resumable string scan

    struct Pending: Sendable {
        /// Absolute offset of the opening quote.
        var quote: Int
        /// Absolute offset where scanning resumes.
        var resume: Int
        var bytes: Int
        var scalars: Int
        var escapes: Bool
        var ascii: Bool
    }

    var pending: Pending? = nil
    /// Scratch space for decoding escaped strings.
    @usableFromInline var scratch: [UInt8] = []

    public init(options: Options = Options()) {
        self.options = options
        documentLimit = options.maxDocumentBytes ?? Int.max
        documentEnd = documentLimit
        inputCapacity = 0
        input = mallocInput(1)
        frameCapacity = 16
        frames = .allocate(capacity: 16)
        keyCapacity = 64
        keys = .allocate(capacity: 64)
        keyByteCapacity = 1024
        keyBytes = .allocate(byteCount: 1024, alignment: 16)
        s = Storage(input: input, frames: frames, keys: keys, keyBytes: keyBytes)
    }

    // MARK: Feeding

    /// Appends the next chunk of input. Tokens handed out before become invalid.
    public mutating func feed(_ chunk: UnsafeRawBufferPointer) {
        unshare()
        endBorrowing()
        compact()
        guard let from = chunk.baseAddress, chunk.count > 0 else { return }
        reserveInput(chunk.count)
        (input + filled).copyMemory(from: from, byteCount: chunk.count)
        filled += chunk.count
    }

    /// Appends the next chunk of input. Tokens handed out before become invalid.
    public mutating func feed(_ chunk: [UInt8]) {
        chunk.withUnsafeBytes { feed($0) }
    }

    /// Appends the next chunk of input (any byte collection, `Data` included).
    public mutating func feed<C: Collection>(contentsOf chunk: C) where C.Element == UInt8 {
        let done: Void? = chunk.withContiguousStorageIfAvailable { feed(UnsafeRawBufferPointer($0)) }
        if done == nil { feed(Array(chunk)) }
    }

    /// Like `feed(_:)`, but when the reader holds no unread input, `chunk` is read where it is,
    /// without a copy. The caller must then call `endBorrowing()` before `chunk`'s memory changes
    /// or is freed; that copies the bytes not read yet (a record cut by the chunk's end). Holding
    /// unread input (`hasUnreadInput`), the reader copies `chunk` as `feed(_:)` does.
    ///
    /// For NDJSON, feed a chunk's first line with `feed(_:)` while input is unread
    /// (`firstLineEnd(in:)`), drain the reader, then the rest with this: all but the cut records
    /// is then read in place.
    public mutating func feed(borrowing chunk: UnsafeRawBufferPointer) {
        unshare()
        endBorrowing()
        compact()
        guard filled == 0, pending == nil, let from = chunk.baseAddress, chunk.count > 0 else {
            feed(chunk)
            return
        }
        input = UnsafeMutableRawPointer(mutating: from)
        filled = chunk.count
        borrowing = true
    }

    /// Ends `feed(borrowing:)`: the bytes of the borrowed chunk not read yet are copied into the
    /// reader's own buffer. Does nothing when no chunk is borrowed.
    public mutating func endBorrowing() {
        guard borrowing else { return }
        var keep = pos
        if let p = pending { keep = min(keep, p.quote - base) }
        let borrowed = UnsafeRawPointer(input)
        let rest = filled - keep
        borrowing = false
        input = s.input
        filled = 0
        base += keep
        pos -= keep
        if rest > 0 {
            reserveInput(rest)
            input.copyMemory(from: borrowed + keep, byteCount: rest)
            filled = rest
        }
    }

    /// Whether input was fed that the reader has not read through yet (a value, a name or
    /// whitespace cut by the end of the input so far).
    public var hasUnreadInput: Bool { pos < filled || pending != nil }

    /// The length of `chunk`'s first line, newline included; nil when it has no newline.
    public static func firstLineEnd(in chunk: UnsafeRawBufferPointer) -> Int? {
        guard let from = chunk.baseAddress, chunk.count > 0,
              let nl = memchr(from, Int32(UInt8(ascii: "\n")), chunk.count) else { return nil }
        return UnsafeRawPointer(nl) - from + 1
    }

    /// The index of `chunk`'s last newline; nil when it has none. Eight bytes at a time from the
    /// end: NDJSON blocks are cut after their last newline, and the generic `lastIndex(of:)` went
    /// byte by byte (some 90,000 instructions a block on Frontier's corpus, whose records are long).
    public static func lastNewline(in chunk: UnsafeRawBufferPointer) -> Int? {
        guard let p = chunk.baseAddress else { return nil }
        var i = chunk.count
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        while i >= 8 {
            let w = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i &- 8, as: UInt64.self)) ^ 0x0A0A_0A0A_0A0A_0A0A
            // The high bit of exactly the zero bytes (the newlines): no carry crosses a byte, so no
            // byte is flagged because of another (the borrow test flags bytes above a zero one).
            let zero = ~(((w & low7) &+ low7) | w | low7)
            if zero != 0 { return i &- 1 &- zero.leadingZeroBitCount &>> 3 }
            i &-= 8
        }
        while i > 0 {
            i &-= 1
            if p.load(fromByteOffset: i, as: UInt8.self) == 0x0A { return i }
        }
        return nil
    }

    /// The number of newlines in `chunk`, 64 bytes at a time (NDJSON blocks: the line the next
    /// block starts on). A `memchr` per line cost a call and its set-up every 400 bytes or so on
    /// PACE's corpus, under the lock that orders the blocks. (`.==` lowers to `pcmpeqb` here; it
    /// is the ordered compares that go lane by lane, see README, Decisions.)
    public static func newlineCount(in chunk: UnsafeRawBufferPointer) -> Int {
        guard let p = chunk.baseAddress else { return 0 }
        let count = chunk.count
        let newline = SIMD16<UInt8>(repeating: 0x0A)
        let one = SIMD16<UInt8>(repeating: 1)
        var total = 0
        var i = 0
        while i &+ 64 <= count {
            // A lane gains at most four a round: 63 rounds fit a byte.
            var lanes = SIMD16<UInt8>()
            let stop = min(count, i &+ 63 &* 64)
            while i &+ 64 <= stop {
                let a = p.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
                let b = p.loadUnaligned(fromByteOffset: i &+ 16, as: SIMD16<UInt8>.self)
                let c = p.loadUnaligned(fromByteOffset: i &+ 32, as: SIMD16<UInt8>.self)
                let d = p.loadUnaligned(fromByteOffset: i &+ 48, as: SIMD16<UInt8>.self)
                lanes &+= SIMD16<UInt8>().replacing(with: one, where: a .== newline)
                lanes &+= SIMD16<UInt8>().replacing(with: one, where: b .== newline)
                lanes &+= SIMD16<UInt8>().replacing(with: one, where: c .== newline)
                lanes &+= SIMD16<UInt8>().replacing(with: one, where: d .== newline)
                i &+= 64
            }
            total &+= Int(SIMD16<UInt16>(truncatingIfNeeded: lanes).wrappedSum())
        }
        while i < count {
            if p.load(fromByteOffset: i, as: UInt8.self) == 0x0A { total &+= 1 }
            i &+= 1
        }
        return total
    }

    /// Declares that no more input will come. `next()` then reports what is left and the end.
    public mutating func finish() {
        inputComplete = true
    }

    /// Drops the bytes before the oldest token still needed.
    mutating func compact() {
        var keep = pos
        if let p = pending { keep = min(keep, p.quote - base) }
        guard keep > 0 else { return }
        if keep >= filled {
            filled = 0
        } else {
            input.copyMemory(from: input + keep, byteCount: filled - keep)  // memmove
            filled -= keep
        }
        base += keep
        pos -= keep
    }

    // MARK: Positions and pointer

    /// 1-based line and column of an absolute offset on the current line or a line already
    /// counted (offsets of the current and the latest events).
    @inlinable
    func column(of offset: Int) -> Int { offset - lineStartFor(offset) + 1 }

    @usableFromInline func lineStartFor(_ offset: Int) -> Int { offset >= lineStart ? lineStart : 0 }

    /// The absolute offset of the next byte to read.
    public var offset: Int { base + pos }

    /// Current nesting depth (open containers).
    public var depth: Int { frameCount }

    /// RFC 6901 pointer of the latest event's value (`/data/attributes/name`, `/include/0`).
    ///
    /// Rendered on demand from the open containers: member names are kept decoded, array
    /// positions as counters, so the cost is proportional to the depth, not to the document.
    public var pointer: String { pointer(prefix: "", suffix: "") }

    /// `prefix`, the latest event's pointer, then `suffix` (e.g. an escaped `/name` below it), as
    /// one string.
    ///
    /// Written once into the string's own storage, made with room for `pointerBound`: findings
    /// render a pointer each, and growing an array byte by byte cost more than the rest of the
    /// finding.
    public func pointer(prefix: String, suffix: String) -> String {
        var prefix = prefix
        var suffix = suffix
        let room = prefix.utf8.count + pointerBound + suffix.utf8.count
        if room == 0 { return "" }
        return prefix.withUTF8 { head in
            suffix.withUTF8 { tail in
                String(unsafeUninitializedCapacity: room) { buffer in
                    guard let base = buffer.baseAddress else { return 0 }
                    if let h = head.baseAddress { base.update(from: h, count: head.count) }
                    let at = writePointer(to: base, at: head.count)
                    if let t = tail.baseAddress { (base + at).update(from: t, count: tail.count) }
                    return at + tail.count
                }
            }
        }
    }

    /// At least the bytes of the latest event's pointer (what `writePointer` writes), known
    /// without reading the names (`segmentBound`).
    var pointerBound: Int {
        var bound = 0
        for i in 0..<min(pointerDepth, frameCount) { bound &+= segmentBound(i) }
        return bound
    }

    /// Writes the latest event's pointer at `out + at` (room for `pointerBound`); returns the end.
    func writePointer(to out: UnsafeMutablePointer<UInt8>, at start: Int) -> Int {
        var at = start
        for i in 0..<min(pointerDepth, frameCount) { at = writeSegment(i, to: out, at: at) }
        return at
    }

    /// At least the bytes of frame `i`'s pointer segment, its `/` included (see `writeSegment`):
    /// twice the name (an escape doubles a byte), or 20 digits for an index. An upper bound, not
    /// the length: measuring the escaped length read every name twice (once more to write it),
    /// and a `unique:` claim stores a pointer per value.
    func segmentBound(_ i: Int) -> Int {
        let f = frame(i)
        if !f.isObject { return 21 }
        return f.currentKey >= 0 ? 1 &+ 2 &* keys[f.currentKey].length : 1
    }

    /// Writes frame `i`'s segment at `out + at` (room for `segmentBound`); returns the end.
    func writeSegment(_ i: Int, to out: UnsafeMutablePointer<UInt8>, at start: Int) -> Int {
        let f = frame(i)
        var at = start
        out[at] = UInt8(ascii: "/")
        at += 1
        if f.isObject {
            guard f.currentKey >= 0 else { return at }
            let k = keys[f.currentKey]
            return at + JSONPointer.writeEscaped(keyBytes + k.start, k.length, to: out + at)
        }
        var index = max(f.count - 1, 0)
        var digits = 1
        var probe = index
        while probe >= 10 { probe /= 10; digits += 1 }
        var j = at + digits - 1
        repeat {
            out[j] = UInt8(ascii: "0") + UInt8(index % 10)
            index /= 10
            j -= 1
        } while index > 0
        return at + digits
    }

    /// Appends the latest event's JSON pointer as UTF-8 to `out`.
    public func appendPointer(to out: inout [UInt8]) {
        // Written in one piece (a temporary per segment cost some 150 instructions each; `unique:`
        // claims store a pointer per value).
        let bound = pointerBound
        guard bound > 0 else { return }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bound) { buffer in
            guard let base = buffer.baseAddress else { return }
            out.append(contentsOf: UnsafeBufferPointer(start: base, count: writePointer(to: base, at: 0)))
        }
    }

    func frame(_ i: Int) -> Frame {
        precondition(i >= 0 && i < frameCount, "frame index out of range")
        return frames[i]
    }

    /// Appends the pointer segment (with its leading `/`) that frame `i` contributes.
    public func appendSegment(_ i: Int, to out: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: segmentBound(i)) { buffer in
            guard let base = buffer.baseAddress else { return }
            out.append(contentsOf: UnsafeBufferPointer(start: base, count: writeSegment(i, to: base, at: 0)))
        }
    }

    /// Number of pointer segments of the latest event.
    public var pointerSegmentCount: Int { min(pointerDepth, frameCount) }

    /// The decoded name of the current member of the object at frame `i`, when frame `i` is an
    /// object that has one; nil for arrays.
    public func withCurrentKey<R>(ofFrame i: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R? {
        let f = frame(i)
        guard f.isObject, f.currentKey >= 0 else { return nil }
        let k = keys[f.currentKey]
        return try withExtendedLifetime(s) {
            try body(UnsafeRawBufferPointer(start: keyBytes + k.start, count: k.length))
        }
    }

    /// `withCurrentKey` without a closure, for hot paths: the bytes stay valid while the reader
    /// lives and is not mutated (`next()`, `feed`, `finish`, `skipRecord` invalidate them).
    public func currentKeyBytes(ofFrame i: Int) -> UnsafeRawBufferPointer? {
        let f = frame(i)
        guard f.isObject, f.currentKey >= 0 else { return nil }
        let k = keys[f.currentKey]
        return UnsafeRawBufferPointer(start: keyBytes + k.start, count: k.length)
    }

    /// The array index of the current element in frame `i`, nil for objects.
    public func currentIndex(ofFrame i: Int) -> Int? {
        let f = frame(i)
        return f.isObject ? nil : max(f.count - 1, 0)
    }

    // MARK: Token bytes

    /// The token's source bytes: a string's or key's content between the quotes (escapes not
    /// decoded), a number's text. Valid only during `body`.
    @inlinable
    public func withRawBytes<R>(_ event: JSONEvent, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        precondition(event.start >= 0 && event.start <= event.end && event.end <= filled, "stale event")
        return try withExtendedLifetime(s) {
            try body(UnsafeRawBufferPointer(start: input + event.start, count: event.end - event.start))
        }
    }

    /// `withRawBytes` without a closure, for hot paths: the bytes stay valid while the reader
    /// lives and is not mutated (`next()`, `feed`, `finish`, `skipRecord` invalidate them).
    @inlinable
    public func rawBytes(_ event: JSONEvent) -> UnsafeRawBufferPointer {
        precondition(event.start >= 0 && event.start <= event.end && event.end <= filled, "stale event")
        return UnsafeRawBufferPointer(start: input + event.start, count: event.end - event.start)
    }

    /// The decoded UTF-8 bytes of a string or key (escapes resolved); for other tokens the
    /// source bytes. Decodes into a scratch buffer only when the token has escapes.
    public mutating func withDecodedBytes<R>(_ event: JSONEvent, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        guard event.hasEscapes else { return try withRawBytes(event, body) }
        precondition(event.start >= 0 && event.start <= event.end && event.end <= filled, "stale event")
        // `scratch` only grows; the decoded value is at most as long as its source.
        let sourceLength = event.end - event.start
        if scratch.count < sourceLength { scratch = [UInt8](repeating: 0, count: max(sourceLength, scratch.count * 2)) }
        let source = UnsafeRawBufferPointer(start: input + event.start, count: sourceLength)
        return try scratch.withUnsafeMutableBytes { b in
            // non-nil: count >= sourceLength > 0 (a string with escapes is not empty)
            let length = JSONStringDecoder.decode(source, to: b.baseAddress!)
            return try body(UnsafeRawBufferPointer(rebasing: b[0..<length]))
        }
    }

    /// The decoded value of a string or key, or the text of a number.
    public mutating func string(_ event: JSONEvent) -> String {
        withDecodedBytes(event) { String(decoding: $0, as: UTF8.self) }
    }

    // MARK: Reading

    /// The next token, or nil when more input is needed (`feed`) or the input is exhausted
    /// (`isAtEnd`).
    ///
    /// - Throws: `JSONStreamError` at the first byte that is not well-formed JSON. In NDJSON mode
    ///   call `skipRecord()` and go on with the next record; otherwise the reader stops.
    public mutating func next() throws(JSONStreamError) -> JSONEvent? {
        let e = try nextToken()
        // Checked at the end of every token (it used to be checked only where a value starts, so
        // a document that is one long string, or ends with long ones, passed any limit). One
        // comparison against a precomputed bound: `Int.max` when there is no limit.
        if _slowPath(pos > documentEnd), let e { try checkDocumentSize(at: e.offset) }
        return e
    }

    /// `next()` without the optional: `JSONEvent.none` at the end of the available input. For a
    /// loop that handles millions of events: the event is returned in place, where unwrapping
    /// `next()`'s optional copied its 80 bytes out of the result.
    public mutating func nextOrNone() throws(JSONStreamError) -> JSONEvent {
        guard let e = try nextToken() else { return .none }
        if _slowPath(pos > documentEnd) { try checkDocumentSize(at: e.offset) }
        return e
    }

    /// Takes the token's offset, not the token: passed the 80-byte event, the caller kept a copy
    /// of every event on its stack for this rare call (five stores per event).
    @inline(never)
    func checkDocumentSize(at offset: Int) throws(JSONStreamError) {
        if let limit = options.maxDocumentBytes, base + pos - recordStart > limit {
            throw error(.sizeLimit, "the document is larger than \(limit) bytes", at: offset, limit: (.documentBytes, limit))
        }
    }

    @_transparent
    mutating func nextToken() throws(JSONStreamError) -> JSONEvent? {
        if _slowPath(isAtEnd) { return nil }
        if _slowPath(state == .skippingRecord) {
            guard skipToNextLine() else { return nil }
        }
        let p = UnsafeRawPointer(input)
        let n = filled
        while true {
            // Fast path: the next byte is not whitespace (compact JSON).
            var c: UInt8 = 0
            if pos < n { c = p.load(fromByteOffset: pos, as: UInt8.self) }
            if pos >= n || c <= 0x20 {
                guard let w = try skipWhitespace() else {
                    return try atEndOfBuffer()
                }
                c = w
            }
            // Every path that produces an event ends at one of the four calls after the switch,
            // so each is inlined once and builds its event directly in the return slot.
            var action = Action.value
            switch state {
            case .objectNext:
                if c == UInt8(ascii: ",") {
                    pos &+= 1
                    state = .objectKey
                    if pos < n && p.load(fromByteOffset: pos, as: UInt8.self) == UInt8(ascii: "\"") { action = .key; break }
                    continue
                }
                if c == UInt8(ascii: "}") { action = .endObject; break }
                return try unexpected("expected ',' or '}' after member value, found ")
            case .objectColon:
                if c == UInt8(ascii: ":") {
                    pos &+= 1
                    state = .objectValue
                    if pos < n, case let v = p.load(fromByteOffset: pos, as: UInt8.self), v > 0x20 { c = v; break }
                    continue
                }
                return try unexpected("expected ':' after member name, found ")
            case .objectValue:
                break
            case .objectKey:
                if c == UInt8(ascii: "\"") { action = .key; break }
                if c == UInt8(ascii: "}") {
                    throw error(.syntax, "expected a member name after ',', found '}' (trailing commas are not allowed)")
                }
                return try unexpected("expected a member name (a string) after ',', found ")
            case .arrayNext:
                if c == UInt8(ascii: ",") {
                    pos &+= 1
                    state = .arrayValue
                    if pos < n, case let v = p.load(fromByteOffset: pos, as: UInt8.self), v > 0x20, v != UInt8(ascii: "]") {
                        c = v
                        break
                    }
                    continue
                }
                if c == UInt8(ascii: "]") { action = .endArray; break }
                return try unexpected("expected ',' or ']' after array element, found ")
            case .arrayValue:
                if c == UInt8(ascii: "]") {
                    throw error(.syntax, "expected a value after ',', found ']' (trailing commas are not allowed)")
                }
            case .objectFirst:
                if c == UInt8(ascii: "\"") { action = .key; break }
                if c == UInt8(ascii: "}") { action = .endObject; break }
                return try unexpected("expected a member name (a string) or '}', found ")
            case .arrayFirst:
                if c == UInt8(ascii: "]") { action = .endArray }
            case .topValue:
                if base + pos == 0, c == 0xEF {
                    guard try byteOrderMark() else { return nil }
                    continue
                }
                // `value` returns nil when a top-level string, number or literal is incomplete and
                // is called again for it after the next `feed`: count the record once.
                if recordCount == 0 || recordStart != base + pos { recordCount += 1 }
                recordLine = line
                recordStart = base + pos
            case .afterTop:
                return try unexpected(
                    options.ndjson
                        ? "expected the end of the line after the record's value, found "
                        : "expected the end of input after the top-level value, found ")
            case .skippingRecord:
                return nil
            }
            switch action {
            case .value: return try value(c)
            case .key: return try key()
            case .endObject: return endContainer(isObject: true)
            case .endArray: return endContainer(isObject: false)
            }
        }
    }

    enum Action { case value, key, endObject, endArray }

    /// NDJSON: after an error, discards the rest of the failed record's line so that reading goes
    /// on with the next record.
    public mutating func skipRecord() {
        unshare()
        frameCount = 0
        keyIndexesInUse = 0
        keyCount = 0
        keyByteCount = 0
        pending = nil
        pointerDepth = 0
        if options.ndjson {
            isAtEnd = false
            state = .skippingRecord
        }
    }

    /// Consumes input up to and including the next newline; false when the buffer ran out first.
    mutating func skipToNextLine() -> Bool {
        let p = UnsafeRawPointer(input)
        let n = filled
        while pos < n {
            let c = p.load(fromByteOffset: pos, as: UInt8.self)
            pos += 1
            if c == UInt8(ascii: "\n") {
                line += 1
                lineStart = base + pos
                state = .topValue
                return true
            }
        }
        if inputComplete { isAtEnd = true }
        return false
    }

    // MARK: Whitespace and end of buffer

    /// Skips insignificant whitespace, counting lines; returns the next byte without consuming
    /// it, or nil at the end of the buffer.
    mutating func skipWhitespace() throws(JSONStreamError) -> UInt8? {
        let p = UnsafeRawPointer(input)
        let n = filled
        while pos < n {
            let c = p.load(fromByteOffset: pos, as: UInt8.self)
            switch c {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                pos += 1
            case UInt8(ascii: "\n"):
                if options.ndjson {
                    if state == .afterTop {
                        state = .topValue
                    } else if state != .topValue {
                        throw unclosedAtNewline()
                    }
                }
                pos += 1
                line += 1
                lineStart = base + pos
            default:
                return c
            }
        }
        return nil
    }

    @inline(never)
    func unclosedAtNewline() -> JSONStreamError {
        let last = frameCount > 0 ? frames[frameCount - 1].isObject : false
        return error(.syntax, "the line ends inside the record's \(last ? "object" : "array") (NDJSON records are one line each)")
    }

    @inline(never)
    mutating func atEndOfBuffer() throws(JSONStreamError) -> JSONEvent? {
        guard inputComplete else { return nil }
        switch state {
        case .afterTop, .skippingRecord:
            isAtEnd = true
            return nil
        case .topValue:
            if recordCount == 0 && !options.ndjson {
                throw error(.syntax, "expected a JSON value, found the end of input (the input is empty)")
            }
            isAtEnd = true
            return nil
        case .arrayFirst, .arrayValue:
            throw error(.syntax, "expected a value, found the end of input (unclosed array)")
        case .arrayNext:
            throw error(.syntax, "expected ',' or ']', found the end of input (unclosed array)")
        case .objectFirst, .objectKey:
            throw error(.syntax, "expected a member name, found the end of input (unclosed object)")
        case .objectColon:
            throw error(.syntax, "expected ':', found the end of input (unclosed object)")
        case .objectValue:
            throw error(.syntax, "expected a value, found the end of input (unclosed object)")
        case .objectNext:
            throw error(.syntax, "expected ',' or '}', found the end of input (unclosed object)")
        }
    }

    /// The input starts with 0xEF. Returns false when more input is needed to tell whether it is a
    /// byte order mark (the first chunk may hold only part of it).
    mutating func byteOrderMark() throws(JSONStreamError) -> Bool {
        let available = buffer.count - pos
        let mark: [UInt8] = [0xEF, 0xBB, 0xBF]
        for k in 1..<min(3, available) where buffer[pos + k] != mark[k] {
            // Not a byte order mark; describe the character only once all of it has arrived.
            if needsMoreToDescribe(at: pos) { return false }
            throw error(startsValidUTF8(at: pos) ? .syntax : .encoding, "expected a JSON value, found \(describe(at: pos))")
        }
        guard available >= 3 else {
            if inputComplete { throw error(.encoding, "input ends inside a byte order mark") }
            return false
        }
        guard options.allowByteOrderMark else {
            throw error(.encoding, "a byte order mark (U+FEFF) is not allowed at the start of JSON text")
        }
        pos += 3
        lineStart = 3
        return true
    }

    // MARK: Values

    @inline(__always)
    func eventHere(_ kind: JSONEventKind, depth: Int) -> JSONEvent {
        JSONEvent(kind: kind, depth: depth, offset: base &+ pos, line: line, column: base &+ pos &- lineStart &+ 1)
    }

    /// An event for the token whose source is `start..<end` in the buffer, built in one go (no
    /// field-by-field stores to a temporary that is then copied).
    @inline(__always)
    func token(_ kind: JSONEventKind, depth: Int, at offset: Int, start: Int, end: Int, bytes: Int, scalars: Int,
               escapes: Bool = false, traits: StringTraits = []) -> JSONEvent {
        JSONEvent(kind: kind, depth: depth, offset: offset, line: line, column: offset &- lineStart &+ 1,
                  byteCount: bytes, scalarCount: scalars, hasEscapes: escapes, traits: traits, start: start, end: end)
    }

    @_transparent
    mutating func value(_ c: UInt8) throws(JSONStreamError) -> JSONEvent? {
        switch c {
        case UInt8(ascii: "\""):
            let quote = pos
            let r = try scanStringFast()
            guard r.end >= 0 else { return nil }
            let d = scalarDone()
            return token(.string, depth: d, at: base &+ quote, start: quote &+ 1, end: r.end, bytes: r.bytes,
                         scalars: r.scalars, escapes: r.escapes, traits: r.ascii ? [] : .nonASCII)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            return try startContainer(isObject: c == UInt8(ascii: "{"))
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let start = pos
            let end = try scanNumber()
            guard end >= 0 else { return nil }
            let d = scalarDone()
            return token(.number, depth: d, at: base &+ start, start: start, end: end, bytes: end &- start, scalars: end &- start)
        case UInt8(ascii: "t"):
            return try literal(.true, "true")
        case UInt8(ascii: "f"):
            return try literal(.false, "false")
        case UInt8(ascii: "n"):
            return try literal(.null, "null")
        default:
            return try unexpected(state == .arrayFirst ? "expected a value or ']', found " : "expected a value, found ")
        }
    }

    @_transparent
    mutating func startContainer(isObject: Bool) throws(JSONStreamError) -> JSONEvent {
        unshare()
        let fc = frameCount
        if fc > 0 {
            let f = frames + (fc &- 1)
            if !f.pointee.isObject { f.pointee.count &+= 1 }
        }
        pointerDepth = fc
        guard fc < options.maxDepth else {
            throw error(.depthLimit, "nesting is deeper than \(options.maxDepth) levels", limit: (.depth, options.maxDepth))
        }
        let e = eventHere(isObject ? .objectStart : .arrayStart, depth: fc)
        if fc == frameCapacity { growFrames() }
        (frames + fc).initialize(to: Frame(isObject: isObject, count: 0, currentKey: -1, firstKey: keyCount,
                                              firstKeyByte: keyByteCount, index: -1, seen: 0))
        frameCount = fc &+ 1
        pos &+= 1
        state = isObject ? .objectFirst : .arrayFirst
        return e
    }

    /// A scalar value is complete: counts it in its array (the pointer then names it), sets what
    /// may follow, and returns its depth.
    @inline(__always)
    mutating func scalarDone() -> Int {
        let fc = frameCount
        pointerDepth = fc
        if fc == 0 {
            state = .afterTop
        } else {
            if frames[fc &- 1].isObject {
                state = .objectNext
            } else {
                unshare()  // the element count is written to the (possibly shared) frame stack
                frames[fc &- 1].count &+= 1
                state = .arrayNext
            }
        }
        return fc
    }

    /// After a container ends: what may follow depends on the enclosing container.
    @inline(__always)
    mutating func completeValue() {
        let fc = frameCount
        state = fc == 0 ? .afterTop : frames[fc &- 1].isObject ? .objectNext : .arrayNext
    }

    @_transparent
    mutating func endContainer(isObject: Bool) -> JSONEvent {
        let fc = frameCount &- 1
        let e = eventHere(isObject ? .objectEnd : .arrayEnd, depth: fc)
        pos &+= 1
        let f = frames[fc]
        frameCount = fc
        if f.isObject {
            if f.index >= 0 { keyIndexesInUse &-= 1 }
            keyCount = f.firstKey
            keyByteCount = f.firstKeyByte
        }
        pointerDepth = fc
        completeValue()
        return e
    }

    @_transparent
    mutating func literal(_ kind: JSONEventKind, _ text: StaticString) throws(JSONStreamError) -> JSONEvent? {
        let count = text.utf8CodeUnitCount
        let p = UnsafeRawPointer(input)
        let available = filled - pos
        // Fast path: the whole literal and the byte after it are in the buffer.
        if available > count && memcmpBytes(p + pos, text.utf8Start, count)
            && !isIdentifierByte(p.load(fromByteOffset: pos + count, as: UInt8.self))
        {
            let start = pos
            pos &+= count
            let d = scalarDone()
            return token(kind, depth: d, at: base &+ start, start: start, end: start &+ count, bytes: 0, scalars: 0)
        }
        return try literalSlow(kind, text)
    }

    @inline(never)
    mutating func literalSlow(_ kind: JSONEventKind, _ text: StaticString) throws(JSONStreamError) -> JSONEvent? {
        let count = text.utf8CodeUnitCount
        let available = buffer.count - pos
        let ok: Bool = text.withUTF8Buffer { lit in
            for i in 0..<min(count, available) where buffer[pos + i] != lit[i] { return false }
            return true
        }
        guard ok else {
            throw error(.syntax, "invalid literal: expected '\(text)'")
        }
        if available < count {
            if inputComplete { throw error(.syntax, "input ends inside the literal '\(text)'") }
            return nil
        }
        // Like a number, a literal is complete only once the byte after it is known (or the input
        // ended): `true` then `x` in the next chunk must fail the same way as `truex` in one chunk.
        if available == count && !inputComplete { return nil }
        if available > count, isIdentifierByte(buffer[pos + count]) {
            throw error(.syntax, "invalid literal: expected '\(text)'")
        }
        let start = pos
        pos += count
        let d = scalarDone()
        return token(kind, depth: d, at: base + start, start: start, end: start + count, bytes: 0, scalars: 0)
    }

    @inline(__always)
    func isIdentifierByte(_ c: UInt8) -> Bool {
        (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "z") || (c >= 0x30 && c <= 0x39) || c >= 0x80
    }

    // MARK: Member names

    @_transparent
    mutating func key() throws(JSONStreamError) -> JSONEvent? {
        let quote = pos
        let r = try scanStringFast()
        guard r.end >= 0 else { return nil }
        let offset = base &+ quote
        var traits: StringTraits = r.ascii ? [] : .nonASCII
        if nameScanned(start: quote &+ 1, end: r.end, escapes: r.escapes, offset: offset) { traits.insert(.duplicate) }
        return token(.key, depth: frameCount, at: offset, start: quote &+ 1, end: r.end, bytes: r.bytes,
                     scalars: r.scalars, escapes: r.escapes, traits: traits)
    }

    /// Records the member name `e` just scanned: keeps its decoded bytes (the pointer renders
    /// them), hashes them and looks for an earlier member of the same object with that name.
    /// Returns whether the name is a duplicate (`duplicateOf` then says where the first one is).
    @_transparent
    mutating func nameScanned(start eStart: Int, end eEnd: Int, escapes: Bool, offset: Int) -> Bool {
        unshare()
        let fc = frameCount
        let f = frames + (fc &- 1)
        var duplicate = false
        duplicateOffset = -1
        f.pointee.count &+= 1
        let firstKey = f.pointee.firstKey
        let currentKey = f.pointee.currentKey
        // Remember the decoded name: the pointer renders it; duplicates are found by it. Past the
        // tracking limit (or with detection off) only the current name is kept.
        let track = options.detectDuplicateKeys && keyCount &- firstKey < options.maxTrackedKeysPerObject
        if currentKey >= 0 && currentKey == keyCount &- 1 && !keys[currentKey].tracked {
            keyByteCount = keys[currentKey].start
            keyCount &-= 1
        }
        let start = keyByteCount
        let sourceLength = eEnd &- eStart
        // The decoded name is never longer than its source text (+ 8: room for whole-word copies).
        if start &+ sourceLength &+ 8 > keyByteCapacity { reserveKeyBytes(sourceLength &+ 8) }
        let dst = keyBytes + start
        var h = hashKey.seed
        let multiplier = hashKey.multiplier
        let length: Int
        if escapes {
            (length, h) = decodeName(start: eStart, count: sourceLength, into: dst)
        } else {
            // Copy and hash in one pass (no escapes: the source bytes are the decoded bytes), as
            // `nameHash` does: whole words, then the rest zero-padded, then the length.
            length = sourceLength
            let src = UnsafeRawPointer(input + eStart)
            var k = 0
            while k &+ 8 <= length {
                let w = src.loadUnaligned(fromByteOffset: k, as: UInt64.self)
                dst.storeBytes(of: w, toByteOffset: k, as: UInt64.self)
                h = JSONReader.mixName(h, UInt64(littleEndian: w), multiplier)
                k &+= 8
            }
            if k < length {
                var w: UInt64 = 0
                if eStart &+ k &+ 8 <= filled {
                    // One load (the name is followed by its quote and more): the bytes past the
                    // name are masked out of the hash, and past `length` in `dst` nothing is read.
                    let word = src.loadUnaligned(fromByteOffset: k, as: UInt64.self)
                    dst.storeBytes(of: word, toByteOffset: k, as: UInt64.self)
                    w = UInt64(littleEndian: word) & ((1 &<< (UInt64(length &- k) &* 8)) &- 1)
                } else {
                    var shift: UInt64 = 0
                    while k < length {
                        let b = src.load(fromByteOffset: k, as: UInt8.self)
                        dst.storeBytes(of: b, toByteOffset: k, as: UInt8.self)
                        w |= UInt64(b) &<< shift
                        shift &+= 8
                        k &+= 1
                    }
                }
                h = JSONReader.mixName(h, w, multiplier)
            }
            h = JSONReader.mixName(h, UInt64(length), multiplier)
        }
        keyByteCount = start &+ length
        lastKeyHash = h
        // The room after the name (reserved above) is zeroed: whole-word compares read it.
        (dst + length).storeBytes(of: 0 as UInt64, as: UInt64.self)
        lastKeyBytes = UnsafeRawBufferPointer(start: dst, count: length)
        var entry = KeyEntry(start: start, length: length, hash: h, offset: offset, line: line,
                             column: offset &- lineStart &+ 1, sameHash: -1, tracked: track)
        if track {
            let bit: UInt64 = 1 &<< (h & 63)
            let indexSlot = f.pointee.index
            if f.pointee.seen & bit != 0 {
                var candidate = -1
                if indexSlot >= 0 {
                    candidate = keyIndexes[indexSlot].find(h)
                } else {
                    var i = keyCount &- 1
                    while i >= firstKey {
                        if keys[i].hash == h { candidate = i; break }
                        i &-= 1
                    }
                }
                entry.sameHash = candidate
                var c = candidate
                while c >= 0 {
                    let other = keys[c]
                    if other.length == length
                        && (length == 0 || memcmpBytes(keyBytes + other.start, dst, length))
                    {
                        duplicateOffset = other.offset
                        duplicateLine = other.line
                        duplicateColumn = other.column
                        duplicate = true
                        break
                    }
                    c = other.sameHash
                }
            }
            f.pointee.seen |= bit
            if indexSlot < 0 && keyCount &- firstKey >= 32 {
                if keyIndexesInUse == keyIndexes.count { keyIndexes.append(NameIndex()) }
                let slot = keyIndexesInUse
                keyIndexesInUse += 1
                keyIndexes[slot].reset(capacity: 2 * (keyCount - firstKey))
                for i in firstKey..<keyCount { keyIndexes[slot].set(keys[i].hash, i) }
                keyIndexes[slot].set(h, keyCount)
                f.pointee.index = slot
            } else if indexSlot >= 0 {
                keyIndexes[indexSlot].set(h, keyCount)  // in place: no copy of the index
            }
        }
        if keyCount == keyCapacity { growKeys() }
        (keys + keyCount).initialize(to: entry)
        keyCount &+= 1
        f.pointee.currentKey = keyCount &- 1
        pointerDepth = fc
        state = .objectColon
        return duplicate
    }
    /// An escaped member name: decodes it into `dst`; returns its length and `nameHash`.
    @inline(never)
    mutating func decodeName(start: Int, count: Int, into dst: UnsafeMutableRawPointer) -> (Int, UInt64) {
        let length = JSONStringDecoder.decode(UnsafeRawBufferPointer(start: input + start, count: count), to: dst)
        let h = JSONReader.nameHash(UnsafeRawBufferPointer(start: dst, count: length), key: hashKey)
        return (length, h)
    }

    // MARK: Strings

    /// What `scanString` found: the index of the closing quote (-1: more input needed) and the
    /// figures of the decoded value.
    struct StringScan {
        var end: Int
        var bytes: Int
        var scalars: Int
        var escapes: Bool
        var ascii: Bool
    }

    /// Short plain strings (the common case): printable ASCII without escapes up to the closing
    /// quote, found eight bytes at a time within the first 64 bytes. Anything else (escapes,
    /// non-ASCII, control characters, the end of the buffer, a resumed scan) goes to `scanString`,
    /// which starts over at the quote.
    @_transparent
    mutating func scanStringFast() throws(JSONStreamError) -> StringScan {
        let p = UnsafeRawPointer(input)
        let n = filled
        let start = pos &+ 1
        var i = start
        if pending == nil {
            // Most names and short values end within sixteen bytes: one test finds the quote.
            if i &+ 16 <= n {
                let flags = simdSpecial(p.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self))
                if flags.low | flags.high != 0 {
                    let j = i &+ (flags.low != 0 ? flags.low.littleEndian.trailingZeroBitCount &>> 3
                        : 8 &+ flags.high.littleEndian.trailingZeroBitCount &>> 3)
                    if p.load(fromByteOffset: j, as: UInt8.self) == UInt8(ascii: "\""), j &- start <= options.maxStringBytes {
                        pos = j &+ 1
                        return StringScan(end: j, bytes: j &- start, scalars: j &- start, escapes: false, ascii: true)
                    }
                    return try scanString()
                }
                i &+= 16
            }
            while i &+ 8 <= n && i &- start < 64 {
                let x = p.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let s = swarSpecial(x)
                if s == 0 {
                    i &+= 8
                    continue
                }
                let j = i &+ (s.littleEndian.trailingZeroBitCount &>> 3)
                if p.load(fromByteOffset: j, as: UInt8.self) == UInt8(ascii: "\""), j &- start <= options.maxStringBytes {
                    pos = j &+ 1
                    return StringScan(end: j, bytes: j &- start, scalars: j &- start, escapes: false, ascii: true)
                }
                break
            }
        }
        return try scanString()
    }

    /// Scans the string whose opening quote is at `pos`. Returns nil (with the scan state saved)
    /// when the buffer ends inside it and more input may come.
    mutating func scanString() throws(JSONStreamError) -> StringScan {
        let quote = base + pos
        var resume = pos + 1
        var bytes = 0
        var scalars = 0
        var escapes = false
        var ascii = true
        if let p = pending, p.quote == quote {
            resume = p.resume - base
            bytes = p.bytes
            scalars = p.scalars
            escapes = p.escapes
            ascii = p.ascii
        }
        pending = nil
        let n = filled
        let complete = inputComplete
        let maxBytes = options.maxStringBytes
        var closed = -1
        var i = resume
        do {
            let p = UnsafeRawPointer(input)
            scan: while true {
                // Eight bytes at a time until one is '"', '\\', a control character or non-ASCII;
                // after a clean word (a long plain run, likely), sixteen at a time. Starting with
                // sixteen costs more on text whose non-ASCII characters are a few bytes apart.
                // Every byte of the run is one byte and one scalar: counted once, after it.
                let runStart = i
                words: while i &+ 8 <= n {
                    let special = swarSpecial(p.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                    if special != 0 {
                        i &+= special.littleEndian.trailingZeroBitCount >> 3
                        break words
                    }
                    i &+= 8
                    // Thirty-two bytes per step while both halves are plain, then sixteen.
                    while i &+ 32 <= n {
                        let a = simdSpecial(p.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self))
                        let b = simdSpecial(p.loadUnaligned(fromByteOffset: i &+ 16, as: SIMD16<UInt8>.self))
                        if a.low | a.high | b.low | b.high != 0 { break }
                        i &+= 32
                    }
                    while i &+ 16 <= n {
                        let flags = simdSpecial(p.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self))
                        if flags.low | flags.high != 0 {
                            i &+= flags.low != 0 ? flags.low.littleEndian.trailingZeroBitCount >> 3
                                : 8 &+ flags.high.littleEndian.trailingZeroBitCount >> 3
                            break words
                        }
                        i &+= 16
                    }
                }
                bytes &+= i &- runStart
                scalars &+= i &- runStart
                // Content bytes so far (the quote excluded), whatever chunk they came in.
                if i - (quote - base) - 1 > maxBytes {
                    throw error(.sizeLimit, "the string is longer than \(maxBytes) bytes", at: quote, limit: (.stringBytes, maxBytes))
                }
                guard i < n else { break scan }
                let c = p.load(fromByteOffset: i, as: UInt8.self)
                if c == UInt8(ascii: "\"") {
                    closed = i
                    break scan
                }
                if c == UInt8(ascii: "\\") {
                    escapes = true
                    guard i + 1 < n else { break scan }
                    let e = p.load(fromByteOffset: i + 1, as: UInt8.self)
                    switch e {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                         UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                        i += 2
                        bytes += 1
                        scalars += 1
                    case UInt8(ascii: "u"):
                        guard i + 6 <= n else {
                            // The input ends within the escape: judged on the bytes there are, as
                            // with more input after them (a block of NDJSON lines ends here while
                            // the same line in a longer run is followed by the next one).
                            if complete, !allHexDigits(p, from: i + 2, to: n) {
                                throw error(.syntax, "invalid \\u escape: expected four hexadecimal digits", at: base + i)
                            }
                            break scan
                        }
                        guard let u = hex4(p, i + 2) else {
                            throw error(.syntax, "invalid \\u escape: expected four hexadecimal digits", at: base + i)
                        }
                        var scalar = u
                        var length = 6
                        if u >= 0xD800 && u <= 0xDBFF {
                            guard i + 12 <= n || complete else { break scan }
                            if i + 12 <= n, p.load(fromByteOffset: i + 6, as: UInt8.self) == UInt8(ascii: "\\"),
                               p.load(fromByteOffset: i + 7, as: UInt8.self) == UInt8(ascii: "u"),
                               let low = hex4(p, i + 8), low >= 0xDC00 && low <= 0xDFFF
                            {
                                scalar = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00)
                                length = 12
                            } else {
                                throw error(.encoding, "escaped lone surrogate \\u\(hexText(u)): a high surrogate must be followed by an escaped low surrogate", at: base + i)
                            }
                        } else if u >= 0xDC00 && u <= 0xDFFF {
                            throw error(.encoding, "escaped lone surrogate \\u\(hexText(u)): a low surrogate without a high surrogate before it", at: base + i)
                        }
                        if scalar >= 0x80 { ascii = false }
                        i += length
                        bytes += scalar < 0x80 ? 1 : scalar < 0x800 ? 2 : scalar < 0x10000 ? 3 : 4
                        scalars += 1
                    default:
                        throw error(.syntax, "invalid escape '\\\(describePlain(e))' in string", at: base + i)
                    }
                    continue
                }
                if c < 0x20 {
                    throw error(.syntax, "unescaped control character U+\(hexText(UInt32(c))) in string (write it as \\u\(hexText(UInt32(c))))", at: base + i)
                }
                if c < 0x80 {
                    // Plain ASCII the eight-byte loop did not cover (the last bytes of the buffer).
                    i += 1
                    bytes += 1
                    scalars += 1
                    continue
                }
                // c >= 0x80: UTF-8 sequences, validated (Unicode 15, table 3-7), one after another
                // without going back to the word loop (text with accents has them a few bytes apart).
                var lead = c
                while true {
                    let length = utf8SequenceLength(lead)
                    if length == 0 {
                        throw error(.encoding, "invalid UTF-8 byte 0x\(hexByte(lead)) in string", at: base + i)
                    }
                    guard i + length <= n else {
                        if complete {
                            // Judged on the bytes there are first (see the `\u` case).
                            if !validUTF8Continuation(p, i, n - i, lead) {
                                throw error(.encoding, "invalid UTF-8 sequence starting with byte 0x\(hexByte(lead)) in string", at: base + i)
                            }
                            throw error(.encoding, "truncated UTF-8 sequence in string", at: base + i)
                        }
                        break scan
                    }
                    if !validUTF8Continuation(p, i, length, lead) {
                        throw error(.encoding, "invalid UTF-8 sequence starting with byte 0x\(hexByte(lead)) in string", at: base + i)
                    }
                    i += length
                    bytes += length
                    scalars += 1
                    ascii = false
                    guard i < n else { break }
                    lead = p.load(fromByteOffset: i, as: UInt8.self)
                    if lead < 0x80 { break }
                }
            }
        }
        guard closed >= 0 else {
            if complete {
                throw error(.syntax, "unterminated string: the input ends before its closing quote", at: quote)
            }
            pending = Pending(quote: quote, resume: base + i, bytes: bytes, scalars: scalars, escapes: escapes, ascii: ascii)
            return StringScan(end: -1, bytes: 0, scalars: 0, escapes: false, ascii: false)
        }
        pos = closed + 1
        return StringScan(end: closed, bytes: bytes, scalars: scalars, escapes: escapes, ascii: ascii)
    }

    // MARK: Numbers

    /// Scans the number starting at `pos`. Returns false when the buffer ends inside it (or right
    /// after it) and more input may come.
    @_transparent
    mutating func scanNumber() throws(JSONStreamError) -> Int {
        let p = UnsafeRawPointer(input)
        let n = filled
        let start = pos
        var i = start
        // Fast path: an optional '-', then digits without a leading zero, an optional fraction,
        // no exponent, followed by a structural byte, all inside the buffer.
        if i < n && p.load(fromByteOffset: i, as: UInt8.self) == UInt8(ascii: "-") { i &+= 1 }
        if i < n, case let d = p.load(fromByteOffset: i, as: UInt8.self), d &- 0x31 < 9 {
            i &+= 1
            while i < n && p.load(fromByteOffset: i, as: UInt8.self) &- 0x30 < 10 { i &+= 1 }
            if i < n && p.load(fromByteOffset: i, as: UInt8.self) == UInt8(ascii: ".") {
                var j = i &+ 1
                while j < n && p.load(fromByteOffset: j, as: UInt8.self) &- 0x30 < 10 { j &+= 1 }
                if j > i &+ 1 { i = j } else { i = -1 }
            }
            if i > 0 && i < n && i - start <= options.maxNumberLength {
                let after = p.load(fromByteOffset: i, as: UInt8.self)
                if after == UInt8(ascii: ",") || after == UInt8(ascii: "}") || after == UInt8(ascii: "]")
                    || after == UInt8(ascii: " ") || after == UInt8(ascii: "\n")
                {
                    pos = i
                    return i
                }
            }
        }
        return try scanNumberSlow()
    }

    @inline(never)
    mutating func scanNumberSlow() throws(JSONStreamError) -> Int {
        let p = UnsafeRawPointer(input)
        let start = pos
        let n = filled
        var i = pos
        func digit(_ j: Int) -> Bool { j < n && p.load(fromByteOffset: j, as: UInt8.self) &- 0x30 < 10 }
        func byte(_ j: Int) -> UInt8 { p.load(fromByteOffset: j, as: UInt8.self) }
        // Returns true when the buffer ended at j and more input may extend the number. An
        // over-long number fails here already, so it is never buffered to its end; the length is
        // checked at every step, not only at the end of the buffer, so that an over-long number
        // with a syntax error further on fails the same way whatever the chunking.
        func needMore(_ j: Int) throws(JSONStreamError) -> Bool {
            if j - start > options.maxNumberLength { throw tooLong() }
            return j >= n && !inputComplete
        }
        func tooLong() -> JSONStreamError {
            error(.sizeLimit, "the number is longer than \(options.maxNumberLength) characters", at: base + start,
                  limit: (.numberLength, options.maxNumberLength))
        }
        if byte(i) == UInt8(ascii: "-") {
            i += 1
            if try needMore(i) { return -1 }
            guard digit(i) else {
                if needsMoreToDescribe(at: i) { return -1 }
                throw error(.syntax, "expected a digit after '-', found \(describeAt(i))", at: base + i)
            }
        }
        if byte(i) == UInt8(ascii: "0") {
            i += 1
            if try needMore(i) { return -1 }
            if digit(i) { throw error(.syntax, "numbers cannot have leading zeros", at: base + start) }
        } else {
            while digit(i) { i += 1 }
            if try needMore(i) { return -1 }
        }
        if i < n && byte(i) == UInt8(ascii: ".") {
            i += 1
            if try needMore(i) { return -1 }
            guard digit(i) else {
                if needsMoreToDescribe(at: i) { return -1 }
                throw error(.syntax, "expected a digit after the decimal point, found \(describeAt(i))", at: base + i)
            }
            while digit(i) { i += 1 }
            if try needMore(i) { return -1 }
        }
        if i < n && (byte(i) | 0x20) == UInt8(ascii: "e") {
            i += 1
            if try needMore(i) { return -1 }
            if i < n && (byte(i) == UInt8(ascii: "+") || byte(i) == UInt8(ascii: "-")) {
                i += 1
                if try needMore(i) { return -1 }
            }
            guard digit(i) else {
                if needsMoreToDescribe(at: i) { return -1 }
                throw error(.syntax, "expected a digit in the exponent, found \(describeAt(i))", at: base + i)
            }
            while digit(i) { i += 1 }
            if try needMore(i) { return -1 }
        }
        // The length check comes first so that chunked input (where `needMore` checks it) fails
        // the same way.
        if i - start > options.maxNumberLength {
            throw tooLong()
        }
        if needsMoreToDescribe(at: i) { return -1 }
        if i < n, isIdentifierByte(byte(i)) || byte(i) == UInt8(ascii: ".") {
            throw error(.syntax, "invalid number: unexpected \(describeAt(i)) after '\(String(decoding: buffer[start..<i], as: UTF8.self))'", at: base + i)
        }
        pos = i
        return i
    }

    // MARK: Errors

    @inline(never)
    func error(_ kind: JSONStreamError.Kind, _ message: String, at offset: Int? = nil,
               limit: (JSONStreamError.Limit, Int)? = nil) -> JSONStreamError {
        let at = offset ?? (base + pos)
        var p: [UInt8] = []
        for i in 0..<frameCount {
            // Stop at a container that has no current member/element yet (`{]`, `[}`): the error is
            // about the container itself, not about a segment that does not exist.
            let f = frames[i]
            if f.isObject ? f.currentKey < 0 : f.count == 0 { break }
            appendSegment(i, to: &p)
        }
        return JSONStreamError(kind: kind, message: message, offset: at, line: line,
                               column: at - lineStart + 1, pointer: String(decoding: p, as: UTF8.self),
                               record: options.ndjson ? recordLine : nil, limit: limit?.0, limitValue: limit?.1)
    }

    /// Fails on the unexpected byte at `pos`: `.encoding` when it does not start valid UTF-8,
    /// `.syntax` otherwise; the message is `prefix` plus a description of what was found. Returns
    /// nil (more input needed) while the buffer ends inside the UTF-8 sequence it starts, so that
    /// the verdict and message do not depend on where a chunk ends.
    @inline(never)
    mutating func unexpected(_ prefix: String) throws(JSONStreamError) -> JSONEvent? {
        if needsMoreToDescribe(at: pos) { return nil }
        let c = buffer[pos]
        throw error(c >= 0x80 && !startsValidUTF8(at: pos) ? .encoding : .syntax, prefix + describe(at: pos))
    }

    /// True when byte `i` is a UTF-8 lead byte whose sequence the buffer does not hold yet.
    func needsMoreToDescribe(at i: Int) -> Bool {
        guard i < buffer.count, !inputComplete else { return false }
        let length = utf8SequenceLength(buffer[i])
        return length > 1 && i + length > buffer.count
    }

    func describeAt(_ i: Int) -> String { describe(at: i) }

    /// What the byte at `i` is, for messages: `'x'`, `'é'`, `control character U+0001`,
    /// `byte 0xFF (not UTF-8)`, `the end of input`.
    func describe(at i: Int) -> String {
        guard i < buffer.count else { return "the end of input" }
        let c = buffer[i]
        if c >= 0x20 && c < 0x7F { return "'\(Character(Unicode.Scalar(c)))'" }
        if c >= 0x80, startsValidUTF8(at: i) {
            let length = utf8SequenceLength(c)
            return "'\(String(decoding: buffer[i..<(i + length)], as: UTF8.self))'"
        }
        return c < 0x80 ? "control character U+\(hexText(UInt32(c)))" : "byte 0x\(hexByte(c)) (not UTF-8)"
    }

    func describePlain(_ c: UInt8) -> String {
        c >= 0x20 && c < 0x7F ? String(Character(Unicode.Scalar(c))) : "\\x" + hexByte(c)
    }

    func startsValidUTF8(at i: Int) -> Bool {
        guard i < buffer.count else { return false }
        let c = buffer[i]
        let length = utf8SequenceLength(c)
        guard length > 0, i + length <= buffer.count else { return false }
        return validUTF8Continuation(buffer.baseAddress!, i, length, c)  // non-nil: i < count
    }
}

extension JSONEvent {
    /// Strings and keys: the decoded value is pure ASCII (then `scalarCount == byteCount`).
    public var isASCII: Bool {
        get { !traits.contains(.nonASCII) }
        set { if newValue { traits.remove(.nonASCII) } else { traits.insert(.nonASCII) } }
    }

    /// Keys: the same name already occurs in this object (`JSONReader.duplicateOf` says where).
    public var isDuplicateKey: Bool {
        get { traits.contains(.duplicate) }
        set { if newValue { traits.insert(.duplicate) } else { traits.remove(.duplicate) } }
    }
}

// MARK: - Byte helpers

/// The high bit of every byte of `x` that is '"', '\\', a control character or >= 0x80 is set
/// (bytes above the first such byte may be flagged spuriously; the lowest flag is exact). Public
/// for writers that look for the same bytes (the `jsonl` string escaper).
@inlinable @inline(__always)
public func swarSpecial(_ x: UInt64) -> UInt64 {
    let high: UInt64 = 0x8080_8080_8080_8080
    let ones: UInt64 = 0x0101_0101_0101_0101
    let q = x ^ (ones &* 0x22)
    let b = x ^ (ones &* 0x5C)
    return (x | ((x &- ones &* 0x20) & ~x) | ((q &- ones) & ~q) | ((b &- ones) & ~b)) & high
}

/// `swarSpecial` for sixteen bytes, as two words of flags (first eight bytes in `low`). Lanes do
/// not borrow from each other, so every flag is exact. Written in wrapping arithmetic and bitwise
/// operations, which lower to SSE2 (`SIMD16` comparisons are lowered lane by lane).
@inline(__always)
func simdSpecial(_ x: SIMD16<UInt8>) -> (low: UInt64, high: UInt64) {
    let q = x ^ SIMD16(repeating: 0x22)
    let b = x ^ SIMD16(repeating: 0x5C)
    let one = SIMD16<UInt8>(repeating: 1)
    let m = (x | ((x &- SIMD16(repeating: 0x20)) & ~x) | ((q &- one) & ~q) | ((b &- one) & ~b)) & SIMD16(repeating: 0x80)
    let words = unsafeBitCast(m, to: SIMD2<UInt64>.self)
    return (words[0], words[1])
}

/// Whether `n` bytes at `a` and `b` are equal, eight at a time (member names and literals are
/// short: a call to `memcmp` costs more than the comparison). Public for validators that match
/// the reader's names against their own tables.
@inlinable @inline(__always)
public func memcmpBytes(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ n: Int) -> Bool {
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

@inline(__always)
func hexValue(_ c: UInt8) -> UInt32? {
    switch c {
    case 0x30...0x39: UInt32(c - 0x30)
    case 0x41...0x46: UInt32(c - 0x41 + 10)
    case 0x61...0x66: UInt32(c - 0x61 + 10)
    default: nil
    }
}

@inline(__always)
func hex4(_ p: UnsafeRawPointer, _ i: Int) -> UInt32? {
    guard let a = hexValue(p.load(fromByteOffset: i, as: UInt8.self)),
          let b = hexValue(p.load(fromByteOffset: i + 1, as: UInt8.self)),
          let c = hexValue(p.load(fromByteOffset: i + 2, as: UInt8.self)),
          let d = hexValue(p.load(fromByteOffset: i + 3, as: UInt8.self))
    else { return nil }
    return a << 12 | b << 8 | c << 4 | d
}

/// Whether every byte of `p[from..<to]` is a hexadecimal digit (true when there are none).
func allHexDigits(_ p: UnsafeRawPointer, from: Int, to: Int) -> Bool {
    var k = from
    while k < to {
        guard hexValue(p.load(fromByteOffset: k, as: UInt8.self)) != nil else { return false }
        k += 1
    }
    return true
}

func hexText(_ v: UInt32) -> String {
    let s = String(v, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - s.count)) + s
}

func hexByte(_ c: UInt8) -> String {
    let s = String(c, radix: 16, uppercase: true)
    return s.count == 1 ? "0" + s : s
}

/// Length of the UTF-8 sequence a lead byte starts, 0 for a byte that cannot start one
/// (continuation bytes, 0xC0, 0xC1, 0xF5...0xFF).
@inline(__always)
func utf8SequenceLength(_ c: UInt8) -> Int {
    switch c {
    case 0x00...0x7F: 1
    case 0xC2...0xDF: 2
    case 0xE0...0xEF: 3
    case 0xF0...0xF4: 4
    default: 0
    }
}

/// Checks the continuation bytes of a sequence of `length` starting at `i` with lead byte `c`:
/// no overlong forms, no UTF-16 surrogates, nothing above U+10FFFF.
@inline(__always)
func validUTF8Continuation(_ p: UnsafeRawPointer, _ i: Int, _ length: Int, _ c: UInt8) -> Bool {
    if length == 1 { return true }
    let b1 = p.load(fromByteOffset: i + 1, as: UInt8.self)
    var low: UInt8 = 0x80
    var high: UInt8 = 0xBF
    switch c {
    case 0xE0: low = 0xA0
    case 0xED: high = 0x9F
    case 0xF0: low = 0x90
    case 0xF4: high = 0x8F
    default: break
    }
    guard b1 >= low && b1 <= high else { return false }
    for k in 2..<max(length, 2) {
        let b = p.load(fromByteOffset: i + k, as: UInt8.self)
        guard b & 0xC0 == 0x80 else { return false }
    }
    return true
}
