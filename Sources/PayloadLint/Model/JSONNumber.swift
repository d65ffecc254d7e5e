/// A JSON number kept exactly as written, compared by value.
///
/// JSON numbers are decimal text of any length; going through `Double` would make
/// `12345678901234567890 == 12345678901234567891` and `0.1 * 3 != 0.3`. The value is stored as
/// `sign × digits × 10^exponent`, with `digits` free of leading and trailing zeros, so `1`, `1.0`,
/// `10e-1` and `0.1e1` are the same number and compare equal.
public struct JSONNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// ASCII digits '0'...'9' of the significand, no leading or trailing zeros; empty for zero.
    public private(set) var digits: [UInt8]
    public private(set) var exponent: Int
    public private(set) var isNegative: Bool
    /// The text as it appeared in the input (for messages).
    public let text: String

    /// Parses RFC 8259 number text (`-12.5e+3`). Returns nil for anything else.
    public init?(_ text: String) {
        var utf8 = Array(text.utf8)
        guard let parsed = JSONNumber.parse(&utf8) else { return nil }
        self.digits = parsed.digits
        self.exponent = parsed.exponent
        self.isNegative = parsed.negative
        self.text = text
    }

    /// Parses number text given as UTF-8 bytes.
    public init?(bytes: some Collection<UInt8>) {
        var utf8 = Array(bytes)
        guard let parsed = JSONNumber.parse(&utf8) else { return nil }
        self.digits = parsed.digits
        self.exponent = parsed.exponent
        self.isNegative = parsed.negative
        self.text = String(decoding: utf8, as: UTF8.self)
    }

    /// An integer.
    public init(_ value: Int) {
        // `Int.min` has no positive counterpart; its text is still exact.
        self.init(String(value))!  // swiftlint:disable:this force_unwrapping — decimal text of an Int always parses
    }

    public var isZero: Bool { digits.isEmpty }
    /// True when the value has no fractional part (`1.0`, `1e3`; not `1.5`).
    public var isInteger: Bool { digits.isEmpty || exponent >= 0 }

    /// The value as a Double (approximate; for messages and for huge divisors only).
    public var doubleValue: Double { Double(text) ?? (isNegative ? -.infinity : .infinity) }

    /// The value as an Int when it is an integer that fits.
    public var intValue: Int? {
        guard isInteger else { return nil }
        if digits.isEmpty { return 0 }
        guard digits.count + exponent <= 19 else { return nil }
        var v = 0
        for d in digits {
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int(d &- 48))
            if o1 || o2 { return nil }
            v = a
        }
        for _ in 0..<exponent {
            let (m, o) = v.multipliedReportingOverflow(by: 10)
            if o { return nil }
            v = m
        }
        return isNegative ? -v : v
    }

    public var description: String { text }

    public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        lhs.isNegative == rhs.isNegative && lhs.exponent == rhs.exponent && lhs.digits == rhs.digits
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(isNegative)
        hasher.combine(exponent)
        hasher.combine(digits)
    }

    public static func < (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        if lhs.isZero && rhs.isZero { return false }
        if lhs.isZero { return !rhs.isNegative }
        if rhs.isZero { return lhs.isNegative }
        if lhs.isNegative != rhs.isNegative { return lhs.isNegative }
        let magnitudeLess = compareMagnitude(lhs, rhs) < 0
        let magnitudeGreater = compareMagnitude(lhs, rhs) > 0
        return lhs.isNegative ? magnitudeGreater : magnitudeLess
    }

    /// -1, 0, 1 comparing |a| and |b|, both non-zero.
    private static func compareMagnitude(_ a: JSONNumber, _ b: JSONNumber) -> Int {
        // Position of the most significant digit.
        let ma = a.digits.count + a.exponent
        let mb = b.digits.count + b.exponent
        if ma != mb { return ma < mb ? -1 : 1 }
        let n = max(a.digits.count, b.digits.count)
        for i in 0..<n {
            let da = i < a.digits.count ? a.digits[i] : 48
            let db = i < b.digits.count ? b.digits[i] : 48
            if da != db { return da < db ? -1 : 1 }
        }
        return 0
    }

    /// Whether `self` is an integer multiple of `divisor` (exact decimal arithmetic).
    ///
    /// self / divisor = (A / B) × 10^(ea - eb). With B's digits fitting 18 decimal digits the check
    /// is exact for any size of `self` (a long division by remainder); bigger divisors fall back
    /// to `Double`, where a non-finite quotient counts as "not a multiple".
    public func isMultiple(of divisor: JSONNumber) -> Bool {
        if divisor.isZero { return false }
        if isZero { return true }
        let shift = exponent - divisor.exponent
        if divisor.digits.count <= 18, let b = UInt64(String(decoding: divisor.digits, as: UTF8.self)) {
            // Need A × 10^shift ≡ 0 (mod B) when shift >= 0; when shift < 0, need B × 10^-shift | A.
            if shift >= 0 {
                var r: UInt64 = 0
                for d in digits { r = UInt64((UInt128(r) * 10 + UInt128(d &- 48)) % UInt128(b)) }
                // Multiplying by 10^shift: once r is 0 it stays 0; cycles of 10^k mod b repeat quickly,
                // but cap the work: 10^k mod b becomes periodic within b steps; shift beyond 64 at most
                // adds factors of 2 and 5, which b has at most 64 of each.
                var steps = min(shift, 128)
                while steps > 0 && r != 0 {
                    r = UInt64((UInt128(r) * 10) % UInt128(b))
                    steps -= 1
                }
                return r == 0
            } else {
                // A must be divisible by B × 10^(-shift): its last -shift digits are 0 (they cannot be:
                // digits have no trailing zeros), so only possible when... A has no trailing zeros, so
                // 10^k | A only for k == 0. Hence not a multiple.
                return false
            }
        }
        let q = doubleValue / divisor.doubleValue
        guard q.isFinite else { return false }
        return q.rounded() == q
    }

    private static func parse(_ s: inout [UInt8]) -> (negative: Bool, digits: [UInt8], exponent: Int)? {
        var i = 0
        let n = s.count
        var negative = false
        if i < n && s[i] == UInt8(ascii: "-") { negative = true; i += 1 }
        guard i < n, s[i] >= 48, s[i] <= 57 else { return nil }
        var mantissa: [UInt8] = []
        var fractionDigits = 0
        if s[i] == 48 {
            i += 1
        } else {
            while i < n, s[i] >= 48, s[i] <= 57 { mantissa.append(s[i]); i += 1 }
        }
        if i < n && s[i] == UInt8(ascii: ".") {
            i += 1
            guard i < n, s[i] >= 48, s[i] <= 57 else { return nil }
            while i < n, s[i] >= 48, s[i] <= 57 { mantissa.append(s[i]); fractionDigits += 1; i += 1 }
        }
        var exp = 0
        if i < n && (s[i] == UInt8(ascii: "e") || s[i] == UInt8(ascii: "E")) {
            i += 1
            var expNegative = false
            if i < n && (s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-")) {
                expNegative = s[i] == UInt8(ascii: "-"); i += 1
            }
            guard i < n, s[i] >= 48, s[i] <= 57 else { return nil }
            while i < n, s[i] >= 48, s[i] <= 57 {
                // Saturate: 1e99999999999999999999 is "huge", compared correctly against anything
                // that is not equally absurd.
                if exp < 1_000_000_000_000 { exp = exp * 10 + Int(s[i] - 48) }
                i += 1
            }
            if expNegative { exp = -exp }
        }
        guard i == n else { return nil }
        // Normalise: strip leading zeros (from "0.000123") and trailing zeros.
        var start = 0
        while start < mantissa.count && mantissa[start] == 48 { start += 1 }
        var end = mantissa.count
        var trailing = 0
        while end > start && mantissa[end - 1] == 48 { end -= 1; trailing += 1 }
        if start == end { return (false, [], 0) }
        return (negative, Array(mantissa[start..<end]), exp - fractionDigits + trailing)
    }
}
