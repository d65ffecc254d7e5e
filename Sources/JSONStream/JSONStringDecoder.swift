/// Resolves the escapes of string content the reader has already validated.
enum JSONStringDecoder {
    /// Appends the decoded UTF-8 of `raw` (string content between the quotes, escapes valid) to `out`.
    static func decode(_ raw: UnsafeRawBufferPointer, into out: inout [UInt8]) {
        let n = raw.count
        var i = 0
        out.reserveCapacity(out.count + n)
        while i < n {
            let c = raw[i]
            if c != UInt8(ascii: "\\") {
                // Copy the run up to the next backslash in one go.
                var j = i + 1
                while j < n && raw[j] != UInt8(ascii: "\\") { j += 1 }
                out.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[i..<j]))
                i = j
                continue
            }
            let e = raw[i + 1]
            switch e {
            case UInt8(ascii: "b"): out.append(0x08); i += 2
            case UInt8(ascii: "f"): out.append(0x0C); i += 2
            case UInt8(ascii: "n"): out.append(0x0A); i += 2
            case UInt8(ascii: "r"): out.append(0x0D); i += 2
            case UInt8(ascii: "t"): out.append(0x09); i += 2
            case UInt8(ascii: "u"):
                var scalar = hex4(raw.baseAddress!, i + 2) ?? 0xFFFD  // non-nil: n > 0 here
                i += 6
                if scalar >= 0xD800 && scalar <= 0xDBFF, i + 6 <= n, let low = hex4(raw.baseAddress!, i + 2) {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                }
                appendUTF8(scalar, to: &out)
            default: out.append(e); i += 2  // '"', '\\', '/'
            }
        }
    }

    static func appendUTF8(_ v: UInt32, to out: inout [UInt8]) {
        switch v {
        case 0..<0x80:
            out.append(UInt8(v))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (v >> 6)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (v >> 12)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (v >> 18)))
            out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        }
    }
}
