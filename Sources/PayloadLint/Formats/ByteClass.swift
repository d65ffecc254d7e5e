/// The ASCII character classes of the format checkers' hot loops, as bits of one 256-entry
/// table: a membership test is one load and one bit test, with no branch per class.
///
/// Loops read `ByteClass.table` into a local once per call (the lazy global's initialization
/// check then runs once, not per byte) and test `table[Int(c)] & ByteClass.ldh != 0`. Bytes
/// ≥ 0x80 belong to no class.
enum ByteClass {
    /// RFC 3986 `unreserved / sub-delims` (a `reg-name` without `pct-encoded`).
    static let regName: UInt8 = 1 << 0
    /// RFC 3986 `userinfo` (and the tail of `IPvFuture`) without `pct-encoded`: `regName` plus `:`.
    static let userinfo: UInt8 = 1 << 1
    /// RFC 3986 `query` and `fragment` without `pct-encoded`: `pchar` (`regName` plus `:@`)
    /// plus `/?`. The path takes the same run: it stops at the first `?`, where the query starts.
    static let queryOrFragment: UInt8 = 1 << 3
    /// RFC 3986 `scheme` after its first letter.
    static let scheme: UInt8 = 1 << 4
    /// RFC 5322 `atext` (ASCII; RFC 6532's non-ASCII characters are decoded separately).
    static let atext: UInt8 = 1 << 5
    /// RFC 1123 host name label characters: letters, digits, hyphen.
    static let ldh: UInt8 = 1 << 6
    /// Hexadecimal digits, either case.
    static let hexDigit: UInt8 = 1 << 7

    /// The characters of each class.
    private static let members: [(UInt8, StaticString)] = [
        (regName, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;="),
        (userinfo, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:"),
        (queryOrFragment, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/?"),
        (scheme, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-."),
        (atext, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+-/=?^_`{|}~"),
        (ldh, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-"),
        (hexDigit, "0123456789ABCDEFabcdef"),
    ]

    /// Built on first use and never freed (256 bytes, immutable afterwards, hence safe to share).
    nonisolated(unsafe) static let table: UnsafePointer<UInt8> = {
        let t = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        t.initialize(repeating: 0, count: 256)
        for (bit, characters) in members {
            let p = characters.utf8Start
            for k in 0..<characters.utf8CodeUnitCount { t[Int(p[k])] |= bit }
        }
        return UnsafePointer(t)
    }()
}

extension ByteClass {
    /// The index of the first byte of `b[start..<end]` outside the class `set`, or `end`.
    ///
    /// Eight bytes are tested per step by AND-ing their table entries, so a long run costs about
    /// three instructions a byte instead of a load, a test and a branch each; only the block
    /// holding the first outsider is walked byte by byte. A tail shorter than eight bytes is
    /// tested as the last eight bytes of the buffer when there are that many: if all of those
    /// belong to the class, so does the tail.
    @inline(__always)
    static func runEnd(_ b: UnsafeRawBufferPointer, _ start: Int, _ end: Int, _ set: UInt8, _ table: UnsafePointer<UInt8>) -> Int {
        var i = start
        while end &- i >= 8 {
            guard allEight(b, i, set, table) else { break }
            i &+= 8
        }
        if end &- i < 8, i < end, end >= 8, allEight(b, end &- 8, set, table) { return end }
        // At most eight bytes left to walk: either the failing block or the short tail.
        while i < end, table[Int(b[i])] & set != 0 { i &+= 1 }
        return i
    }

    /// Whether all of `b[i..<i+8]` belong to the class `set`.
    @inline(__always)
    private static func allEight(_ b: UnsafeRawBufferPointer, _ i: Int, _ set: UInt8, _ table: UnsafePointer<UInt8>) -> Bool {
        let a = table[Int(b[i])] & table[Int(b[i &+ 1])] & table[Int(b[i &+ 2])] & table[Int(b[i &+ 3])]
        let z = table[Int(b[i &+ 4])] & table[Int(b[i &+ 5])] & table[Int(b[i &+ 6])] & table[Int(b[i &+ 7])]
        return a & z & set != 0
    }
}
