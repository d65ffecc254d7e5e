/// YAML 1.2 core schema numbers → RFC 8259 number text.
///
/// `+1` → `1`, `.5` → `0.5`, `1.` → `1`, `007` → `7`, `1E3` → `1E3`, `0x1F` → `31`, `0o17` → `15`.
enum YAMLNumber {
    static func parse(_ text: String) -> JSONNumber? {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return nil }
        if bytes.count > 2, bytes[0] == UInt8(ascii: "0"), bytes[1] == UInt8(ascii: "x") {
            return radix(bytes.dropFirst(2), 16)
        }
        if bytes.count > 2, bytes[0] == UInt8(ascii: "0"), bytes[1] == UInt8(ascii: "o") {
            return radix(bytes.dropFirst(2), 8)
        }
        return decimal(bytes)
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
    private static func decimal(_ s: [UInt8]) -> JSONNumber? {
        var i = 0
        var out = ""
        if s[i] == UInt8(ascii: "-") { out = "-"; i += 1 } else if s[i] == UInt8(ascii: "+") { i += 1 }
        var integer: [UInt8] = []
        while i < s.count, isDigit(s[i]) { integer.append(s[i]); i += 1 }
        var fraction: [UInt8] = []
        var hasPoint = false
        if i < s.count, s[i] == UInt8(ascii: ".") {
            hasPoint = true
            i += 1
            while i < s.count, isDigit(s[i]) { fraction.append(s[i]); i += 1 }
        }
        if integer.isEmpty && fraction.isEmpty { return nil }
        if integer.isEmpty && !hasPoint { return nil }
        var exponent = ""
        if i < s.count, s[i] == UInt8(ascii: "e") || s[i] == UInt8(ascii: "E") {
            exponent = "e"
            i += 1
            if i < s.count, s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") {
                exponent += String(UnicodeScalar(s[i]))
                i += 1
            }
            var digits = 0
            while i < s.count, isDigit(s[i]) { exponent += String(UnicodeScalar(s[i])); i += 1; digits += 1 }
            if digits == 0 { return nil }
        }
        guard i == s.count else { return nil }
        while integer.count > 1, integer[0] == UInt8(ascii: "0") { integer.removeFirst() }
        out += integer.isEmpty ? "0" : String(decoding: integer, as: UTF8.self)
        if !fraction.isEmpty { out += "." + String(decoding: fraction, as: UTF8.self) }
        out += exponent
        return JSONNumber(out)
    }

    private static func radix(_ digits: ArraySlice<UInt8>, _ base: Int) -> JSONNumber? {
        guard !digits.isEmpty else { return nil }
        // Decimal digits, least significant first.
        var value: [Int] = [0]
        for byte in digits {
            let d: Int
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = Int(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = Int(byte - UInt8(ascii: "a")) + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = Int(byte - UInt8(ascii: "A")) + 10
            default: return nil
            }
            guard d < base else { return nil }
            var carry = d
            for k in value.indices {
                let v = value[k] * base + carry
                value[k] = v % 10
                carry = v / 10
            }
            while carry > 0 { value.append(carry % 10); carry /= 10 }
        }
        while value.count > 1, value.last == 0 { value.removeLast() }
        return JSONNumber(String(value.reversed().map { Character(String($0)) }))
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
}
