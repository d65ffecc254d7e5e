/// `uuid`: the RFC 4122 (RFC 9562) textual form, 8-4-4-4-12 hexadecimal digits with hyphens.
/// Any version and variant; hex digits in either case. No braces, no `urn:uuid:` prefix.
enum UUIDFormat {
    static func isUUID(_ b: UnsafeRawBufferPointer) -> Bool {
        guard b.count == 36 else { return false }
        for i in 0..<36 {
            switch i {
            case 8, 13, 18, 23:
                if b[i] != UInt8(ascii: "-") { return false }
            default:
                if !b[i].isASCIIHexDigit { return false }
            }
        }
        return true
    }
}
