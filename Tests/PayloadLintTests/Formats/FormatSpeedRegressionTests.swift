import Testing
@testable import PayloadLint
import TestSupport

/// The byte-class table and single-pass loops of the uri, email and hostname checkers against
/// the straightforward implementations they replaced (kept below as `Reference…`, verbatim):
/// identical verdicts on hand-picked strings, on every string of up to two bytes from an
/// interesting alphabet, and on tens of thousands of random mutations of valid values.
@Suite struct FormatSpeedRegressionTests {
    @Test func byteClassesMatchTheGrammar() {
        let table = ByteClass.table
        #expect(ByteClass.tableCount == 256)
        for c in UInt8(0)...UInt8(255) {
            func has(_ bit: UInt8) -> Bool { table[Int(c)] & bit != 0 }
            func isOne(of characters: String) -> Bool { characters.utf8.contains(c) }
            let regName = ReferenceURI.isUnreserved(c) || ReferenceURI.isSubDelim(c)
            #expect(has(ByteClass.regName) == regName, "\(c)")
            #expect(has(ByteClass.userinfo) == (regName || isOne(of: ":")), "\(c)")
            #expect(has(ByteClass.queryOrFragment) == (regName || isOne(of: ":@/?")), "\(c)")
            #expect(has(ByteClass.scheme) == (c.isASCIIAlnum || isOne(of: "+-.")), "\(c)")
            #expect(has(ByteClass.atext) == ReferenceEmail.isAtext(c), "\(c)")
            #expect(has(ByteClass.ldh) == (c.isASCIIAlnum || isOne(of: "-")), "\(c)")
            #expect(has(ByteClass.hexDigit) == c.isASCIIHexDigit, "\(c)")
        }
    }

    /// Seeds: valid and nearly valid values of each format.
    static let uriSeeds = [
        "https://cdn.example.com/invoice?size=32&v=64", "https://images.example.org/campaign/b141e7bd6e3600d1.png",
        "http://user:pa%20ss@example.com:8080/a/b;c=d?q=1&r=%2F#frag/ment?x",
        "ftp://[2001:db8::1]:21/file", "http://[::ffff:1.2.3.4]/", "http://[v7.a:b!]/x", "http://[vF.x]",
        "urn:isbn:0451450523", "mailto:John.Doe@example.com", "news:comp.infosystems.www.servers.unix",
        "tel:+1-816-555-1212", "file:///etc/hosts", "http://example.com:/", "http://:80", "http://", "a:",
        "//example.com/path", "/absolute/path", "relative/path", "?query", "#fragment", "", "./this:that",
        "http://host/%zz", "http://ho st/", "http://ex\\ample.com/", "http://192.168.0.1/", "http://example.com:8o/",
        "http://a@b@c/", "http://[::1]x/", "http://[1:2:3:4:5:6:7:8:9]/", "http://é.example/", "HTTP://EXAMPLE.COM/%7E",
    ]
    static let emailSeeds = [
        "yukirossi@example.com", "olgadubois9452@example.de", "first.last+tag@sub.example.co.uk",
        "!#$%&'*+-/=?^_`{|}~@example.com", "\"quoted\"@example.com", "\"a\\\"b\"@example.com", "\"\"@x",
        "user@[IPv6:2001:db8::1]", "user@[1.2.3.4]", "user@[300.1.1.1]", "a..b@example.com", ".a@example.com",
        "a.@example.com", "user@xn--bcher-kva.example", "user@XN--BCHER-KVA.example", "user@xn--abc.example",
        "用户@例子.广告", "josé@bücher.example", "user@-example.com", "user@example-.com", "user@ex_ample.com",
        "user@example..com", "user@", "@example.com", "user@a.b", "a@b", "user name@example.com", "user@exa mple.com",
        // Domains at the edges of the label rules: `--` in a label's third and fourth places,
        // labels of 63 and 64 bytes, domains of 253 and 254 bytes.
        "user@ab--cd.example", "user@a-b.c-d.example", "a.b.c@d.e", "user@" + String(repeating: "a", count: 63) + ".com",
        "user@" + String(repeating: "a", count: 64) + ".com", "u@" + String(repeating: "abcdefghi.", count: 25) + "abc",
        "u@" + String(repeating: "abcdefghi.", count: 25) + "abcd",
    ]
    static let hostnameSeeds = [
        "cdn.example.com", "images.example.org", "a", "a.b.c", "xn--bcher-kva.example", "XN--BCHER-KVA.ch",
        "xn--ihqwcrb4cv8a8dqg056pqjye", "xn--abc", "ab--cd.example", "-a.example", "a-.example", "a..b", ".a", "a.",
        "123.456.789.0", "exa_mple.com", "bücher.example", String(repeating: "a", count: 63) + ".com",
        String(repeating: "a", count: 64) + ".com", String(repeating: "abcdefghi.", count: 25) + "abc",
        String(repeating: "abcdefghi.", count: 25) + "abcd",
    ]

