/// A YAML (or JSON) value of a rule file, converted from Yams' `Node` with YAML 1.2 core scalar
/// resolution and 1-based positions. The loader works on this tree only.
struct YAMLNode: Sendable {
    enum Kind: Sendable {
        case null
        case bool(Bool)
        case number(JSONNumber)
        /// `.inf`, `-.inf`, `.nan`: YAML floats that JSON cannot hold.
        case nonFinite(String)
        case string(String)
        case sequence([YAMLNode])
        case mapping([YAMLEntry])
    }

    var kind: Kind
    var line: Int
    var column: Int

    var mapping: [YAMLEntry]? {
        if case .mapping(let entries) = kind { return entries }
        return nil
    }

    var sequence: [YAMLNode]? {
        if case .sequence(let items) = kind { return items }
        return nil
    }

    var string: String? {
        if case .string(let s) = kind { return s }
        return nil
    }

    /// `string "64"`, `integer -1`, `a mapping`: what a message says was found.
    var found: String {
        switch kind {
        case .null: return "null"
        case .bool(let b): return "boolean \(b)"
        case .number(let n): return n.isInteger ? "integer \(n.text)" : "number \(n.text)"
        case .nonFinite(let text): return "non-finite number \(text)"
        case .string(let s):
            var quoted = ""
            JSONValue.writeString(s.count > 60 ? String(s.prefix(57)) + "…" : s, to: &quoted)
            return "string \(quoted)"
        case .sequence: return "an array"
        case .mapping: return "a mapping"
        }
    }

    /// The entry for `key`, when this is a mapping that has it.
    func entry(_ key: String) -> YAMLEntry? {
        mapping?.first { $0.key == key }
    }
}

/// One member of a mapping: the key's text and position, and the value.
struct YAMLEntry: Sendable {
    var key: String
    var line: Int
    var column: Int
    var value: YAMLNode
}
