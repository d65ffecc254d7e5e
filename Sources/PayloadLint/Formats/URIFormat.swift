/// `uri` and `uri-reference`: the full RFC 3986 grammar.
///
/// - `uri` is `URI = scheme ":" hier-part [ "?" query ] [ "#" fragment ]` (§3), an absolute URI
///   with a scheme; `uri-reference` is `URI-reference = URI / relative-ref` (§4.1).
/// - Authority: `[ userinfo "@" ] host [ ":" port ]`, host an IP-literal (`[IPv6]` per RFC 4291,
///   or `[vX.…]` IPvFuture) or a reg-name (which includes every dotted quad, valid or not).
/// - Every `%` must start a `%HH` triplet. Spaces, controls, non-ASCII (IRIs), `\`, `"`, `<`,
///   `>`, `{`, `}`, `^`, `` ` ``, `|` are rejected. No RFC 6874 zone identifiers.
enum URIFormat {
    static func isURI(_ b: UnsafeRawBufferPointer) -> Bool {
        guard let colon = schemeEnd(b) else { return false }
        return rest(b, from: colon + 1, hasScheme: true)
    }

    static func isURIReference(_ b: UnsafeRawBufferPointer) -> Bool {
        if let colon = schemeEnd(b) { return rest(b, from: colon + 1, hasScheme: true) }
        return rest(b, from: 0, hasScheme: false)
    }

    // MARK: character classes (RFC 3986 §2–3: `ByteClass`)

    /// Whether `b[i...]` starts with a `pct-encoded` triplet (`b[i]` is the `%`).
    @inline(__always)
    private static func isPctEncoded(_ b: UnsafeRawBufferPointer, _ i: Int, _ end: Int) -> Bool {
        i + 2 < end && b[i + 1].isASCIIHexDigit && b[i + 2].isASCIIHexDigit
    }

    /// Whether `c` ends an authority: the start of the path, the query or the fragment.
    @inline(__always)
    private static func endsAuthority(_ c: UInt8) -> Bool {
        c == UInt8(ascii: "/") || c == UInt8(ascii: "?") || c == UInt8(ascii: "#")
    }

    /// The end of the run starting at `start` of characters of the `ByteClass` `set` and
    /// `pct-encoded` triplets: the index of the first byte outside it, or `end`.
    @inline(__always)
    private static func scan(_ b: UnsafeRawBufferPointer, _ start: Int, _ end: Int, _ set: UInt8) -> Int {
        let table = ByteClass.table
        var i = start
        while true {
            i = ByteClass.runEnd(b, i, end, set, table)
            guard i < end, b[i] == UInt8(ascii: "%"), isPctEncoded(b, i, end) else { return i }
            i &+= 3
        }
    }

    /// Whether `b[start..<end]` is a run of the characters of the `ByteClass` `set` and
    /// `pct-encoded` triplets.
    @inline(__always)
    private static func run(_ b: UnsafeRawBufferPointer, _ start: Int, _ end: Int, _ set: UInt8) -> Bool {
        scan(b, start, end, set) == end
    }

    // MARK: grammar