    /// Bytes a mutation may insert or substitute: every URI/email delimiter, hex digits, a few
    /// letters, controls, and parts of UTF-8 sequences (lead, continuation, invalid bytes).
    static let alphabet: [UInt8] = Array(":/?#[]@!$&'()*+,;=-._~%\"\\<>{}|^` \t\0aAxXnNvVfF0189".utf8)
        + [0x7F, 0x80, 0xBF, 0xC0, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80, 0xFF]

    /// The seeds, every one- and two-byte string over `alphabet`, and `count` random
    /// mutations (1–4 insertions, deletions or substitutions, or a splice of two seeds).
    static func inputs(_ seeds: [String], count: Int, seed: UInt64) -> [[UInt8]] {
        let seedBytes = seeds.map { Array($0.utf8) }
        var out = seedBytes
        for a in alphabet {
            out.append([a])
            for b in alphabet { out.append([a, b]) }
        }
        var r = SplitMix64(seed: seed)
        for _ in 0..<count {
            var s = seedBytes[r.below(seedBytes.count)]
            if r.below(8) == 0 {
                let t = seedBytes[r.below(seedBytes.count)]
                s = Array(s.prefix(r.below(s.count + 1))) + Array(t.suffix(r.below(t.count + 1)))
            }
            for _ in 0..<(1 + r.below(4)) {
                let byte = r.below(4) == 0 ? UInt8(truncatingIfNeeded: r.next()) : alphabet[r.below(alphabet.count)]
                switch r.below(3) {
                case 0: s.insert(byte, at: r.below(s.count + 1))
                case 1: if !s.isEmpty { s.remove(at: r.below(s.count)) }
                default: if !s.isEmpty { s[r.below(s.count)] = byte }
                }
            }
            out.append(s)
        }
        return out
    }

    static func compare(_ inputs: [[UInt8]], _ new: (UnsafeRawBufferPointer) -> Bool, _ reference: (UnsafeRawBufferPointer) -> Bool) -> (checked: Int, valid: Int, mismatches: [String]) {
        var valid = 0
        var mismatches: [String] = []
        for s in inputs {
            s.withUnsafeBytes { b in
                let expected = reference(b)
                if expected { valid += 1 }
                if new(b) != expected, mismatches.count < 20 {
                    mismatches.append("\(String(decoding: s, as: UTF8.self).debugDescription) \(s): reference says \(expected)")
                }
            }
        }
        return (inputs.count, valid, mismatches)
    }

    @Test func uriVerdictsMatchTheReference() {
        let inputs = Self.inputs(Self.uriSeeds + Self.emailSeeds, count: 40_000, seed: 1)
        let uri = Self.compare(inputs, { FormatChecker.check(.uri, $0) }, ReferenceURI.isURI)
        #expect(uri.mismatches.isEmpty, "\(uri.mismatches)")
        #expect(uri.valid > 1000)
        let reference = Self.compare(inputs, { FormatChecker.check(.uriReference, $0) }, ReferenceURI.isURIReference)
        #expect(reference.mismatches.isEmpty, "\(reference.mismatches)")
        #expect(reference.valid > 1000)
    }

