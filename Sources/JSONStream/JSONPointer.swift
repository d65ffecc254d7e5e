/// RFC 6901 JSON pointers.
public enum JSONPointer {
    /// Appends a member name as a pointer segment, `~` as `~0` and `/` as `~1`.
    public static func appendEscaped<C: Collection>(_ name: C, to out: inout [UInt8]) where C.Element == UInt8 {
        for c in name {
            switch c {
            case UInt8(ascii: "~"): out.append(UInt8(ascii: "~")); out.append(UInt8(ascii: "0"))
            case UInt8(ascii: "/"): out.append(UInt8(ascii: "~")); out.append(UInt8(ascii: "1"))
            default: out.append(c)
            }
        }
    }

    /// Whether the `n` bytes at `p` hold a `~` or a `/`: eight bytes at a time
    /// (`(x - 0x01…) & ~x & 0x80…` is non-zero exactly when a byte of `x` is zero), the rest one by
    /// one. Every finding renders a pointer, and nearly every name is then copied as it is.
    @inline(__always)
    static func needsEscaping(_ p: UnsafeRawPointer, _ n: Int) -> Bool {
        var i = 0
        while i &+ 8 <= n {
            let x = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            let tilde = x ^ 0x7E7E_7E7E_7E7E_7E7E
            let slash = x ^ 0x2F2F_2F2F_2F2F_2F2F
            let zero = ((tilde &- 0x0101_0101_0101_0101) & ~tilde) | ((slash &- 0x0101_0101_0101_0101) & ~slash)
            if zero & 0x8080_8080_8080_8080 != 0 { return true }
            i &+= 8
        }
        while i < n {
            let c = p.load(fromByteOffset: i, as: UInt8.self)
            if c == UInt8(ascii: "~") || c == UInt8(ascii: "/") { return true }
            i &+= 1
        }
        return false
    }

    /// Writes the escaped form of the `n` bytes at `p` at `out` (room for twice `n`);
    /// returns the bytes written. Most names are copied as they are.
    @inline(__always)
    static func writeEscaped(_ p: UnsafeRawPointer, _ n: Int, to out: UnsafeMutablePointer<UInt8>) -> Int {
        guard needsEscaping(p, n) else {
            UnsafeMutableRawPointer(out).copyMemory(from: p, byteCount: n)
            return n
        }
        var at = 0
        for j in 0..<n {
            let c = p.load(fromByteOffset: j, as: UInt8.self)
            if c == UInt8(ascii: "~") || c == UInt8(ascii: "/") {
                out[at] = UInt8(ascii: "~")
                out[at + 1] = c == UInt8(ascii: "~") ? UInt8(ascii: "0") : UInt8(ascii: "1")
                at += 2
            } else {
                out[at] = c
                at += 1
            }
        }
        return at
    }

    /// A member name as a pointer segment (without the leading `/`).
    public static func escape(_ name: String) -> String {
        // Most names have neither character: returned as they are, without a copy.
        guard name.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return name }
        var out: [UInt8] = []
        appendEscaped(name.utf8, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The unescaped last segment of `pointer` (`/a/b~1c` → `b/c`); nil for the empty pointer.
    public static func lastSegment(_ pointer: String) -> String? {
        guard let slash = pointer.utf8.lastIndex(of: UInt8(ascii: "/")) else { return nil }
        let raw = pointer.utf8[pointer.utf8.index(after: slash)...]
        guard raw.contains(UInt8(ascii: "~")) else { return String(decoding: raw, as: UTF8.self) }
        return segments("/" + String(decoding: raw, as: UTF8.self))?.first
    }

    /// Splits a pointer into its unescaped segments; nil when it is not a valid pointer.
    public static func segments(_ pointer: String) -> [String]? {
        if pointer.isEmpty { return [] }
        guard pointer.hasPrefix("/") else { return nil }
        var result: [String] = []
        for raw in pointer.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).dropFirst() {
            var seg: [UInt8] = []
            var it = raw.makeIterator()
            while let c = it.next() {
                if c == UInt8(ascii: "~") {
                    switch it.next() {
                    case UInt8(ascii: "0"): seg.append(UInt8(ascii: "~"))
                    case UInt8(ascii: "1"): seg.append(UInt8(ascii: "/"))
                    default: return nil
                    }
                } else {
                    seg.append(c)
                }
            }
            result.append(String(decoding: seg, as: UTF8.self))
        }
        return result
    }
}
