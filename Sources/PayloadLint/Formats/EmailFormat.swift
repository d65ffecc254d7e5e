/// `email` and `idn-email`: an RFC 5322 §3.4.1 `addr-spec` as extended by RFC 6532 (UTF-8).
///
/// - Local part: a `dot-atom` (atext runs separated by single dots, no leading or trailing dot)
///   or a `quoted-string` (qtext, `\`-quoted pairs, spaces and tabs; no CR/LF folding and no
///   obsolete control characters). RFC 6532 adds any non-ASCII UTF-8 character to atext and
///   qtext.
/// - Domain: a host name as `hostname` checks it (LDH labels, valid `xn--` A-labels), with
///   UTF-8 U-labels also allowed (IDNA2008 code point rules, at most 63 octets as an
///   A-label), or an RFC 5321 address literal: `[IPv4]` or `[IPv6:…]`.
/// - No display name, no angle brackets, no comments or CFWS anywhere.
/// - No overall or local-part length limit (RFC 5321's 64/254 are not part of RFC 5322; rule
///   files set lengths with `maxLength`/`maxBytes`).
///
/// `email` and `idn-email` accept exactly the same strings.
enum EmailFormat {
    static func isAddrSpec(_ b: UnsafeRawBufferPointer) -> Bool {
        let end = b.count
        guard end > 0 else { return false }
        var i = 0
        if b[0] == UInt8(ascii: "\"") {
            guard let next = quotedString(b, end) else { return false }
            i = next
        } else {
            guard let at = dotAtom(b, end) else { return false }
            i = at
        }
        guard i < end, b[i] == UInt8(ascii: "@") else { return false }
        return domain(b, i + 1, end)
    }

    /// A dot-atom local part from the start; returns the index of the first byte after it
    /// (which must be the `@`), or nil.
    private static func dotAtom(_ b: UnsafeRawBufferPointer, _ end: Int) -> Int? {
        let table = ByteClass.table
        var i = 0
        var atomEmpty = true
        while true {
            let runEnd = ByteClass.runEnd(b, i, end, ByteClass.atext, table)  // RFC 5322 atext
            if runEnd > i { atomEmpty = false }
            i = runEnd
            guard i < end else { break }
            let c = b[i]
            if c == UInt8(ascii: "@") {
                break
            } else if c == UInt8(ascii: ".") {
                guard !atomEmpty else { return nil }  // leading or double dot
                atomEmpty = true
                i &+= 1
            } else if c < 0x80 {
                return nil
            } else {
                guard let (_, next) = FormatBytes.decodeScalar(b, i, end) else { return nil }
                atomEmpty = false
                i = next
            }
        }
        return atomEmpty ? nil : i  // empty local part or trailing dot
    }

    /// A quoted-string starting at 0 (`"`); returns the index after the closing quote.
    private static func quotedString(_ b: UnsafeRawBufferPointer, _ end: Int) -> Int? {
        var i = 1
        while i < end {
            let c = b[i]
            switch c {
            case UInt8(ascii: "\""):
                return i + 1
            case UInt8(ascii: "\\"):
                // quoted-pair = "\" (VCHAR / WSP), VCHAR extended to UTF-8 by RFC 6532.
                guard i + 1 < end else { return nil }
                let d = b[i + 1]
                if d >= 0x80 {
                    guard let (_, next) = FormatBytes.decodeScalar(b, i + 1, end) else { return nil }
                    i = next
                } else {
                    guard (0x21...0x7E).contains(d) || d == 0x20 || d == 0x09 else { return nil }
                    i += 2
                }
            case 0x20, 0x09, 0x21, 0x23...0x5B, 0x5D...0x7E:
                // qtext plus WSP (FWS without line folding)
                i += 1
            case 0x80...:
                guard let (_, next) = FormatBytes.decodeScalar(b, i, end) else { return nil }
                i = next
            default:
                return nil
            }
        }
        return nil
    }

    private static func domain(_ b: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Bool {
        guard start < end else { return false }
        if b[start] == UInt8(ascii: "[") {
            guard end - start >= 2, b[end - 1] == UInt8(ascii: "]") else { return false }
            let s = start + 1, e = end - 1
            if FormatBytes.hasPrefixIgnoringCase(b, s, e, "ipv6:") {
                return IPFormat.isIPv6(b, s + 5, e)
            }
            return IPFormat.isIPv4(b, s, e)
        }
        return HostnameFormat.isDomain(b, start, end, allowUnicode: true)
    }
}