    @Test func emailVerdictsMatchTheReference() {
        let inputs = Self.inputs(Self.emailSeeds, count: 40_000, seed: 2)
        let email = Self.compare(inputs, { FormatChecker.check(.email, $0) }, ReferenceEmail.isAddrSpec)
        #expect(email.mismatches.isEmpty, "\(email.mismatches)")
        #expect(email.valid > 1000)
        let idn = Self.compare(inputs, { FormatChecker.check(.idnEmail, $0) }, ReferenceEmail.isAddrSpec)
        #expect(idn.mismatches.isEmpty, "\(idn.mismatches)")
    }

    static let dateTimeSeeds = [
        "1997-07-21T00:00:00.000Z", "2017-12-28T02:43:26Z", "2016-12-31T23:59:60Z", "2016-12-31T18:59:60-05:00",
        "2000-02-29T12:00:00+01:00", "1900-02-29T12:00:00Z", "2021-09-01t23:12:56z", "2021-09-01T23:12:56.123456789+14:00",
        "2021-13-01T00:00:00Z", "2021-04-31T00:00:00Z", "2021-09-01T24:00:00Z", "2021-09-01T23:60:00Z",
        "2021-09-01 23:12:56Z", "2021-09-01T23:12:56", "2021-09-01", "23:12:56Z", "23:59:60+00:00",
        "2000-02-29", "1999-12-31", "2021-04-30", "0000-01-01", "9999-12-31", "00:00:00z", "12:34:56.789-07:30",
        "23:59:59+23:59", "18:59:60-05:00", "07:08:09Z",
    ]
    static let languageTagSeeds = [
        "de", "de-DE", "en-US", "zh-Hant-TW", "es-419", "de-CH-1901", "x-whatever", "i-klingon", "en-a-bbb-x-a-ccc",
        "EN-gb-OED", "zh-min-nan", "sgn-BE-FR", "d1-DE", "de_DE", "e", "abcdefghi",
    ]

    @Test func dateTimeVerdictsMatchTheReference() {
        let inputs = Self.inputs(Self.dateTimeSeeds, count: 40_000, seed: 4)
        for (format, reference) in [(FormatName.dateTime, ReferenceDateTime.isDateTime),
                                    (.date, ReferenceDateTime.isFullDate), (.time, ReferenceDateTime.isFullTime)] {
            let r = Self.compare(inputs, { FormatChecker.check(format, $0) }, reference)
            #expect(r.mismatches.isEmpty, "\(format): \(r.mismatches)")
            #expect(r.valid > 20, "\(format)")  // random edits rarely leave a valid date or time
        }
    }

    @Test func languageTagVerdictsMatchTheReference() {
        let inputs = Self.inputs(Self.languageTagSeeds, count: 40_000, seed: 5)
        let r = Self.compare(inputs, { FormatChecker.check(.languageTag, $0) }, ReferenceLanguageTag.isWellFormed)
        #expect(r.mismatches.isEmpty, "\(r.mismatches)")
        #expect(r.valid > 1000)
    }

    @Test func hostnameVerdictsMatchTheReference() {
        let inputs = Self.inputs(Self.hostnameSeeds + Self.emailSeeds, count: 40_000, seed: 3)
        let host = Self.compare(inputs, { FormatChecker.check(.hostname, $0) }, { ReferenceHostname.isHostname($0, 0, $0.count) })
        #expect(host.mismatches.isEmpty, "\(host.mismatches)")
        #expect(host.valid > 1000)
    }
}

// MARK: - Reference implementations (the checkers as they were before the single-pass rewrite)

private enum ReferenceURI {
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

private enum ReferenceEmail {
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

