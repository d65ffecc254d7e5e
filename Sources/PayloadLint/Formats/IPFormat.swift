/// `ipv4` and `ipv6`, also used by `uri` (IP literals) and `email` (address literals).
enum IPFormat {
    /// RFC 3986 `IPv4address`: four `dec-octet`s (0–255, no leading zeros) separated by dots.
    static func isIPv4(_ b: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Bool {
        var i = start
        var parts = 0
        while true {
            guard i < end, b[i].isASCIIDigit else { return false }
            let first = i
            var value = 0
            while i < end, b[i].isASCIIDigit {
                if i - first == 3 { return false }
                value = value * 10 + Int(b[i] &- 0x30)
                i += 1
            }
            if value > 255 || (i - first > 1 && b[first] == UInt8(ascii: "0")) { return false }
            parts += 1
            if parts == 4 { return i == end }
            guard i < end, b[i] == UInt8(ascii: ".") else { return false }
            i += 1
        }
    }

    /// RFC 4291 §2.2 text forms: eight groups of 1–4 hex digits, `::` for one or more zero
    /// groups (at most once), and an embedded dotted-quad IPv4 address as the last 32 bits.
    /// No zone identifiers, no prefix lengths, no brackets.
    static func isIPv6(_ b: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Bool {
        var i = start
        var groups = 0
        var compressed = false
        let colon = UInt8(ascii: ":")
        if i < end, b[i] == colon {
            guard i + 1 < end, b[i + 1] == colon else { return false }
            compressed = true
            i += 2
            if i == end { return true }
        }
        while true {
            // One piece: 1–4 hex digits, or (as the last piece) an IPv4 address.
            let pieceStart = i
            var j = i
            var sawDot = false
            while j < end {
                let c = b[j]
                if c.isASCIIHexDigit { j += 1 } else if c == UInt8(ascii: ".") { sawDot = true; break } else { break }
            }
            if sawDot {
                guard isIPv4(b, pieceStart, end) else { return false }
                groups += 2
                break
            }
            let n = j - pieceStart
            guard n >= 1, n <= 4 else { return false }
            groups += 1
            i = j
            if i == end { break }
            guard b[i] == colon else { return false }
            i += 1
            if i < end, b[i] == colon {
                if compressed { return false }
                compressed = true
                i += 1
                if i == end { break }
            } else if i == end {
                return false  // a single trailing colon
            }
            if groups > 8 { return false }
        }
        return compressed ? groups <= 7 : groups == 8
    }
}
