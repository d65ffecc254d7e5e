/// The string keywords that need the decoded bytes: pattern, format, notBlank, forbidden,
/// forbidControl, mediaType, accepts. A pure function of the node and the bytes, so that it can
/// run inside the reader's borrow of its buffer.
enum StringContentCheck {
    enum Finding: Sendable {
        case patternMismatch(String)
        case regexLimit(String)
        case formatMismatch(String)
        case blank
        case forbidden(String, characterOffset: Int)
        case control(UInt32, characterOffset: Int)
        case mediaType(String)
        case notAcceptable(String)
    }

    /// What the string `bytes` breaks of `node`'s string keywords, appended to `out` (the
    /// validator passes an empty array it keeps: a returned empty array was still released once
    /// per checked string).
    @inline(__always)
    static func run(_ node: CompiledNode, _ bytes: UnsafeRawBufferPointer, into out: inout [Finding]) {
        if let regex = node.regexRef {
            switch regex._withUnsafeGuaranteedRef({ $0.matches(bytes) }) {
            case .match: break
            case .noMatch: out.append(.patternMismatch(preview(bytes)))
            case .limitExceeded(let reason): out.append(.regexLimit(reason))
            }
        }
        if let format = node.format, !FormatChecker.check(format, bytes) {
            out.append(.formatMismatch(preview(bytes)))
        }
        // Most values start with a visible ASCII character, which decides it without a call.
        if node.notBlank, !startsVisibleASCII(bytes), isBlank(bytes) { out.append(.blank) }
        if node.hasRareContentChecks { rareFindings(node, bytes, into: &out) }
    }

    /// `forbidden`, `forbidControl`, `mediaType`, `accepts`.
    @inline(never)
    static func rareFindings(_ node: CompiledNode, _ bytes: UnsafeRawBufferPointer, into out: inout [Finding]) {
        if !node.forbidden.isEmpty { forbiddenFindings(node, bytes, into: &out) }
        if node.forbidControl, let (scalar, at) = firstControl(bytes) {
            out.append(.control(scalar, characterOffset: at))
        }
        if let wanted = node.mediaType {
            let text = String(decoding: bytes, as: UTF8.self)
            if !MediaType.names(text, wanted) { out.append(.mediaType(text)) }
        }
        if let wanted = node.accepts {
            let text = String(decoding: bytes, as: UTF8.self)
            if !MediaType.accepts(text, wanted) { out.append(.notAcceptable(text)) }
        }
    }

    /// `forbidden`: each listed text found in the value (out of line: most nodes list none, and
    /// iterating the empty list still retained it).
    @inline(never)
    static func forbiddenFindings(_ node: CompiledNode, _ bytes: UnsafeRawBufferPointer, into out: inout [Finding]) {
        for needle in node.forbidden {
            if let at = find(needle, in: bytes) {
                out.append(.forbidden(String(decoding: needle, as: UTF8.self), characterOffset: scalars(bytes, upTo: at)))
            }
        }
    }

    /// The value quoted for a message, cut at 60 characters.
    static func preview(_ bytes: UnsafeRawBufferPointer) -> String {
        // 61 characters take at most 61 × 4 bytes unless they carry many combining marks: decode
        // a bounded prefix (a 200 KB avatar used to be decoded and counted whole), cut before a
        // scalar's first byte so that nothing is repaired into U+FFFD.
        var cut = min(bytes.count, 1024)
        while cut < bytes.count, cut > 0, bytes[cut] & 0xC0 == 0x80 { cut -= 1 }
        let head = UnsafeRawBufferPointer(rebasing: bytes[..<cut])
        let text = String(decoding: head, as: UTF8.self)
        // At most 60 characters: whether the 61st exists (counting every character of a
        // kilobyte-long value took some 6,000 instructions per finding).
        if head.count == bytes.count, text.dropFirst(60).isEmpty { return quoted(text) }
        return quoted(String(text.prefix(57)) + "…")
    }

    /// True when the source text of a string (escapes not decoded; the reader has validated it)
    /// shows an ASCII character that is not white space outside its escapes: the string is then
    /// not blank, whatever the escapes and non-ASCII characters around it are. False when that
    /// takes decoding to tell. (Stopping at the first escape or non-ASCII byte sent every name
    /// that starts with one, `"\u00C9mile"` or `"Ünïcödé"`, through a decoding.)
    static func clearlyNotBlank(_ source: UnsafeRawBufferPointer) -> Bool {
        let n = source.count
        var i = 0
        while i < n {
            let byte = source[i]
            if byte == UInt8(ascii: "\\") {
                // `\uXXXX` or a two-byte escape: what it encodes may be white space.
                i += i + 1 < n && source[i + 1] == UInt8(ascii: "u") ? 6 : 2
                continue
            }
            if byte >= 0x80 || byte == 0x20 || (0x09...0x0D).contains(byte) {
                i += 1
                continue
            }
            return true
        }
        return false
    }

