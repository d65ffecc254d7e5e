/// `hostname`: RFC 1123 §2.1 host names, with RFC 5890–5892 (IDNA2008) checks on A-labels.
///
/// - Labels of 1–63 ASCII letters, digits and hyphens, not starting or ending with a hyphen,
///   separated by single dots; 1–253 characters in all; no trailing dot (the
///   JSON-Schema-Test-Suite rejects `example.`). All-numeric labels are allowed (RFC 1123).
/// - A label starting with `xn--` (any case) must be a valid A-label: it must decode as Punycode
///   (RFC 3492) to a U-label that re-encodes to the same text, contains a non-ASCII character,
///   has no `--` in positions 3–4, does not start with a combining mark, and consists of
///   IDNA2008 PVALID code points (RFC 5892 derivation over this Swift runtime's Unicode
///   properties) plus CONTEXTJ/CONTEXTO code points whose RFC 5892 Appendix A rules hold.
/// - Not checked: NFC normalization of the U-label and the RFC 5893 Bidi rule (the Swift
///   standard library exposes no Bidi_Class or normalization API without Foundation).
/// - Other labels with `--` in positions 3–4 (reserved LDH labels) are valid RFC 1123 labels
///   and are accepted.
///
/// `email` reuses this for its domain, with U-labels (raw UTF-8, RFC 6532) allowed as well.
enum HostnameFormat {
    static func isHostname(_ b: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Bool {
        isDomain(b, start, end, allowUnicode: false)
    }

    /// Dot-separated labels in `b[start..<end]`. With `allowUnicode`, a label containing
    /// non-ASCII UTF-8 is checked as a U-label and measured by the length of its A-label.
    ///
    /// Most domains are ASCII letters, digits, hyphens and dots: they are taken in one pass, a
    /// table test per byte and the label rules at each dot (about half the cost of finding each
    /// label's end eight bytes at a time, labels being mostly shorter than that). Any other byte
    /// sends the whole domain to `generalDomain`.
    @inline(__always)
    static func isDomain(_ b: UnsafeRawBufferPointer, _ start: Int, _ end: Int, allowUnicode: Bool) -> Bool {
        guard start < end else { return false }
        let table = ByteClass.table
        var labelStart = start
        var i = start
        while i < end {
            let c = b[i]
            if table[Int(c)] & ByteClass.ldh != 0 {
                i &+= 1
            } else if c == UInt8(ascii: ".") {
                guard ldhLabel(b, labelStart, i) else { return false }  // also an empty label
                i &+= 1
                labelStart = i
            } else {
                return generalDomain(b, start, end, allowUnicode: allowUnicode)
            }
        }
        // A-label form is the text itself: its length, dots included, is at most 253.
        return ldhLabel(b, labelStart, end) && end &- start <= 253
    }

    /// `isDomain` for any bytes: labels found eight bytes at a time, U-labels where allowed.
    @inline(never)
    static func generalDomain(_ b: UnsafeRawBufferPointer, _ start: Int, _ end: Int, allowUnicode: Bool) -> Bool {
        guard start < end else { return false }
        var total = 0  // length in A-label (ASCII) form, dots included
        var labelStart = start
        while true {
            var i = ldhRunEnd(b, labelStart, end)
            let length: Int
            if i == end || b[i] == UInt8(ascii: ".") {
                guard ldhLabel(b, labelStart, i) else { return false }  // also rejects an empty label
                length = i &- labelStart
            } else {
                // Another byte: only a U-label (some non-ASCII UTF-8) can still be valid.
                var nonASCII = false
                while i < end, b[i] != UInt8(ascii: ".") {
                    if b[i] >= 0x80 { nonASCII = true }
                    i &+= 1
                }
                guard nonASCII, allowUnicode, let n = uLabelALabelLength(b, labelStart, i) else { return false }
                length = n
            }
            total &+= length &+ (labelStart == start ? 0 : 1)
            if total > 253 { return false }
            if i == end { return true }
            labelStart = i &+ 1
        }
    }

    /// The index of the first byte of `b[start..<end]` that is not an ASCII letter, digit or
    /// hyphen, or `end`: eight bytes per step (`nonLDH`), labels being mostly shorter than that.
    /// A tail shorter than eight bytes is read as the last eight bytes of the buffer, shifted.
    @inline(__always)
    private static func ldhRunEnd(_ b: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Int {
        guard let base = b.baseAddress else { return start }
        @inline(__always) func word(_ at: Int) -> UInt64 {
            UInt64(littleEndian: base.loadUnaligned(fromByteOffset: at, as: UInt64.self))
        }
        var i = start
        while end &- i >= 8 {
            let m = nonLDH(word(i))
            if m != 0 { return i &+ m.trailingZeroBitCount &>> 3 }
            i &+= 8
        }
        let left = end &- i
        if left == 0 { return i }
        if end >= 8 {
            // The bytes shifted in are zeros, which are not LDH: the result is at most `end`.
            let m = nonLDH(word(end &- 8) &>> UInt64(8 &* (8 &- left)))
            return i &+ min(m.trailingZeroBitCount &>> 3, left)
        }
        // A buffer shorter than a word.
        return ByteClass.runEnd(b, i, end, ByteClass.ldh, ByteClass.table)
    }

    /// Bit 7 of each byte of the result is set where that byte of `w` is not an ASCII letter,
    /// digit or hyphen (SWAR range tests on the low seven bits; bytes ≥ 0x80 are outside).
    @inline(__always)
    static func nonLDH(_ w: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        let low7 = w & ~high
        // Bit 7 of a byte of `x` (≤ 0x7F) set where it is ≥ `lo`: no carry crosses bytes.
        @inline(__always) func atLeast(_ x: UInt64, _ lo: UInt64) -> UInt64 { x &+ ones &* (0x80 &- lo) }
        let folded = low7 | ones &* 0x20  // ASCII letters to lowercase; nothing else lands in a-z
        let digit = atLeast(low7, 0x30) & ~atLeast(low7, 0x3A)
        let hyphen = atLeast(low7, 0x2D) & ~atLeast(low7, 0x2E)
        let letter = atLeast(folded, 0x61) & ~atLeast(folded, 0x7B)
        return (~(digit | hyphen | letter) | w) & high
    }

    /// An ASCII label whose bytes are all letters, digits and hyphens: 1–63 of them, no
    /// leading/trailing hyphen; `xn--` labels must be A-labels.
    @inline(__always)
    private static func ldhLabel(_ b: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Bool {
        let n = end - start
        guard n >= 1, n <= 63, b[start] != UInt8(ascii: "-"), b[end - 1] != UInt8(ascii: "-") else { return false }
        if n >= 4, b[start + 2] == UInt8(ascii: "-"), b[start + 3] == UInt8(ascii: "-"),
           FormatBytes.hasPrefixIgnoringCase(b, start, end, "xn--") {
            return IDNA.isALabel(b, start + 4, end)
        }
        return true
    }

    /// For a raw UTF-8 U-label: nil if invalid, else the length of its `xn--` A-label.
    /// (Kept out of line: its scratch buffers would otherwise weigh on every `isDomain` call.)
    @inline(never)
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

/// IDNA2008 label checks (RFC 5890, 5891 §5.4, 5892) and Punycode (RFC 3492).
enum IDNA {
    /// Whether the ASCII text after `xn--` is the Punycode of a valid U-label (and exactly its
    /// canonical encoding). Case-insensitive: the label is judged in lowercase.
    @inline(never)
    static func isALabel(_ b: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Bool {
        let n = end - start
        guard n >= 1, n <= 59 else { return false }
        return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { scalars -> Bool in
            guard let count = punycodeDecode(b, start, end, into: scalars) else { return false }
            // Host names are case-insensitive (RFC 4343): judge the lowercase form, so that
            // `XN--BCHER-KVA` is as valid as `xn--bcher-kva`.
            for k in 0..<count where scalars[k] < 0x80 {
                scalars[k] = UInt32(UInt8(truncatingIfNeeded: scalars[k]).asciiLowercased)
            }
            let label = UnsafeBufferPointer(rebasing: scalars[0..<count])
            guard isULabel(label) else { return false }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { out -> Bool in
                guard let m = punycodeEncode(label, into: out), m == n else { return false }
                for k in 0..<n where out[k] != b[start + k].asciiLowercased { return false }
                return true
            }
        }
    }

    /// RFC 5891 §5.4 / RFC 5892 checks on a label given as Unicode scalar values.
    static func isULabel(_ u: UnsafeBufferPointer<UInt32>) -> Bool {
        let n = u.count
        guard n >= 1 else { return false }
        let hyphen = UInt32(UInt8(ascii: "-"))
        if u[0] == hyphen || u[n - 1] == hyphen { return false }
        if n >= 4, u[2] == hyphen, u[3] == hyphen { return false }
        guard u.contains(where: { $0 >= 0x80 }) else { return false }
        guard let first = Unicode.Scalar(u[0]) else { return false }
        switch first.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return false
        default: break
        }
        var arabicIndic = false, extendedArabicIndic = false
        for i in 0..<n {
            let cp = u[i]
            switch status(cp) {
            case .pvalid:
                continue
            case .disallowed:
                return false
            case .contextJ:
                guard contextJ(u, i) else { return false }
            case .contextO:
                switch cp {
                case 0x0660...0x0669: arabicIndic = true
                case 0x06F0...0x06F9: extendedArabicIndic = true
                default: guard contextO(u, i) else { return false }
                }
            }
        }
        // ARABIC-INDIC DIGITS and EXTENDED ARABIC-INDIC DIGITS must not be mixed.
        return !(arabicIndic && extendedArabicIndic)
    }

    enum Status { case pvalid, contextJ, contextO, disallowed }

    /// RFC 5892 §3 derivation of a code point's IDNA2008 property (UNASSIGNED counts as
    /// disallowed for registration/lookup).
    static func status(_ cp: UInt32) -> Status {
        // F. Exceptions
        switch cp {
        case 0x00DF, 0x03C2, 0x06FD, 0x06FE, 0x0F0B, 0x3007: return .pvalid
        case 0x00B7, 0x0375, 0x05F3, 0x05F4, 0x30FB, 0x0660...0x0669, 0x06F0...0x06F9: return .contextO
        case 0x0640, 0x07FA, 0x302E, 0x302F, 0x3031...0x3035, 0x303B: return .disallowed
        default: break
        }
        guard let scalar = Unicode.Scalar(cp) else { return .disallowed }
        let p = scalar.properties
        if p.generalCategory == .unassigned { return .disallowed }  // J. Unassigned
        switch cp {
        case 0x2D, 0x30...0x39, 0x61...0x7A: return .pvalid  // H. LDH
        case 0x200C, 0x200D: return .contextJ  // H. JoinControl
        default: break
        }
        if p.changesWhenNFKCCaseFolded { return .disallowed }  // B. Unstable
        if p.isDefaultIgnorableCodePoint || p.isWhitespace || p.isNoncharacterCodePoint { return .disallowed }  // C.
        switch cp {
        case 0x20D0...0x20FF, 0x1D100...0x1D1FF, 0x1D200...0x1D24F: return .disallowed  // D. IgnorableBlocks
        case 0x1100...0x11FF, 0xA960...0xA97F, 0xD7B0...0xD7FF: return .disallowed  // G. OldHangulJamo
        default: break
        }
        switch p.generalCategory {  // A. LetterDigits
        case .lowercaseLetter, .uppercaseLetter, .otherLetter, .decimalNumber, .modifierLetter,
             .nonspacingMark, .spacingMark:
            return .pvalid
        default:
            return .disallowed
        }
    }

    /// RFC 5892 Appendix A.1 / A.2.
    private static func contextJ(_ u: UnsafeBufferPointer<UInt32>, _ i: Int) -> Bool {
        if i > 0, let before = Unicode.Scalar(u[i - 1]), before.properties.canonicalCombiningClass.rawValue == 9 {
            return true  // preceded by a Virama
        }
        guard u[i] == 0x200C else { return false }
        // (Joining_Type:{L,D})(Joining_Type:T)*\u200C(Joining_Type:T)*(Joining_Type:{R,D})
        var k = i - 1
        while k >= 0, joiningType(u[k]) == .t { k -= 1 }
        guard k >= 0 else { return false }
        let left = joiningType(u[k])
        guard left == .l || left == .d else { return false }
        k = i + 1
        while k < u.count, joiningType(u[k]) == .t { k += 1 }
        guard k < u.count else { return false }
        let right = joiningType(u[k])
        return right == .r || right == .d
    }

    /// RFC 5892 Appendix A.3–A.7 (A.8/A.9, the digit rules, are checked by the caller).
    private static func contextO(_ u: UnsafeBufferPointer<UInt32>, _ i: Int) -> Bool {
        let n = u.count
        switch u[i] {
        case 0x00B7:  // MIDDLE DOT: between two 'l'
            return i > 0 && i + 1 < n && u[i - 1] == 0x6C && u[i + 1] == 0x6C
        case 0x0375:  // GREEK LOWER NUMERAL SIGN (KERAIA): followed by Greek
            return i + 1 < n && inRanges(u[i + 1], greek)
        case 0x05F3, 0x05F4:  // HEBREW GERESH / GERSHAYIM: preceded by Hebrew
            return i > 0 && inRanges(u[i - 1], hebrew)
        case 0x30FB:  // KATAKANA MIDDLE DOT: some Hiragana, Katakana or Han in the label
            return u.contains { inRanges($0, hiragana) || inRanges($0, katakana) || inRanges($0, han) }
        default:
            return false
        }
    }

    enum JoiningType { case d, r, l, t, u }

    /// Joining_Type (ArabicShaping.txt): explicit D/R/L ranges; T for the unlisted Mn, Me and
    /// Cf characters; U otherwise. (Join_Causing never matters here: the characters that have
    /// it are not PVALID.)
    static func joiningType(_ cp: UInt32) -> JoiningType {
        if inRanges(cp, dualJoining) { return .d }
        if inRanges(cp, rightJoining) { return .r }
        if inRanges(cp, leftJoining) { return .l }
        if cp == 0x200C || cp == 0x200D { return .u }
        if let s = Unicode.Scalar(cp) {
            switch s.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .format: return .t
            default: break
            }
        }
        return .u
    }

    @inline(__always)
    static func inRanges(_ cp: UInt32, _ table: [ClosedRange<UInt32>]) -> Bool {
        var lo = 0
        var hi = table.count
        while lo < hi {
            let mid = (lo + hi) / 2
            let r = table[mid]
            if cp < r.lowerBound { hi = mid } else if cp > r.upperBound { lo = mid + 1 } else { return true }
        }
        return false
    }

    // MARK: Punycode (RFC 3492 §6)

    private static let base: UInt32 = 36, tMin: UInt32 = 1, tMax: UInt32 = 26
    private static let skew: UInt32 = 38, damp: UInt32 = 700
    private static let initialBias: UInt32 = 72, initialN: UInt32 = 0x80

    private static func adapt(_ delta: UInt32, _ numPoints: UInt32, _ firstTime: Bool) -> UInt32 {
        var delta = firstTime ? delta / damp : delta / 2
        delta += delta / numPoints
        var k: UInt32 = 0
        while delta > ((base - tMin) * tMax) / 2 {
            delta /= base - tMin
            k += base
        }
        return k + (base - tMin + 1) * delta / (delta + skew)
    }

    private static func digitValue(_ c: UInt8) -> UInt32? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(c - UInt8(ascii: "0")) + 26
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return UInt32(c - UInt8(ascii: "a"))
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return UInt32(c - UInt8(ascii: "A"))
        default: return nil
        }
    }

    @inline(__always)
    private static func digitChar(_ d: UInt32) -> UInt8 {
        d < 26 ? UInt8(truncatingIfNeeded: d) + UInt8(ascii: "a") : UInt8(truncatingIfNeeded: d - 26) + UInt8(ascii: "0")
    }

    /// Decodes ASCII Punycode in `b[start..<end]` into `out` (capacity ≥ 64). Returns the
    /// number of scalars, or nil for invalid input, overflow or a non-scalar value.
    static func punycodeDecode(_ b: UnsafeRawBufferPointer, _ start: Int, _ end: Int, into out: UnsafeMutableBufferPointer<UInt32>) -> Int? {
        var count = 0
        var basicEnd = start
        for k in stride(from: end - 1, through: start, by: -1) where b[k] == UInt8(ascii: "-") {
            basicEnd = k
            break
        }
        for k in start..<basicEnd {
            guard b[k] < 0x80, count < out.count else { return nil }
            out[count] = UInt32(b[k])
            count += 1
        }
        var n = initialN, i: UInt32 = 0, bias = initialBias
        var p = basicEnd > start ? basicEnd + 1 : start
        while p < end {
            let oldi = i
            var w: UInt32 = 1
            var k = base
            while true {
                guard p < end, let digit = digitValue(b[p]) else { return nil }
                p += 1
                let (dw, o1) = digit.multipliedReportingOverflow(by: w)
                guard !o1 else { return nil }
                let (ni, o2) = i.addingReportingOverflow(dw)
                guard !o2 else { return nil }
                i = ni
                let t = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
                if digit < t { break }
                let (nw, o3) = w.multipliedReportingOverflow(by: base - t)
                guard !o3 else { return nil }
                w = nw
                k += base
            }
            let points = UInt32(count + 1)
            bias = adapt(i - oldi, points, oldi == 0)
            let (nn, o4) = n.addingReportingOverflow(i / points)
            guard !o4, nn <= 0x10FFFF, !(0xD800...0xDFFF).contains(nn), nn >= 0x80 else { return nil }
            n = nn
            i %= points
            guard count < out.count else { return nil }
            let at = Int(i)
            var m = count
            while m > at { out[m] = out[m - 1]; m -= 1 }
            out[at] = n
            count += 1
            i += 1
        }
        return count
    }

    /// Encodes scalars as lowercase Punycode into `out` (capacity ≥ 64). Returns the number of
    /// bytes, or nil if the result would not fit in `out`.
    static func punycodeEncode(_ u: UnsafeBufferPointer<UInt32>, into out: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        var length = 0
        for cp in u where cp < 0x80 {
            guard length < out.count else { return nil }
            out[length] = UInt8(truncatingIfNeeded: cp)
            length += 1
        }
        let basicCount = length
        var handled = basicCount
        if basicCount > 0 {
            guard length < out.count else { return nil }
            out[length] = UInt8(ascii: "-")
            length += 1
        }
        var n = initialN, delta: UInt32 = 0, bias = initialBias
        while handled < u.count {
            var m = UInt32.max
            for cp in u where cp >= n && cp < m { m = cp }
            let (d1, o1) = (m - n).multipliedReportingOverflow(by: UInt32(handled + 1))
            guard !o1 else { return nil }
            let (d2, o2) = delta.addingReportingOverflow(d1)
            guard !o2 else { return nil }
            delta = d2
            n = m
            for cp in u {
                if cp < n {
                    let (d3, o3) = delta.addingReportingOverflow(1)
                    guard !o3 else { return nil }
                    delta = d3
                }
                if cp == n {
                    var q = delta
                    var k = base
                    while true {
                        let t = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
                        if q < t { break }
                        guard length < out.count else { return nil }
                        out[length] = digitChar(t + (q - t) % (base - t))
                        length += 1
                        q = (q - t) / (base - t)
                        k += base
                    }
                    guard length < out.count else { return nil }
                    out[length] = digitChar(q)
                    length += 1
                    bias = adapt(delta, UInt32(handled + 1), handled == basicCount)
                    delta = 0
                    handled += 1
                }
            }
            delta += 1
            n += 1
        }
        return length
    }

    // MARK: Unicode tables
    // Generated once from Perl's Unicode::UCD (Unicode 14.0.0) with
    //   perl -MUnicode::UCD=prop_invlist -e '...prop_invlist("Joining_Type=Dual_Joining")...'
    // (likewise Right_Joining, Left_Joining, Script=Greek/Hebrew/Hiragana/Katakana/Han);
    // Han is extended by hand with CJK Extensions H (15.0) and I (15.1).

    static let dualJoining: [ClosedRange<UInt32>] = [
        0x0620...0x0620, 0x0626...0x0626, 0x0628...0x0628, 0x062A...0x062E, 0x0633...0x063F,
        0x0641...0x0647, 0x0649...0x064A, 0x066E...0x066F, 0x0678...0x0687, 0x069A...0x06BF,
        0x06C1...0x06C2, 0x06CC...0x06CC, 0x06CE...0x06CE, 0x06D0...0x06D1, 0x06FA...0x06FC,
        0x06FF...0x06FF, 0x0712...0x0714, 0x071A...0x071D, 0x071F...0x0727, 0x0729...0x0729,
        0x072B...0x072B, 0x072D...0x072E, 0x074E...0x0758, 0x075C...0x076A, 0x076D...0x0770,
        0x0772...0x0772, 0x0775...0x0777, 0x077A...0x077F, 0x07CA...0x07EA, 0x0841...0x0845,
        0x0848...0x0848, 0x084A...0x0853, 0x0855...0x0855, 0x0860...0x0860, 0x0862...0x0865,
        0x0868...0x0868, 0x0886...0x0886, 0x0889...0x088D, 0x08A0...0x08A9, 0x08AF...0x08B0,
        0x08B3...0x08B8, 0x08BA...0x08C8, 0x1807...0x1807, 0x1820...0x1878, 0x1887...0x18A8,
        0x18AA...0x18AA, 0xA840...0xA871, 0x10AC0...0x10AC4, 0x10AD3...0x10AD6, 0x10AD8...0x10ADC,
        0x10ADE...0x10AE0, 0x10AEB...0x10AEE, 0x10B80...0x10B80, 0x10B82...0x10B82, 0x10B86...0x10B88,
        0x10B8A...0x10B8B, 0x10B8D...0x10B8D, 0x10B90...0x10B90, 0x10BAD...0x10BAE, 0x10D01...0x10D21,
        0x10D23...0x10D23, 0x10F30...0x10F32, 0x10F34...0x10F44, 0x10F51...0x10F53, 0x10F70...0x10F73,
        0x10F76...0x10F81, 0x10FB0...0x10FB0, 0x10FB2...0x10FB3, 0x10FB8...0x10FB8, 0x10FBB...0x10FBC,
        0x10FBE...0x10FBF, 0x10FC1...0x10FC1, 0x10FC4...0x10FC4, 0x10FCA...0x10FCA, 0x1E900...0x1E943,
    ]

    static let rightJoining: [ClosedRange<UInt32>] = [
        0x0622...0x0625, 0x0627...0x0627, 0x0629...0x0629, 0x062F...0x0632, 0x0648...0x0648,
        0x0671...0x0673, 0x0675...0x0677, 0x0688...0x0699, 0x06C0...0x06C0, 0x06C3...0x06CB,
        0x06CD...0x06CD, 0x06CF...0x06CF, 0x06D2...0x06D3, 0x06D5...0x06D5, 0x06EE...0x06EF,
        0x0710...0x0710, 0x0715...0x0719, 0x071E...0x071E, 0x0728...0x0728, 0x072A...0x072A,
        0x072C...0x072C, 0x072F...0x072F, 0x074D...0x074D, 0x0759...0x075B, 0x076B...0x076C,
        0x0771...0x0771, 0x0773...0x0774, 0x0778...0x0779, 0x0840...0x0840, 0x0846...0x0847,
        0x0849...0x0849, 0x0854...0x0854, 0x0856...0x0858, 0x0867...0x0867, 0x0869...0x086A,
        0x0870...0x0882, 0x088E...0x088E, 0x08AA...0x08AC, 0x08AE...0x08AE, 0x08B1...0x08B2,
        0x08B9...0x08B9, 0x10AC5...0x10AC5, 0x10AC7...0x10AC7, 0x10AC9...0x10ACA, 0x10ACE...0x10AD2,
        0x10ADD...0x10ADD, 0x10AE1...0x10AE1, 0x10AE4...0x10AE4, 0x10AEF...0x10AEF, 0x10B81...0x10B81,
        0x10B83...0x10B85, 0x10B89...0x10B89, 0x10B8C...0x10B8C, 0x10B8E...0x10B8F, 0x10B91...0x10B91,
        0x10BA9...0x10BAC, 0x10D22...0x10D22, 0x10F33...0x10F33, 0x10F54...0x10F54, 0x10F74...0x10F75,
        0x10FB4...0x10FB6, 0x10FB9...0x10FBA, 0x10FBD...0x10FBD, 0x10FC2...0x10FC3, 0x10FC9...0x10FC9,
    ]

    static let leftJoining: [ClosedRange<UInt32>] = [
        0xA872...0xA872, 0x10ACD...0x10ACD, 0x10AD7...0x10AD7, 0x10D00...0x10D00, 0x10FCB...0x10FCB,
    ]

    static let greek: [ClosedRange<UInt32>] = [
        0x0370...0x0373, 0x0375...0x0377, 0x037A...0x037D, 0x037F...0x037F, 0x0384...0x0384,
        0x0386...0x0386, 0x0388...0x038A, 0x038C...0x038C, 0x038E...0x03A1, 0x03A3...0x03E1,
        0x03F0...0x03FF, 0x1D26...0x1D2A, 0x1D5D...0x1D61, 0x1D66...0x1D6A, 0x1DBF...0x1DBF,
        0x1F00...0x1F15, 0x1F18...0x1F1D, 0x1F20...0x1F45, 0x1F48...0x1F4D, 0x1F50...0x1F57,
        0x1F59...0x1F59, 0x1F5B...0x1F5B, 0x1F5D...0x1F5D, 0x1F5F...0x1F7D, 0x1F80...0x1FB4,
        0x1FB6...0x1FC4, 0x1FC6...0x1FD3, 0x1FD6...0x1FDB, 0x1FDD...0x1FEF, 0x1FF2...0x1FF4,
        0x1FF6...0x1FFE, 0x2126...0x2126, 0xAB65...0xAB65, 0x10140...0x1018E, 0x101A0...0x101A0,
        0x1D200...0x1D245,
    ]

    static let hebrew: [ClosedRange<UInt32>] = [
        0x0591...0x05C7, 0x05D0...0x05EA, 0x05EF...0x05F4, 0xFB1D...0xFB36, 0xFB38...0xFB3C,
        0xFB3E...0xFB3E, 0xFB40...0xFB41, 0xFB43...0xFB44, 0xFB46...0xFB4F,
    ]

    static let hiragana: [ClosedRange<UInt32>] = [
        0x3041...0x3096, 0x309D...0x309F, 0x1B001...0x1B11F, 0x1B150...0x1B152, 0x1F200...0x1F200,
    ]

    static let katakana: [ClosedRange<UInt32>] = [
        0x30A1...0x30FA, 0x30FD...0x30FF, 0x31F0...0x31FF, 0x32D0...0x32FE, 0x3300...0x3357,
        0xFF66...0xFF6F, 0xFF71...0xFF9D, 0x1AFF0...0x1AFF3, 0x1AFF5...0x1AFFB, 0x1AFFD...0x1AFFE,
        0x1B000...0x1B000, 0x1B120...0x1B122, 0x1B164...0x1B167,
    ]

    static let han: [ClosedRange<UInt32>] = [
        0x2E80...0x2E99, 0x2E9B...0x2EF3, 0x2F00...0x2FD5, 0x3005...0x3005, 0x3007...0x3007,
        0x3021...0x3029, 0x3038...0x303B, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFA6D,
        0xFA70...0xFAD9, 0x16FE2...0x16FE3, 0x16FF0...0x16FF1, 0x20000...0x2A6DF, 0x2A700...0x2B738,
        0x2B740...0x2B81D, 0x2B820...0x2CEA1, 0x2CEB0...0x2EBE0, 0x2EBF0...0x2EE5D, 0x2F800...0x2FA1D,
        0x30000...0x3134A, 0x31350...0x323AF,
    ]
}