    /// RFC 5322 atext: ALPHA / DIGIT / "!#$%&'*+-/=?^_`{|}~".
    @inline(__always)
    static func isAtext(_ c: UInt8) -> Bool {
        if c.isASCIIAlnum { return true }
        switch c {
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
             UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "/"),
             UInt8(ascii: "="), UInt8(ascii: "?"), UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"),
             UInt8(ascii: "{"), UInt8(ascii: "|"), UInt8(ascii: "}"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    /// A dot-atom local part from the start; returns the index of the first byte after it
    /// (which must be the `@`), or nil.
    private static func dotAtom(_ b: UnsafeRawBufferPointer, _ end: Int) -> Int? {
        var i = 0
        var atomLength = 0
        while i < end {
            let c = b[i]
            if c == UInt8(ascii: "@") { break }
            if c == UInt8(ascii: ".") {
                guard atomLength > 0 else { return nil }  // leading or double dot
                atomLength = 0
                i += 1
            } else if c < 0x80 {
                guard isAtext(c) else { return nil }
                atomLength += 1
                i += 1
            } else {
                guard let (_, next) = FormatBytes.decodeScalar(b, i, end) else { return nil }
                atomLength += 1
                i = next
            }
        }
        return atomLength > 0 ? i : nil  // empty local part or trailing dot
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
        return ReferenceHostname.isDomain(b, start, end, allowUnicode: true)
    }
}

private enum ReferenceHostname {
    static func isHostname(_ b: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Bool {
        isDomain(b, start, end, allowUnicode: false)
    }

    /// Dot-separated labels in `b[start..<end]`. With `allowUnicode`, a label containing
    /// non-ASCII UTF-8 is checked as a U-label and measured by the length of its A-label.
    static func isDomain(_ b: UnsafeRawBufferPointer, _ start: Int, _ end: Int, allowUnicode: Bool) -> Bool {
        guard start < end else { return false }
        var total = 0  // length in A-label (ASCII) form, dots included
        var labelStart = start
        var i = start
        var nonASCII = false
        while true {
            if i == end || b[i] == UInt8(ascii: ".") {
                guard i > labelStart else { return false }  // empty label: leading, trailing or double dot
                let length: Int
                if nonASCII {
                    guard allowUnicode, let n = uLabelALabelLength(b, labelStart, i) else { return false }
                    length = n
                } else {
                    guard ldhLabel(b, labelStart, i) else { return false }
                    length = i - labelStart
                }
                total += length + (labelStart == start ? 0 : 1)
                if total > 253 { return false }
                if i == end { return true }
                i += 1
                labelStart = i
                nonASCII = false
                continue
            }
            if b[i] >= 0x80 { nonASCII = true }
            i += 1
        }
    }

    /// An ASCII label: LDH, 1–63, no leading/trailing hyphen; `xn--` labels must be A-labels.
    private static func ldhLabel(_ b: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Bool {
        let n = end - start
        guard n >= 1, n <= 63, b[start] != UInt8(ascii: "-"), b[end - 1] != UInt8(ascii: "-") else { return false }
        for k in start..<end {
            let c = b[k]
            guard c.isASCIIAlnum || c == UInt8(ascii: "-") else { return false }
        }
        if FormatBytes.hasPrefixIgnoringCase(b, start, end, "xn--") {
            return IDNA.isALabel(b, start + 4, end)
        }
        return true
    }

    /// For a raw UTF-8 U-label: nil if invalid, else the length of its `xn--` A-label.
    private static func uLabelALabelLength(_ b: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Int? {
        guard end - start <= 252 else { return nil }
        return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { scalars -> Int? in
            var n = 0
            var i = start
            while i < end {
                guard n < 63, let (v, next) = FormatBytes.decodeScalar(b, i, end) else { return nil }
                // ASCII letters are case-insensitive (RFC 4343); other characters must already be
                // in IDNA2008 form (no uppercase, no compatibility characters).
                scalars[n] = v < 0x80 ? UInt32(UInt8(truncatingIfNeeded: v).asciiLowercased) : v
                n += 1
                i = next
            }
            let label = UnsafeBufferPointer(rebasing: scalars[0..<n])
            guard IDNA.isULabel(label) else { return nil }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { out -> Int? in
                guard let encoded = IDNA.punycodeEncode(label, into: out) else { return nil }
                let length = 4 + encoded
                return length <= 63 ? length : nil
            }
        }
    }
}

/// `DateTimeFormat` as it was before the word-at-a-time date and time (seventeenth pass).
enum ReferenceDateTime {
    static func isDateTime(_ b: UnsafeRawBufferPointer) -> Bool {
        guard b.count >= 20, fullDate(b, 0) else { return false }
        let t = b[10]
        guard t == UInt8(ascii: "T") || t == UInt8(ascii: "t") else { return false }
        return fullTime(b, 11)
    }

    static func isFullDate(_ b: UnsafeRawBufferPointer) -> Bool {
        b.count == 10 && fullDate(b, 0)
    }

    static func isFullTime(_ b: UnsafeRawBufferPointer) -> Bool {
        fullTime(b, 0)
    }

    /// `nDigits` ASCII digits at `i` as a number, or nil.
    @inline(__always)
    private static func number(_ b: UnsafeRawBufferPointer, _ i: Int, _ nDigits: Int) -> Int? {
        guard i + nDigits <= b.count else { return nil }
        var v = 0
        for k in i..<(i + nDigits) {
            let c = b[k]
            guard c.isASCIIDigit else { return nil }
            v = v * 10 + Int(c &- 0x30)
        }
        return v
    }

    /// `YYYY-MM-DD` at `i` (exactly 10 bytes; the caller checks what follows).
    private static func fullDate(_ b: UnsafeRawBufferPointer, _ i: Int) -> Bool {
        guard i + 10 <= b.count,
              let year = number(b, i, 4), b[i + 4] == UInt8(ascii: "-"),
              let month = number(b, i + 5, 2), b[i + 7] == UInt8(ascii: "-"),
              let day = number(b, i + 8, 2),
              (1...12).contains(month), day >= 1
        else { return false }
        return day <= daysIn(month: month, year: year)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2:
            let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
            return leap ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `partial-time time-offset` from `i` to the end of the buffer.
    private static func fullTime(_ b: UnsafeRawBufferPointer, _ start: Int) -> Bool {
        let end = b.count
        guard let hour = number(b, start, 2), start + 2 < end, b[start + 2] == UInt8(ascii: ":"),
              let minute = number(b, start + 3, 2), start + 5 < end, b[start + 5] == UInt8(ascii: ":"),
              let second = number(b, start + 6, 2),
              hour <= 23, minute <= 59, second <= 60
        else { return false }
        var i = start + 8
        if i < end, b[i] == UInt8(ascii: ".") {
            i += 1
            let fracStart = i
            while i < end, b[i].isASCIIDigit { i += 1 }
            if i == fracStart { return false }
        }
        guard i < end else { return false }
        // Offset in minutes east of UTC.
        var offset = 0
        switch b[i] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            i += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let sign = b[i] == UInt8(ascii: "+") ? 1 : -1
            guard let oh = number(b, i + 1, 2), i + 3 < end, b[i + 3] == UInt8(ascii: ":"),
                  let om = number(b, i + 4, 2), oh <= 23, om <= 59
            else { return false }
            offset = sign * (oh * 60 + om)
            i += 6
        default:
            return false
        }
        guard i == end else { return false }
        if second == 60 {
            // A leap second is inserted at 23:59:60 UTC.
            let utcMinutes = ((hour * 60 + minute - offset) % 1440 + 1440) % 1440
            return utcMinutes == 23 * 60 + 59
        }
        return true
    }
}

/// `LanguageTag` as it was before the fast path for `ll` and `ll-LL` (seventeenth pass).
enum ReferenceLanguageTag {
    /// RFC 5646 §2.1 `grandfathered` (irregular and regular), lowercase.
    static let grandfathered: [StaticString] = [
        "en-gb-oed", "i-ami", "i-bnn", "i-default", "i-enochian", "i-hak", "i-klingon", "i-lux",
        "i-mingo", "i-navajo", "i-pwn", "i-tao", "i-tay", "i-tsu", "sgn-be-fr", "sgn-be-nl", "sgn-ch-de",
        "art-lojban", "cel-gaulish", "no-bok", "no-nyn", "zh-guoyu", "zh-hakka", "zh-min", "zh-min-nan",
        "zh-xiang",
    ]

    /// For each first letter a–z, the lengths (as bits) of the grandfathered tags starting with
    /// it: most tags rule the list out with one load and one bit test, where comparing the
    /// lengths of all 26 was half the cost of checking a tag such as `en-US`.
    static let grandfatheredLengths: [UInt16] = {
        var lengths = [UInt16](repeating: 0, count: 26)
        for g in grandfathered {
            lengths[Int(g.utf8Start[0] &- UInt8(ascii: "a"))] |= 1 << g.utf8CodeUnitCount
        }
        return lengths
    }()

    static func isWellFormed(_ b: UnsafeRawBufferPointer) -> Bool {
        let end = b.count
        guard end > 0 else { return false }
        let letter = Int(b[0] | 0x20) &- Int(UInt8(ascii: "a"))
        if letter >= 0, letter < 26, end < 16, grandfatheredLengths[letter] & (1 << end) != 0 {
            for g in grandfathered where g.utf8CodeUnitCount == end && FormatBytes.hasPrefixIgnoringCase(b, 0, end, g) {
                return true
            }
        }

        // Phases: 0 after the language (extlangs allowed), 1 after extlangs, 2 after the
        // script, 3 after the region or a variant, 4 in extensions, 5 in the private use part.
        var phase = 0
        var languageLength = 0
        var extlangs = 0
        var awaitingExtensionSubtag = false
        var privateUseSubtags = 0
        var isFirst = true
        var start = 0
        while start <= end {
            // The next subtag: 1–8 ASCII letters and digits.
            var stop = start
            var letters = 0, digits = 0
            while stop < end, b[stop] != UInt8(ascii: "-") {
                let c = b[stop]
                if c.isASCIIAlpha { letters += 1 } else if c.isASCIIDigit { digits += 1 } else { return false }
                stop += 1
            }
            let n = stop - start
            guard n >= 1, n <= 8 else { return false }
            let allAlpha = letters == n, allDigits = digits == n
            let isX = n == 1 && b[start] | 0x20 == UInt8(ascii: "x")

            if isFirst {
                isFirst = false
                if isX {
                    phase = 5
                } else {
                    guard allAlpha, n >= 2 else { return false }  // language (2–8 letters)
                    languageLength = n
                }
            } else if phase == 5 {
                privateUseSubtags += 1
            } else if isX {
                guard !awaitingExtensionSubtag else { return false }
                phase = 5
            } else if n == 1 {
                guard !awaitingExtensionSubtag else { return false }
                phase = 4
                awaitingExtensionSubtag = true
            } else if phase == 4 {
                awaitingExtensionSubtag = false  // 2–8 alphanum
            } else if phase == 0, n == 3, allAlpha, languageLength <= 3, extlangs < 3 {
                extlangs += 1
            } else if phase <= 1, n == 4, allAlpha {
                phase = 2  // script
            } else if phase <= 2, (n == 2 && allAlpha) || (n == 3 && allDigits) {
                phase = 3  // region
            } else if n >= 5 || (n == 4 && b[start].isASCIIDigit) {
                phase = 3  // variant
            } else {
                return false
            }
            if stop == end { break }
            start = stop + 1
            if start == end { return false }  // trailing hyphen
        }
        if awaitingExtensionSubtag { return false }
        if phase == 5, privateUseSubtags == 0 { return false }
        return true
    }
}
