/// `image-data-uri`: `data:image/(png|jpg|jpeg|gif);base64,` followed by a strict RFC 4648 §4
/// base64 body: the standard alphabet, length a non-zero multiple of 4, `=` padding only at
/// the very end and at most two of it. Case-sensitive, like the Frontier pattern it replaces.
/// The unused bits of the last group are not checked. Linear time, no backtracking.
enum DataURIFormat {
    static func isImageDataURI(_ b: UnsafeRawBufferPointer) -> Bool {
        guard let bodyStart = prefixEnd(b) else { return false }
        let n = b.count - bodyStart
        guard n > 0, n % 4 == 0 else { return false }
        var padding = 0
        if b[b.count - 1] == UInt8(ascii: "=") {
            padding = b[b.count - 2] == UInt8(ascii: "=") ? 2 : 1
        }
        for k in bodyStart..<(b.count - padding) where !isBase64(b[k]) { return false }
        return true
    }

    /// The strings that Frontier's avatar pattern,
    /// `^data:image/(png|jpg|jpeg|gif);base64,([a-zA-Z0-9+/]+={0,2})+$`, matches under PCRE2's
    /// default options — decided in linear time instead of by exponential backtracking.
    ///
    /// The repeated group means: a non-empty body that starts with an alphabet character and
    /// consists of alphabet characters and runs of at most two `=`. Because PCRE2's `$` also
    /// matches before a final newline, one trailing `"\n"` is accepted too unless
    /// `allowFinalNewline` is false. This is more lenient than `isImageDataURI` (no length
    /// or padding-position rules); it exists for rules that must reproduce the pattern exactly.
    static func matchesFrontierAvatarPattern(_ b: UnsafeRawBufferPointer, allowFinalNewline: Bool = true) -> Bool {
        guard let bodyStart = prefixEnd(b) else { return false }
        var end = b.count
        if allowFinalNewline, end > bodyStart, b[end - 1] == UInt8(ascii: "\n") { end -= 1 }
        guard end > bodyStart, isBase64(b[bodyStart]) else { return false }
        var run = 0
        for k in bodyStart..<end {
            let c = b[k]
            if c == UInt8(ascii: "=") {
                run += 1
                if run > 2 { return false }
            } else if isBase64(c) {
                run = 0
            } else {
                return false
            }
        }
        return true
    }

    /// The index after `data:image/(png|jpg|jpeg|gif);base64,`, or nil.
    private static func prefixEnd(_ b: UnsafeRawBufferPointer) -> Int? {
        let end = b.count
        guard FormatBytes.hasPrefix(b, 0, end, "data:image/") else { return nil }
        var i = 11
        if FormatBytes.hasPrefix(b, i, end, "png") || FormatBytes.hasPrefix(b, i, end, "jpg") || FormatBytes.hasPrefix(b, i, end, "gif") {
            i += 3
        } else if FormatBytes.hasPrefix(b, i, end, "jpeg") {
            i += 4
        } else {
            return nil
        }
        guard FormatBytes.hasPrefix(b, i, end, ";base64,") else { return nil }
        return i + 8
    }

    @inline(__always)
    private static func isBase64(_ c: UInt8) -> Bool {
        c.isASCIIAlnum || c == UInt8(ascii: "+") || c == UInt8(ascii: "/")
    }
}
