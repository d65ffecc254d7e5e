import JSONStream

/// The string formats the validator's `format` keyword understands.
///
/// Raw values are the names used in rule files (`format: date-time`).
public enum FormatName: String, Sendable, CaseIterable {
    case email
    case idnEmail = "idn-email"
    case uri
    case uriReference = "uri-reference"
    case uuid
    case dateTime = "date-time"
    case date
    case time
    case ipv4
    case ipv6
    case hostname
    case imageDataURI = "image-data-uri"
    case countryCode = "iso3166-alpha2"
    case languageTag = "bcp47"
    case timeZone = "iana-time-zone"
}

/// Strict, allocation-free checkers for `FormatName`.
///
/// Every checker works on the decoded UTF-8 bytes of a JSON string value, runs in time linear
/// in its length, and never reads anything at run time (all tables are compiled in).
public enum FormatChecker {
    /// Whether the decoded UTF-8 bytes of a string conform to the format.
    ///
    /// Bytes that are not well-formed UTF-8 never conform.
    @inline(__always)
    public static func check(_ format: FormatName, _ utf8: UnsafeRawBufferPointer) -> Bool {
        switch format {
        case .email, .idnEmail: return EmailFormat.isAddrSpec(utf8)
        case .uri: return URIFormat.isURI(utf8)
        case .uriReference: return URIFormat.isURIReference(utf8)
        case .uuid: return UUIDFormat.isUUID(utf8)
        case .dateTime: return DateTimeFormat.isDateTime(utf8)
        case .date: return DateTimeFormat.isFullDate(utf8)
        case .time: return DateTimeFormat.isFullTime(utf8)
        case .ipv4: return IPFormat.isIPv4(utf8, 0, utf8.count)
        case .ipv6: return IPFormat.isIPv6(utf8, 0, utf8.count)
        case .hostname: return HostnameFormat.isHostname(utf8, 0, utf8.count)
        case .imageDataURI: return DataURIFormat.isImageDataURI(utf8)
        case .countryCode: return CountryCodes.isAssigned(utf8)
        case .languageTag: return LanguageTag.isWellFormed(utf8)
        case .timeZone: return TimeZoneNames.contains(utf8)
        }
    }

    /// Whether a string conforms to the format.
    public static func check(_ format: FormatName, _ s: String) -> Bool {
        var s = s
        return s.withUTF8 { check(format, UnsafeRawBufferPointer($0)) }
    }

    /// A short human description used in messages, e.g. "an RFC 5322 email address (addr-spec)".
    public static func describe(_ format: FormatName) -> String {
        switch format {
        case .email: "an RFC 5322 email address (addr-spec)"
        case .idnEmail: "an RFC 6531 internationalized email address (addr-spec)"
        case .uri: "an absolute RFC 3986 URI"
        case .uriReference: "an RFC 3986 URI reference"
        case .uuid: "an RFC 4122 UUID (8-4-4-4-12 hex digits)"
        case .dateTime: "an RFC 3339 date-time"
        case .date: "an RFC 3339 full-date (YYYY-MM-DD)"
        case .time: "an RFC 3339 full-time (HH:MM:SS with offset)"
        case .ipv4: "an IPv4 address in dotted-quad form"
        case .ipv6: "an RFC 4291 IPv6 address"
        case .hostname: "an RFC 1123 host name"
        case .imageDataURI: "a base64 image data URI (data:image/png|jpg|jpeg|gif;base64,…)"
        case .countryCode: "an ISO 3166-1 alpha-2 country code"
        case .languageTag: "a BCP 47 language tag"
        case .timeZone: "an IANA time zone name"
        }
    }
}

// MARK: - Byte helpers shared by the format checkers

extension UInt8 {
    @inline(__always) var isASCIIDigit: Bool { self &- 0x30 < 10 }
    @inline(__always) var isASCIIAlpha: Bool { (self | 0x20) &- 0x61 < 26 }
    @inline(__always) var isASCIIAlnum: Bool { isASCIIDigit || isASCIIAlpha }
    @inline(__always) var isASCIIHexDigit: Bool { isASCIIDigit || (self | 0x20) &- 0x61 < 6 }
    @inline(__always) var asciiLowercased: UInt8 { self &- 0x41 < 26 ? self | 0x20 : self }
}