    /// Whether the first byte is an ASCII character other than white space (and so the string
    /// is not blank).
    @inline(__always)
    static func startsVisibleASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let first = bytes.first else { return false }
        return first < 0x80 && first != 0x20 && !(0x09...0x0D).contains(first)
    }

    static func isBlank(_ bytes: UnsafeRawBufferPointer) -> Bool {
        // Fast path: any ASCII byte other than space, tab, LF, VT, FF, CR decides it.
        var onlyASCII = true
        for byte in bytes {
            if byte >= 0x80 { onlyASCII = false; continue }
            if byte != 0x20 && !(0x09...0x0D).contains(byte) { return false }
        }
        if onlyASCII { return true }
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars
        where !scalar.properties.isWhitespace {
            return false
        }
        return true
    }

    static func find(_ needle: [UInt8], in hay: UnsafeRawBufferPointer) -> Int? {
        guard !needle.isEmpty, needle.count <= hay.count else { return nil }
        let first = needle[0]
        var i = 0
        while i + needle.count <= hay.count {
            if hay[i] == first {
                var j = 1
                while j < needle.count && hay[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    /// First C0 control character, DEL or U+0000, with its character offset.
    static func firstControl(_ bytes: UnsafeRawBufferPointer) -> (UInt32, Int)? {
        var chars = 0
        for b in bytes {
            if b < 0x20 || b == 0x7F { return (UInt32(b), chars) }
            if b & 0xC0 != 0x80 { chars += 1 }
        }
        return nil
    }

    static func scalars(_ bytes: UnsafeRawBufferPointer, upTo end: Int) -> Int {
        var n = 0
        for i in 0..<end where bytes[i] & 0xC0 != 0x80 { n += 1 }
        return n
    }
}

/// Media types in `Content-Type` and `Accept` headers (RFC 9110 §8.3, §12.5.1).
///
/// JSON:API (`application/vnd.api+json`, v1.1 "Content Negotiation") allows no media type
/// parameters but `ext` and `profile`: a `Content-Type` with others is a 415, and an `Accept`
/// range of the JSON:API type with others does not count.
enum MediaType {
    static let jsonAPI = "application/vnd.api+json"

    /// `type/subtype` (lowercased) and the parameter names (lowercased).
    static func parse(_ text: String) -> (essence: String, parameters: [String]) {
        let parts = text.split(separator: ";", omittingEmptySubsequences: false)
        let essence = (parts.first.map(String.init) ?? "").trimmingSpaces().lowercased()
        let names = parts.dropFirst().map {
            ($0.split(separator: "=", maxSplits: 1).first.map(String.init) ?? "").trimmingSpaces().lowercased()
        }
        return (essence, names)
    }

    static func essence(_ text: String) -> String { parse(text).essence }

    /// Whether a `Content-Type` names `expected`.
    static func names(_ header: String, _ expected: String) -> Bool {
        let (essence, parameters) = parse(header)
        let wanted = self.essence(expected)
        guard essence == wanted else { return false }
        if wanted == jsonAPI { return parameters.allSatisfy { $0 == "ext" || $0 == "profile" } }
        return true
    }

    /// Whether an `Accept` header allows `type`: some range with q > 0 matches it
    /// (`type/subtype`, `type/*`, `*/*`).
    static func accepts(_ header: String, _ type: String) -> Bool {
        let wanted = essence(type)
        let wantedMain = wanted.split(separator: "/").first.map(String.init) ?? wanted
        for range in header.split(separator: ",") {
            let parts = range.split(separator: ";").map { $0.trimmingSpaces() }
            guard let name = parts.first?.lowercased(), !name.isEmpty else { continue }
            var q = 1.0
            var others = false
            for p in parts.dropFirst() {
                let key = (p.split(separator: "=", maxSplits: 1).first.map(String.init) ?? "").trimmingSpaces().lowercased()
                if key == "q" {
                    q = Double(p.split(separator: "=", maxSplits: 1).last.map { String($0).trimmingSpaces() } ?? "1") ?? 1.0
                } else if key != "ext" && key != "profile" {
                    others = true
                }
            }
            guard q > 0 else { continue }
            if name == wanted && wanted == jsonAPI && others { continue }
            if name == "*/*" || name == wanted || name == wantedMain + "/*" { return true }
        }
        return false
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs (no Foundation in the library's core).
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
