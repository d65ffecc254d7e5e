/// `date-time`, `date` and `time`: RFC 3339 §5.6.
///
/// - `full-date` `YYYY-MM-DD` with the real number of days in the month (Gregorian leap years).
/// - `full-time` `HH:MM:SS[.frac](Z|±HH:MM)`, hours 00–23, minutes 00–59, seconds 00–60;
///   `60` (a leap second) only where the time converted to UTC is 23:59:60.
/// - `T`/`t` between date and time and `Z`/`z` for UTC are accepted (RFC 3339 §5.6 NOTE).
enum DateTimeFormat {
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

    /// `YYYY-MM-DD` at `i` (exactly 10 bytes; the caller checks what follows). `YYYY-MM-` is
    /// tested as one word (digit by digit, the parsing took some 170 instructions a date).
    private static func fullDate(_ b: UnsafeRawBufferPointer, _ i: Int) -> Bool {
        guard i + 10 <= b.count else { return false }
        let w = UInt64(littleEndian: b.loadUnaligned(fromByteOffset: i, as: UInt64.self))
        // Bytes 4 and 7 are `-`, bytes 0–3, 5 and 6 digits.
        let separators: UInt64 = 0xFF00_00FF_0000_0000
        guard w & separators == 0x2D00_002D_0000_0000, digits(w, ~separators), let day = number(b, i + 8, 2)
        else { return false }
        let year = digit(w, 0) * 1000 + digit(w, 1) * 100 + digit(w, 2) * 10 + digit(w, 3)
        let month = digit(w, 5) * 10 + digit(w, 6)
        guard (1...12).contains(month), day >= 1 else { return false }
        return day <= daysIn(month: month, year: year)
    }

    /// Whether every byte of `w` that `mask` selects is an ASCII digit: high nibble 3, low nibble
    /// at most 9 (adding 6 to it carries into its own high nibble only).
    @inline(__always)
    private static func digits(_ w: UInt64, _ mask: UInt64) -> Bool {
        let highs: UInt64 = 0xF0F0_F0F0_F0F0_F0F0
        return w & highs & mask == 0x3030_3030_3030_3030 & mask
            && ((w & ~highs) &+ 0x0606_0606_0606_0606) & highs & mask == 0
    }

    /// The value of the digit in byte `k` of `w`.
    @inline(__always)
    private static func digit(_ w: UInt64, _ k: Int) -> Int {
        Int(truncatingIfNeeded: (w &>> UInt64(k &* 8)) & 0x0F)
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
        // `HH:MM:SS` as one word: bytes 2 and 5 are `:`, the others digits.
        guard start + 8 <= end else { return false }
        let w = UInt64(littleEndian: b.loadUnaligned(fromByteOffset: start, as: UInt64.self))
        let separators: UInt64 = 0x0000_FF00_00FF_0000
        guard w & separators == 0x0000_3A00_003A_0000, digits(w, ~separators) else { return false }
        let hour = digit(w, 0) * 10 + digit(w, 1)
        let minute = digit(w, 3) * 10 + digit(w, 4)
        let second = digit(w, 6) * 10 + digit(w, 7)
        guard hour <= 23, minute <= 59, second <= 60 else { return false }
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
