import JSONStream

/// A JSON value held in memory.
///
/// The validator never builds one for a payload as a whole; it is used for what the rules
/// themselves contain (`enum`, `const`, examples), and for the few subtrees a rule must see whole
/// (`uniqueItems`, `enum`/`const` on containers, `immutable`).
public enum JSONValue: Sendable, Hashable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    /// Members in document order; equality ignores order (JSON objects are unordered).
    case object([(key: String, value: JSONValue)])

    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number(let n): n.isInteger ? "integer" : "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members.last(where: { $0.key == key })?.value }
        return nil
    }

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)): return sameCodeUnits(a, b)
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            var index: [String: JSONValue] = [:]
            for m in b { index[m.key] = m.value }
            guard index.count == b.count else { return false }
            for m in a { guard let v = index[m.key], v == m.value else { return false } }
            return true
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let b): hasher.combine(b)
        case .number(let n): hasher.combine(n)
        case .string(let s): hasher.combine(Array(s.utf8))
        case .array(let a): hasher.combine(a)
        case .object(let members):
            // Order-independent: combine a commutative sum of member hashes.
            var sum = 0
            for m in members {
                var h = Hasher()
                h.combine(Array(m.key.utf8))
                h.combine(m.value)
                sum = sum &+ h.finalize()
            }
            hasher.combine(members.count)
            hasher.combine(sum)
        }
    }

    /// Compact JSON text (RFC 8259), members in document order.
    public var description: String {
        var out = ""
        write(to: &out)
        return out
    }

    public func write(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += n.text
        case .string(let s): JSONValue.writeString(s, to: &out)
        case .array(let a):
            out += "["
            for (i, v) in a.enumerated() {
                if i > 0 { out += "," }
                v.write(to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (i, m) in members.enumerated() {
                if i > 0 { out += "," }
                JSONValue.writeString(m.key, to: &out)
                out += ":"
                m.value.write(to: &out)
            }
            out += "}"
        }
    }

    /// Appends `s` as a JSON string literal, escaping what RFC 8259 requires, plus DEL and
    /// U+2028/U+2029 (which break JavaScript consumers and terminals).
    public static func writeString(_ s: String, to out: inout String) {
        // Fast path: nothing to escape (0xE2 leads U+2028/U+2029; checked exactly below).
        var plain = true
        for b in s.utf8 where b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F || b == 0xE2 {
            plain = false
            break
        }
        if plain {
            out += "\""
            out += s
            out += "\""
            return
        }
        // Escaped by the byte writer (the same output; runs of plain bytes copied at once).
        var bytes: [UInt8] = []
        bytes.reserveCapacity(s.utf8.count + 16)
        writeString(s, to: &bytes)
        out += String(decoding: bytes, as: UTF8.self)
    }

    /// `writeString(_:to:)` into UTF-8 bytes (the same output): runs of bytes that need no
    /// escaping are copied at once.
    public static func writeString(_ s: String, to out: inout [UInt8]) {
        RawJSONWriter.append(to: &out) { $0.string(s) }
    }

    /// `writeString(_:to:)` of the UTF-8 text `p`, into bytes.
    public static func writeString(utf8 p: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        RawJSONWriter.append(to: &out) { $0.escaped(p) }
    }

    /// 1 for the bytes `writeString` looks at (C0 controls, `"`, `\`, DEL, and 0xE2, which leads
    /// U+2028/U+2029): one load per byte instead of five comparisons. Built once, never freed.
    nonisolated(unsafe) static let escapeTable: UnsafePointer<UInt8> = {
        let t = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        for b in 0..<256 { t[b] = b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F || b == 0xE2 ? 1 : 0 }
        return UnsafePointer(t)
    }()
}

/// Whether two strings have the same UTF-8 bytes: JSON compares strings by code points, while
/// `String.==` uses canonical equivalence ("é" precomposed equals "e" + U+0301). Compared in
/// place (`elementsEqual` over the views went byte by byte through the index machinery).
func sameCodeUnits(_ a: String, _ b: String) -> Bool {
    var a = a
    var b = b
    let n = a.utf8.count
    guard n == b.utf8.count else { return false }
    return a.withUTF8 { pa in
        b.withUTF8 { pb in
            guard let x = pa.baseAddress, let y = pb.baseAddress else { return true }
            return memcmpBytes(x, y, n)
        }
    }
}
