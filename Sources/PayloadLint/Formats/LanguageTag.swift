/// `bcp47`: a well-formed RFC 5646 language tag (§2.1 ABNF), case-insensitive:
///
///     langtag   = language ["-" script] ["-" region] *("-" variant) *("-" extension) ["-" privateuse]
///     language  = 2*3ALPHA ["-" extlang] / 4ALPHA / 5*8ALPHA;  extlang = 3ALPHA *2("-" 3ALPHA)
///     script    = 4ALPHA;  region = 2ALPHA / 3DIGIT;  variant = 5*8alphanum / (DIGIT 3alphanum)
///     extension = singleton 1*("-" 2*8alphanum);  privateuse = "x" 1*("-" 1*8alphanum)
///
/// plus a bare `privateuse` tag and the 26 grandfathered tags. Well-formedness only: subtags
/// are not looked up in the IANA registry, and repeated variants or singletons (a "validity"
/// matter, §2.2.9) are not rejected.
enum LanguageTag {
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
        // The common shapes, a language alone or with a region (`de`, `de-DE`), are well-formed
        // on sight: the general walk below took some 190 instructions for `de-DE`.
        if end == 5, b[2] == UInt8(ascii: "-"),
           b[0].isASCIIAlpha, b[1].isASCIIAlpha, b[3].isASCIIAlpha, b[4].isASCIIAlpha
        {
            return true
        }
        if end == 2, b[0].isASCIIAlpha, b[1].isASCIIAlpha { return true }
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
