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

    // MARK: character classes

    @inline(__always)
    static func isUnreserved(_ c: UInt8) -> Bool {
        c.isASCIIAlnum || c == UInt8(ascii: "-") || c == UInt8(ascii: ".") || c == UInt8(ascii: "_") || c == UInt8(ascii: "~")
    }

    @inline(__always)
    static func isSubDelim(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("),
             UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"),
             UInt8(ascii: "="):
            return true
        default:
            return false
        }
    }

    /// Validates `pct-encoded` at `i` (where `b[i] == "%"`), returning the index after it.
    @inline(__always)
    private static func pctEncoded(_ b: UnsafeRawBufferPointer, _ i: Int, _ end: Int) -> Int? {
        guard i + 2 < end, b[i + 1].isASCIIHexDigit, b[i + 2].isASCIIHexDigit else { return nil }
        return i + 3
    }

    /// Whether `b[start..<end]` is a run of `unreserved / pct-encoded / sub-delims` plus the
    /// extra characters allowed by `extra`.
    @inline(__always)
    private static func run(_ b: UnsafeRawBufferPointer, _ start: Int, _ end: Int, extra: (UInt8) -> Bool) -> Bool {
        var i = start
        while i < end {
            let c = b[i]
            if c == UInt8(ascii: "%") {
                guard let next = pctEncoded(b, i, end) else { return false }
                i = next
            } else if isUnreserved(c) || isSubDelim(c) || extra(c) {
                i += 1
            } else {
                return false
            }
        }
        return true
    }

    // MARK: grammar

    /// The index of the `:` ending a syntactically valid scheme, or nil when the text does not
    /// start with `scheme ":"`.
    private static func schemeEnd(_ b: UnsafeRawBufferPointer) -> Int? {
        guard !b.isEmpty, b[0].isASCIIAlpha else { return nil }
        var i = 1
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: ":") { return i }
            guard c.isASCIIAlnum || c == UInt8(ascii: "+") || c == UInt8(ascii: "-") || c == UInt8(ascii: ".") else { return nil }
            i += 1
        }
        return nil
    }

    /// `hier-part / relative-part`, then `[ "?" query ] [ "#" fragment ]`.
    private static func rest(_ b: UnsafeRawBufferPointer, from start: Int, hasScheme: Bool) -> Bool {
        let end = b.count
        // Split off the fragment and the query (neither may contain a raw "#").
        var fragment = end
        var query = end
        var i = start
        while i < end {
            let c = b[i]
            if c == UInt8(ascii: "#") { fragment = i; break }
            if c == UInt8(ascii: "?"), query == end { query = i }
            i += 1
        }
        if query > fragment { query = fragment }
        let pathEnd = query
        let pqExtra: (UInt8) -> Bool = { $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "@") || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") }
        if query < fragment, !run(b, query + 1, fragment, extra: pqExtra) { return false }
        if fragment < end, !run(b, fragment + 1, end, extra: pqExtra) { return false }

        var p = start
        if pathEnd - p >= 2, b[p] == UInt8(ascii: "/"), b[p + 1] == UInt8(ascii: "/") {
            // "//" authority path-abempty
            var authorityEnd = p + 2
            while authorityEnd < pathEnd, b[authorityEnd] != UInt8(ascii: "/") { authorityEnd += 1 }
            guard authority(b, p + 2, authorityEnd) else { return false }
            p = authorityEnd
        } else if !hasScheme {
            // path-noscheme: the first segment must not contain a colon.
            var k = p
            while k < pathEnd, b[k] != UInt8(ascii: "/") {
                if b[k] == UInt8(ascii: ":") { return false }
                k += 1
            }
        }
        // The remaining path (abempty / absolute / rootless / noscheme / empty): segments of
        // pchar separated by "/". A path-absolute never starts with "//" here: that case was
        // taken as an authority above.
        return run(b, p, pathEnd, extra: { $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "@") || $0 == UInt8(ascii: "/") })
    }

    /// `authority = [ userinfo "@" ] host [ ":" port ]` in `b[start..<end]`.
    private static func authority(_ b: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Bool {
        var hostStart = start
        var k = start
        while k < end {
            if b[k] == UInt8(ascii: "@") {
                guard run(b, start, k, extra: { $0 == UInt8(ascii: ":") }) else { return false }
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
            guard run(b, hostStart, hostEnd, extra: { _ in false }) else { return false }
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
            for j in i..<end {
                let c = b[j]
                guard isUnreserved(c) || isSubDelim(c) || c == UInt8(ascii: ":") else { return false }
            }
            return true
        }
        return IPFormat.isIPv6(b, start, end)
    }
}
