/// Resolves the escapes of string content the reader has already validated.
enum JSONStringDecoder {
    /// Writes the decoded UTF-8 of `raw` (string content between the quotes, escapes valid) to
    /// `dst`, which must have room for `raw.count` bytes (decoding never lengthens: an escape is
    /// at least as long as what it stands for); returns the decoded length.
    static func decode(_ raw: UnsafeRawBufferPointer, to dst: UnsafeMutableRawPointer) -> Int {
        guard let src = raw.baseAddress else { return 0 }
        let n = raw.count
        var i = 0
        var o = 0
        while i < n {
            // Copy the run up to the next backslash in one go.
            var j = i
            while j < n && src.load(fromByteOffset: j, as: UInt8.self) != UInt8(ascii: "\\") { j += 1 }
            if j > i {
                (dst + o).copyMemory(from: src + i, byteCount: j - i)
                o += j - i
                i = j
                if i >= n { break }
            }
            let e = src.load(fromByteOffset: i + 1, as: UInt8.self)
            var byte: UInt8
            switch e {
            case UInt8(ascii: "b"): byte = 0x08
            case UInt8(ascii: "f"): byte = 0x0C
            case UInt8(ascii: "n"): byte = 0x0A
            case UInt8(ascii: "r"): byte = 0x0D
            case UInt8(ascii: "t"): byte = 0x09
            case UInt8(ascii: "u"):
                var scalar = hex4(src, i + 2) ?? 0xFFFD
                i += 6
                if scalar >= 0xD800 && scalar <= 0xDBFF, i + 6 <= n, let low = hex4(src, i + 2) {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                }
                o += writeUTF8(scalar, to: dst + o)
                continue
            default: byte = e  // '"', '\\', '/'
            }
            dst.storeBytes(of: byte, toByteOffset: o, as: UInt8.self)
            o += 1
            i += 2
        }
        return o
    }

    /// Appends the decoded UTF-8 of `raw` to `out`.
    static func decode(_ raw: UnsafeRawBufferPointer, into out: inout [UInt8]) {
        guard raw.count > 0 else { return }
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: raw.count))
        let length = out.withUnsafeMutableBytes { b in b.baseAddress.map { decode(raw, to: $0 + start) } ?? 0 }
        out.removeLast(raw.count - length)
    }

    /// Writes `v` as UTF-8 to `dst`; returns the byte count.
    @inline(__always)
    static func writeUTF8(_ v: UInt32, to dst: UnsafeMutableRawPointer) -> Int {
        switch v {
        case 0..<0x80:
            dst.storeBytes(of: UInt8(v), as: UInt8.self)
            return 1
        case 0x80..<0x800:
            dst.storeBytes(of: UInt8(0xC0 | (v >> 6)), as: UInt8.self)
            dst.storeBytes(of: UInt8(0x80 | (v & 0x3F)), toByteOffset: 1, as: UInt8.self)
            return 2
        case 0x800..<0x10000:
            dst.storeBytes(of: UInt8(0xE0 | (v >> 12)), as: UInt8.self)
            dst.storeBytes(of: UInt8(0x80 | ((v >> 6) & 0x3F)), toByteOffset: 1, as: UInt8.self)
            dst.storeBytes(of: UInt8(0x80 | (v & 0x3F)), toByteOffset: 2, as: UInt8.self)
            return 3
        default:
            dst.storeBytes(of: UInt8(0xF0 | (v >> 18)), as: UInt8.self)
            dst.storeBytes(of: UInt8(0x80 | ((v >> 12) & 0x3F)), toByteOffset: 1, as: UInt8.self)
            dst.storeBytes(of: UInt8(0x80 | ((v >> 6) & 0x3F)), toByteOffset: 2, as: UInt8.self)
            dst.storeBytes(of: UInt8(0x80 | (v & 0x3F)), toByteOffset: 3, as: UInt8.self)
            return 4
        }
    }
}
