/// `uuid`: the RFC 4122 (RFC 9562) textual form, 8-4-4-4-12 hexadecimal digits with hyphens.
/// Any version and variant; hex digits in either case. No braces, no `urn:uuid:` prefix.
enum UUIDFormat {
    /// The four hyphens compared, then the 32 digits' classes AND-ed together with no branch per
    /// byte (a `switch` on the position and a digit test per byte cost over 400 instructions).
    static func isUUID(_ b: UnsafeRawBufferPointer) -> Bool {
        guard b.count == 36 else { return false }
        let hyphen = UInt8(ascii: "-")
        guard b[8] == hyphen, b[13] == hyphen, b[18] == hyphen, b[23] == hyphen else { return false }
        let t = ByteClass.table
        var all = ByteClass.hexDigit
        for i in 0..<8 { all &= t[Int(b[i])] }
        for i in 9..<13 { all &= t[Int(b[i])] }
        for i in 14..<18 { all &= t[Int(b[i])] }
        for i in 19..<23 { all &= t[Int(b[i])] }
        for i in 24..<36 { all &= t[Int(b[i])] }
        return all != 0
    }
}
