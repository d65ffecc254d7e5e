import Foundation
import JSONStream

/// Writes JSON text straight into room made for it at the end of a byte array: the room (an upper
/// bound) is made once, every piece is then a plain store or copy, and what is left over is cut.
///
/// Why: a `jsonl` line of a finding was about forty `Array.append(contentsOf:)` calls of ~100
/// instructions each (uniqueness and capacity checks, count updates), more than building the
/// finding; findings are tens of thousands on some corpora.
///
/// The bound comes from the same writing code, run first without memory (`base` nil): each piece
/// then adds the most bytes it may write, so a caller lists its pieces once.
struct RawJSONWriter {
    private let base: UnsafeMutableRawPointer?
    private(set) var count = 0

    /// Appends to `out` what `body` writes (`body` is called twice: to measure, then to write).
    ///
    /// A short text (a bound of at most 1 KB) is written into room on the stack, then appended in
    /// one copy of the bytes written: making its room at the end of `out` (zeros copied in at the
    /// bound, six bytes per byte of text, then cut) cost some 300 instructions more per value on
    /// the thread that settles `unique:` claims. A longer one (a finding's line) is written in
    /// room made at the end of `out` that way: above 1 KB the temporary room is a heap allocation,
    /// which cost more than the zeros.
    static func append(to out: inout [UInt8], _ body: (inout RawJSONWriter) -> Void) {
        let capacity = bound(body)
        guard capacity > 0 else { return }
        if capacity <= 1024 {
            withUnsafeTemporaryAllocation(byteCount: capacity, alignment: 1) { room in
                // Non-nil: the room is not empty.
                guard let at = room.baseAddress else { return }
                let used = write(at: at, capacity: capacity, body)
                out.append(contentsOf: UnsafeRawBufferPointer(start: at, count: used))
            }
            return
        }
        let start = out.count
        // The room is copied from zeros (one `memcpy`): appending `repeatElement(0, ...)` stored
        // byte by byte.
        if capacity <= zeros.count {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: zeros[..<capacity]))
        } else {
            out.append(contentsOf: repeatElement(0, count: capacity))
        }
        let used = out.withUnsafeMutableBytes { buffer in
            // Non-nil: the room is not empty.
            guard let at = buffer.baseAddress else { return 0 }
            return write(at: at + start, capacity: capacity, body)
        }
        out.removeLast(capacity - used)
    }

    /// Zeros to make room from (see `append`). Built once, never freed or written.
    nonisolated(unsafe) private static let zeros: UnsafeBufferPointer<UInt8> = {
        let p = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 16 << 10)
        p.initialize(repeating: 0)
        return UnsafeBufferPointer(p)
    }()

    /// The most bytes `body` writes (what `append` makes room for).
    @inline(__always)
    static func bound(_ body: (inout RawJSONWriter) -> Void) -> Int {
        var measure = RawJSONWriter(base: nil)
        body(&measure)
        return measure.count
    }

    /// Writes what `body` writes at `base`, which has room for `capacity` bytes (at least
    /// `bound(body)`); returns how many it wrote. `append`, and callers that keep their own room
    /// from line to line, write through it.
    @inline(__always)
    static func write(at base: UnsafeMutableRawPointer, capacity: Int, _ body: (inout RawJSONWriter) -> Void) -> Int {
        var writer = RawJSONWriter(base: base)
        body(&writer)
        precondition(writer.count <= capacity, "RawJSONWriter: wrote past its bound")
        return writer.count
    }

    @inline(__always)
    mutating func raw(_ s: StaticString) {
        if let base { (base + count).copyMemory(from: s.utf8Start, byteCount: s.utf8CodeUnitCount) }
        count &+= s.utf8CodeUnitCount
    }

    /// `p` as it is: JSON text written before.
    @inline(__always)
    mutating func bytes(_ p: UnsafeBufferPointer<UInt8>) {
        if let base, let from = p.baseAddress { (base + count).copyMemory(from: from, byteCount: p.count) }
        count &+= p.count
    }

    /// What `body` writes, at most `bound` bytes: measured as `bound` without calling `body`
    /// (for a piece whose own measuring costs about as much as writing it).
    @inline(__always)
    mutating func bounded(_ bound: Int, _ body: (inout RawJSONWriter) -> Void) {
        guard base != nil else { count &+= bound; return }
        let start = count
        body(&self)
        precondition(count &- start <= bound, "RawJSONWriter: a piece wrote past its bound")
    }

    /// `name` (the member's name and punctuation, as JSON text), then `value` as a string.
    @inline(__always)
    mutating func member(_ name: StaticString, _ value: String?) {
        raw(name)
        string(value)
    }

    /// `name`, then `value` as a number.
    @inline(__always)
    mutating func member(_ name: StaticString, int value: Int?) {
        raw(name)
        int(value)
    }

    // `byte` counts when measuring too; the pieces after it that write more than a byte measure
    // themselves (`escapedInner`, `int`).
    private mutating func byte(_ b: UInt8) {
        base?.storeBytes(of: b, toByteOffset: count, as: UInt8.self)
        count &+= 1
    }

    /// `s` as a JSON string literal (`JSONValue.writeString`'s escaping), `null` for nil.
    mutating func string(_ s: String?) {
        guard var s else { raw("null"); return }
        guard base != nil else { count &+= 2 &+ Self.escapedBound(s.utf8.count); return }
        s.withUTF8 { escaped($0) }
    }

    /// `String(n)`, `null` for nil.
    mutating func int(_ n: Int?) {
        guard let n else { raw("null"); return }
        // Bounded when measuring (a sign and nineteen digits): counting the digits twice cost
        // more than the room it saved.
        guard let base else { count &+= 20; return }
        let v = n.magnitude
        if n < 0 { byte(UInt8(ascii: "-")) }
        if v < 10 { byte(0x30 &+ UInt8(v)); return }
        count &+= DecimalDigits.count(v)
        _ = DecimalDigits.write(v, endingAt: count) { base.storeBytes(of: $1, toByteOffset: $0, as: UInt8.self) }
    }

    /// The UTF-8 text `p` as a JSON string literal: RFC 8259's escapes, plus DEL and
    /// U+2028/U+2029 (which break JavaScript consumers and terminals). Words of eight bytes that
    /// need no escaping are stored as they are read: copying each clean run with `memcpy` once it
    /// ended cost a call per run, more than the run itself on a finding's short fields.
    mutating func escaped(_ p: UnsafeBufferPointer<UInt8>) {
        byte(0x22)
        escapedInner(p)
        byte(0x22)
    }

    /// `escaped` without the quotes: the text of a JSON string written in pieces.
    ///
    /// Whole words of eight bytes first; the last one to seven bytes of a text of at least eight
    /// as one word that overlaps the words before; then byte by byte. The end of the output is
    /// kept in a local meanwhile. Why: the last bytes of short fields (pointers, names, values
    /// shown in messages) went byte by byte, storing `count`, a property, for every byte; that was
    /// most of the cost of the `not_unique` lines written on the thread that settles claims.
    mutating func escapedInner(_ p: UnsafeBufferPointer<UInt8>) {
        let n = p.count
        guard let out = base else { count &+= Self.escapedBound(n); return }
        guard let from = p.baseAddress, n > 0 else { return }
        let words = UnsafeRawPointer(from)
        // Read once: each read of the static is a call (its lazy initialisation's check).
        let special = JSONValue.escapeTable
        // Stores of whole words may write past the text's end, never past its bound.
        let limit = count &+ Self.escapedBound(n)
        var at = count
        var i = 0
        while i &+ 8 <= n {
            let w = words.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let flagged = Self.mayNeedEscape(w)
            out.storeBytes(of: w, toByteOffset: at, as: UInt64.self)
            if flagged == 0 {
                at &+= 8
                i &+= 8
                continue
            }
            // The bytes before the first flagged one are plain: kept from the store (the rest of
            // it is overwritten; it is within the bound, as the word is within the text).
            let plain = flagged.littleEndian.trailingZeroBitCount &>> 3
            at &+= plain
            i &+= plain
            if special[Int(p[i])] == 0 {
                out.storeBytes(of: p[i], toByteOffset: at, as: UInt8.self)
                at &+= 1
                i &+= 1
            } else {
                escapeSpecial(p, &i, &at)
            }
        }
        let rest = n &- i
        if rest > 0 && n >= 8 && at &+ 8 <= limit {
            // The last `rest` bytes as the high bytes of the text's last word: moved down, the
            // word's high bytes are zeros (flagged as controls, hence masked out; a byte's flag
            // never comes from a byte above it).
            let shift = UInt64(8 &- rest) &* 8
            let tail = UInt64(littleEndian: words.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self)) &>> shift
            if Self.mayNeedEscape(tail) & (0x8080_8080_8080_8080 &>> shift) == 0 {
                out.storeBytes(of: tail.littleEndian, toByteOffset: at, as: UInt64.self)
                count = at &+ rest
                return
            }
        }
        while i < n {
            let b = p[i]
            if special[Int(b)] == 0 {
                out.storeBytes(of: b, toByteOffset: at, as: UInt8.self)
                at &+= 1
                i &+= 1
            } else {
                escapeSpecial(p, &i, &at)
            }
        }
        count = at
    }

    /// Writes byte `i` of `p`, one of `JSONValue.escapeTable`'s, at `at`, escaped if it must be
    /// (U+2028 and U+2029 whole); moves both past it. Out of line: escapes are rare.
    @inline(never)
    private mutating func escapeSpecial(_ p: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ at: inout Int) {
        let b = p[i]
        // Written through `raw` and `byte`, which keep `count`.
        count = at
        switch b {
        case 0x22: raw("\\\"")
        case 0x5C: raw("\\\\")
        case 0x0A: raw("\\n")
        case 0x0D: raw("\\r")
        case 0x09: raw("\\t")
        case 0x08: raw("\\b")
        case 0x0C: raw("\\f")
        case 0xE2:
            // Only U+2028 (E2 80 A8) and U+2029 (E2 80 A9); other characters led by 0xE2 stay.
            if i &+ 2 < p.count, p[i &+ 1] == 0x80, p[i &+ 2] == 0xA8 || p[i &+ 2] == 0xA9 {
                raw(p[i &+ 2] == 0xA8 ? "\\u2028" : "\\u2029")
                i &+= 2
            } else {
                byte(b)
            }
        default:  // other C0 controls, DEL
            raw("\\u00")
            byte(Self.hexDigit(b >> 4))
            byte(Self.hexDigit(b & 0xF))
        }
        at = count
        i &+= 1
    }

    /// The high bit of each byte of `x` that is a C0 control, `"`, `\\`, DEL or >= 0x80 (a superset of
    /// `JSONValue.escapeTable`'s bytes, whose table then decides); bytes after the first flagged
    /// one may be flagged spuriously.
    @inline(__always)
    private static func mayNeedEscape(_ x: UInt64) -> UInt64 {
        // The reader's special bytes, plus DEL.
        let d = x ^ 0x7F7F_7F7F_7F7F_7F7F
        return swarSpecial(x) | ((d &- 0x0101_0101_0101_0101) & ~d & 0x8080_8080_8080_8080)
    }

    /// The most bytes `escapedInner` writes for `n` bytes of text: six (`\u00XX`) per byte.
    private static func escapedBound(_ n: Int) -> Int { 6 &* n }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 { nibble < 10 ? 0x30 + nibble : 0x61 + nibble - 10 }
}
