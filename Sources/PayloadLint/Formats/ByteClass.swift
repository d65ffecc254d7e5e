/// The ASCII character classes of the format checkers' hot loops, as bits of one 256-entry
/// table: a membership test is one load and one bit test, with no branch per class.
///
/// Loops read `ByteClass.table` into a local and test `table[Int(c)] & ByteClass.ldh != 0`. Bytes
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
    static let hexDigit: UInt8 = 1 << 2

    /// The table, 256 entries, as the characters of a literal: a `StaticString`'s bytes are
    /// constant data in the binary and its address a constant, where a table built on first use
    /// cost a `swift_once` call on every use (four per URI or e-mail value). Every entry is below
    /// 0x80, hence one UTF-8 byte; rows of 32 bytes, joined by the line continuations.
    /// `FormatSpeedRegressionTests.byteClassesMatchTheGrammar` checks every entry against the
    /// grammar of each class.
    static var table: UnsafePointer<UInt8> { entries.utf8Start }

    /// 256 (checked by the tests, as the literal's rows are easy to get wrong).
    static var tableCount: Int { entries.utf8CodeUnitCount }

    private static var entries: StaticString {
        """
        \u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\
        \u{0}\u{2B}\u{0}\u{20}\u{2B}\u{20}\u{2B}\u{2B}\u{B}\u{B}\u{2B}\u{3B}\u{B}\u{7B}\u{1B}\u{28}\u{7F}\u{7F}\u{7F}\u{7F}\u{7F}\u{7F}\u{7F}\u{7F}\u{7F}\u{7F}\u{A}\u{B}\u{0}\u{2B}\u{0}\u{28}\
        \u{8}\u{7F}\u{7F}\u{7F}\u{7F}\u{7F}\u{7F}\u{7B}\u{7B}\u{7B}\u{7B}\u{7B}\u{7B}\u{7B}\u{7B}\u{7B}\u{7B}\u{7B}\u{7B}\u{7B}\u{7B}\u{7B}\u{7B}\u{7B}\u{7B}\u{7B}\u{7B}\u{0}\u{0}\u{0}\u{20}\u{2B}\
        \u{20}\u{7F}\u{7F}\u{7F}\u{7F}\u{7F}\u{7F}\u{7B}\u{7B}\u{7B}\u{7B}\u{7B}\u{7B}\u{7B}\u{7B}\u{7B}\u{7B}\u{7B}\u{7B}\u{7B}\u{7B}\u{7B}\u{7B}\u{7B}\u{7B}\u{7B}\u{7B}\u{20}\u{20}\u{20}\u{2B}\u{0}\
        \u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\
        \u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\
        \u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\
        \u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}
        """
    }
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
