import JSONStream

extension JSONValue {
    /// Parses one JSON text (strict RFC 8259, via `JSONReader`) into a value.
    ///
    /// For rule examples, previous versions given whole, and tests: payloads themselves are never
    /// turned into a `JSONValue` whole.
    /// - Throws: `JSONStreamError` with the position of the first problem.
    public init(parsing bytes: [UInt8], options: JSONReader.Options = JSONReader.Options()) throws(JSONStreamError) {
        var reader = JSONReader(options: options)
        reader.feed(bytes)
        reader.finish()
        var stack: [(isObject: Bool, items: [JSONValue], members: [(key: String, value: JSONValue)], key: String)] = []
        var result: JSONValue? = nil
        func add(_ v: JSONValue) {
            if stack.isEmpty {
                result = v
            } else if stack[stack.count - 1].isObject {
                stack[stack.count - 1].members.append((stack[stack.count - 1].key, v))
            } else {
                stack[stack.count - 1].items.append(v)
            }
        }
        while let e = try reader.next() {
            switch e.kind {
            case .objectStart: stack.append((true, [], [], ""))
            case .arrayStart: stack.append((false, [], [], ""))
            case .objectEnd, .arrayEnd:
                if let f = stack.popLast() { add(f.isObject ? .object(f.members) : .array(f.items)) }
            case .key: stack[stack.count - 1].key = reader.string(e)
            case .string: add(.string(reader.string(e)))
            case .number: add(reader.withRawBytes(e) { JSONNumber(bytes: $0) }.map(JSONValue.number) ?? .null)
            case .true: add(.bool(true))
            case .false: add(.bool(false))
            case .null: add(.null)
            }
        }
        self = result ?? .null
    }

    /// Parses JSON text.
    public init(parsing text: String) throws(JSONStreamError) {
        try self.init(parsing: Array(text.utf8))
    }
}