enum FormatBytes {
    /// Decodes one well-formed UTF-8 scalar starting at `i` (which must be `< end`).
    /// Returns the scalar value and the index after it, or nil for ill-formed input
    /// (overlong forms, surrogates, values above U+10FFFF, truncated sequences).
    @inline(__always)
    static func decodeScalar(_ b: UnsafeRawBufferPointer, _ i: Int, _ end: Int) -> (value: UInt32, next: Int)? {
        let b0 = b[i]
        if b0 < 0x80 { return (UInt32(b0), i + 1) }
        @inline(__always) func cont(_ k: Int) -> UInt32? {
            guard k < end else { return nil }
            let c = b[k]
            return c & 0xC0 == 0x80 ? UInt32(c & 0x3F) : nil
        }
        switch b0 {
        case 0xC2...0xDF:
            guard let c1 = cont(i + 1) else { return nil }
            return (UInt32(b0 & 0x1F) << 6 | c1, i + 2)
        case 0xE0...0xEF:
            guard let c1 = cont(i + 1), let c2 = cont(i + 2) else { return nil }
            let v = UInt32(b0 & 0x0F) << 12 | c1 << 6 | c2
            guard v >= 0x800, !(0xD800...0xDFFF).contains(v) else { return nil }
            return (v, i + 3)
        case 0xF0...0xF4:
            guard let c1 = cont(i + 1), let c2 = cont(i + 2), let c3 = cont(i + 3) else { return nil }
            let v = UInt32(b0 & 0x07) << 18 | c1 << 12 | c2 << 6 | c3
            guard v >= 0x10000, v <= 0x10FFFF else { return nil }
            return (v, i + 4)
        default:
            return nil
        }
    }

    /// Case-insensitive comparison of `b[start..<start+literal.count]` with an ASCII literal
    /// given in lowercase.
    @inline(__always)
    static func hasPrefixIgnoringCase(_ b: UnsafeRawBufferPointer, _ start: Int, _ end: Int, _ lowercaseLiteral: StaticString) -> Bool {
        let n = lowercaseLiteral.utf8CodeUnitCount
        guard end - start >= n else { return false }
        let lit = lowercaseLiteral.utf8Start
        for k in 0..<n where b[start + k].asciiLowercased != lit[k] { return false }
        return true
    }

    /// Exact comparison of `b[start..<start+literal.count]` with an ASCII literal.
    @inline(__always)
    static func hasPrefix(_ b: UnsafeRawBufferPointer, _ start: Int, _ end: Int, _ literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard end - start >= n else { return false }
        let lit = literal.utf8Start
        for k in 0..<n where b[start + k] != lit[k] { return false }
        return true
    }
}

extension TimeZoneNames {
    /// Exact (case-sensitive) membership: one hash, one probe run, one byte comparison (a binary
    /// search took about ten comparisons, 700 instructions per value); no allocation.
    static func contains(_ b: UnsafeRawBufferPointer) -> Bool {
        let (slots, mask) = index
        var i = Int(truncatingIfNeeded: hash(b)) & mask
        while true {
            let k = Int(slots[i])
            if k < 0 { return false }
            let name = sorted[k]
            if name.utf8CodeUnitCount == b.count,
               b.isEmpty || (b.baseAddress.map { memcmpBytes(name.utf8Start, $0, b.count) } ?? false)
            {
                return true
            }
            i = (i + 1) & mask
        }
    }

    /// Open addressing over `sorted` (index per slot, -1 empty), at most half full.
    private static let index: (slots: [Int32], mask: Int) = {
        var size = 1
        while size < sorted.count * 2 { size *= 2 }
        var slots = [Int32](repeating: -1, count: size)
        for (k, name) in sorted.enumerated() {
            var i = Int(truncatingIfNeeded: hash(UnsafeRawBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)))
                & (size - 1)
            while slots[i] >= 0 { i = (i + 1) & (size - 1) }
            slots[i] = Int32(k)
        }
        return (slots, size - 1)
    }()

    /// The length and the first, middle and last eight bytes, mixed (multiply and fold). Not
    /// keyed, unlike the reader's `nameHash` (which cost some 110 instructions per name, its key
    /// behind a lazy global and the tail byte by byte): the table is fixed, and a value can only
    /// make its own probe run longer. Words overlap for names of 8–23 bytes; shorter ones are
    /// gathered byte by byte.
    @inline(__always)
    private static func hash(_ b: UnsafeRawBufferPointer) -> UInt64 {
        let n = b.count
        @inline(__always) func mix(_ h: UInt64, _ w: UInt64) -> UInt64 {
            let (high, low) = (h ^ w).multipliedFullWidth(by: 0x9E37_79B9_7F4A_7C15)
            return high ^ low
        }
        guard n >= 8 else {
            var w: UInt64 = 0
            for i in 0..<n { w |= UInt64(b[i]) &<< (UInt64(i) &* 8) }
            return mix(UInt64(n), w)
        }
        let first = UInt64(littleEndian: b.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
        let middle = UInt64(littleEndian: b.loadUnaligned(fromByteOffset: (n &- 8) &>> 1, as: UInt64.self))
        let last = UInt64(littleEndian: b.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self))
        return mix(mix(mix(UInt64(n), first), middle), last)
    }
}