    /// The index of the `:` ending a syntactically valid scheme, or nil when the text does not
    /// start with `scheme ":"`.
    private static func schemeEnd(_ b: UnsafeRawBufferPointer) -> Int? {
        guard !b.isEmpty, b[0].isASCIIAlpha else { return nil }
        let table = ByteClass.table
        var i = 1
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: ":") { return i }
            guard table[Int(c)] & ByteClass.scheme != 0 else { return nil }
            i += 1
        }
        return nil
    }

    /// `hier-part / relative-part`, then `[ "?" query ] [ "#" fragment ]`, in one pass.
    private static func rest(_ b: UnsafeRawBufferPointer, from start: Int, hasScheme: Bool) -> Bool {
        let end = b.count
        var i = start
        if end - i >= 2, b[i] == UInt8(ascii: "/"), b[i + 1] == UInt8(ascii: "/") {
            // "//" authority path-abempty
            guard let authorityEnd = authority(b, i + 2, end) else { return false }
            i = authorityEnd
        } else if !hasScheme {
            // path-noscheme: the first segment must not contain a colon.
            var k = i
            while k < end {
                let c = b[k]
                if c == UInt8(ascii: ":") { return false }
                if endsAuthority(c) { break }
                k += 1
            }
        }
        // The remaining path (abempty / absolute / rootless / noscheme / empty): segments of
        // pchar separated by "/". A path-absolute never starts with "//" here: that case was
        // taken as an authority above. The first "?" starts the query, which allows every path
        // character and "?", so path and query are one run of `queryOrFragment`; the first "#"
        // starts the fragment, which may not contain another.
        var inFragment = false
        while true {
            i = scan(b, i, end, ByteClass.queryOrFragment)
            if i == end { return true }
            guard b[i] == UInt8(ascii: "#"), !inFragment else { return false }
            inFragment = true
            i &+= 1
        }
    }

    /// The authority starting at `start` (after the `//`): returns the index after it (the
    /// first `/`, `?`, `#` or the end), or nil when it is not a valid `authority`.
    ///
    /// The common `reg-name [ ":" port ]` is taken in one pass; anything else (userinfo, an IP
    /// literal, an invalid character) goes to `generalAuthority`.
    private static func authority(_ b: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Int? {
        // Hex digits never end the authority, so a `pct-encoded` triplet lies inside it.
        let i = scan(b, start, end, ByteClass.regName)
        if i == end || endsAuthority(b[i]) { return i }
        if b[i] == UInt8(ascii: ":") {
            var k = i + 1
            while k < end, b[k].isASCIIDigit { k += 1 }
            if k == end || endsAuthority(b[k]) { return k }
        }
        // b[start..<i] holds no "/", "?" or "#": the authority ends at or after i.
        var authorityEnd = i
        while authorityEnd < end, !endsAuthority(b[authorityEnd]) { authorityEnd += 1 }
        return generalAuthority(b, start, authorityEnd) ? authorityEnd : nil
    }

    /// `authority = [ userinfo "@" ] host [ ":" port ]` in `b[start..<end]`.
    private static func generalAuthority(_ b: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Bool {
        var hostStart = start
        var k = start
        while k < end {
            if b[k] == UInt8(ascii: "@") {
                guard run(b, start, k, ByteClass.userinfo) else { return false }
                hostStart = k + 1
                break
            }
            k += 1
        }
        var portStart: Int? = nil
        if hostStart < end, b[hostStart] == UInt8(ascii: "[") {
            var close = hostStart + 1
            while close < end, b[close] != UInt8(ascii: "]") { close += 1 }
            guard close < end, ipLiteral(b, hostStart + 1, close) else { return false }
            let after = close + 1
            if after < end {
                guard b[after] == UInt8(ascii: ":") else { return false }
                portStart = after + 1
            }
        } else {
            var hostEnd = hostStart
            while hostEnd < end, b[hostEnd] != UInt8(ascii: ":") { hostEnd += 1 }
            // reg-name = *( unreserved / pct-encoded / sub-delims ); IPv4address is a subset.
            guard run(b, hostStart, hostEnd, ByteClass.regName) else { return false }
            if hostEnd < end { portStart = hostEnd + 1 }
        }
        if let portStart {
            for j in portStart..<end where !b[j].isASCIIDigit { return false }
        }
        return true
    }

    /// `IPv6address / IPvFuture` between the brackets.
    private static func ipLiteral(_ b: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Bool {
        guard start < end else { return false }
        if b[start] | 0x20 == UInt8(ascii: "v") {
            // IPvFuture = "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" )
            var i = start + 1
            while i < end, b[i].isASCIIHexDigit { i += 1 }
            guard i > start + 1, i < end, b[i] == UInt8(ascii: ".") else { return false }
            i += 1
            guard i < end else { return false }
            let table = ByteClass.table
            for j in i..<end where table[Int(b[j])] & ByteClass.userinfo == 0 { return false }
            return true
        }
        return IPFormat.isIPv6(b, start, end)
    }
}
