/// Turns a parameter's text into the JSON value its schema is checked against, the way OpenAPI's
/// default styles serialise them: comma-separated arrays (`custom,type` → `["custom","type"]`),
/// decimal integers and numbers, `true`/`false`; anything else stays a string.
enum ParameterConversion {
    enum Result {
        case value(String)
        /// The text cannot be read as the schema's type.
        case mismatch(expected: String)
    }

    static func convert(_ text: String, schema: SchemaID, in nodes: [CompiledNode]) -> Result {
        let types = declaredTypes(schema, nodes)
        if types.contains(.array) {
            let parts = text.isEmpty ? [] : text.split(separator: ",", omittingEmptySubsequences: false)
            let itemTypes = itemSchema(schema, nodes).map { declaredTypes($0, nodes) } ?? []
            var out = "["
            for (i, p) in parts.enumerated() {
                if i > 0 { out += "," }
                out += scalar(String(p), types: itemTypes) ?? jsonString(String(p))
            }
            return .value(out + "]")
        }
        if types.isEmpty || types.contains(.string) { return .value(jsonString(text)) }
        if let v = scalar(text, types: types) { return .value(v) }
        return .mismatch(expected: types.map(\.rawValue).joined(separator: " or "))
    }

    /// JSON text for a scalar of one of `types`, or nil when the text is none of them.
    static func scalar(_ text: String, types: [JSONType]) -> String? {
        if types.isEmpty || types.contains(.string) { return nil }
        if types.contains(.integer) || types.contains(.number), let n = JSONNumber(text) {
            if types.contains(.number) || n.isInteger { return n.text }
        }
        if types.contains(.boolean), text == "true" || text == "false" { return text }
        if types.contains(.null), text == "null" { return text }
        return nil
    }

    static func jsonString(_ s: String) -> String {
        var out = ""
        JSONValue.writeString(s, to: &out)
        return out
    }

    /// `type` of the schema, following `$ref` and `allOf` to find one.
    static func declaredTypes(_ id: SchemaID, _ nodes: [CompiledNode], depth: Int = 0) -> [JSONType] {
        guard depth < 32 else { return [] }
        let s = nodes[id].schema
        if let t = s.types { return t.value }
        if let r = s.ref { return declaredTypes(r.value, nodes, depth: depth + 1) }
        for b in s.allOf?.value ?? [] {
            let t = declaredTypes(b, nodes, depth: depth + 1)
            if !t.isEmpty { return t }
        }
        return []
    }

    static func itemSchema(_ id: SchemaID, _ nodes: [CompiledNode], depth: Int = 0) -> SchemaID? {
        guard depth < 32 else { return nil }
        let s = nodes[id].schema
        if let i = s.items { return i.value }
        if let r = s.ref { return itemSchema(r.value, nodes, depth: depth + 1) }
        return nil
    }
}
