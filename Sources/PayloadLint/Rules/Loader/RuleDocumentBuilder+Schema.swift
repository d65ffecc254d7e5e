import JSONStream

/// Schema keywords → `SchemaNode` fields.
extension RuleDocumentBuilder {
    /// JSON Schema 2020-12 keywords and payloadlint's extensions that the loader turns into fields.
    static let schemaKeywords: [String] = [
        "type", "enum", "const",
        "minLength", "maxLength", "pattern", "format",
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
        "properties", "patternProperties", "additionalProperties", "propertyNames", "required",
        "dependentRequired", "dependentSchemas", "minProperties", "maxProperties",
        "prefixItems", "items", "contains", "minContains", "maxContains", "minItems", "maxItems", "uniqueItems",
        "allOf", "anyOf", "oneOf", "not", "if", "then", "else", "$ref", "$defs",
        // Extensions.
        "maxBytes", "minBytes", "maxDepth", "maxKeyPathLength", "keyPathSeparator", "maxPropertyPaths",
        "notBlank", "forbidden", "forbidControl", "immutable", "unique", "uniqueKnown", "equals",
        "unknownProperties", "severity", "message", "mediaType", "accepts", "maxClockSkew", "clearedIfAbsent",
    ]

    /// Accepted and ignored.
    static let annotations: Set<String> = [
        "$schema", "$id", "$comment", "title", "description", "default", "examples", "deprecated",
        "readOnly", "writeOnly", "contentMediaType", "contentEncoding", "contentSchema", "$anchor",
    ]

    /// JSON Schema keywords payloadlint knows of but does not implement, with what to do instead.
    static let unsupported: [String: String] = [
        "$dynamicRef": "dynamic references are not implemented; use `$ref`",
        "$dynamicAnchor": "dynamic references are not implemented; use `$ref`",
        "$recursiveRef": "a draft 2019-09 keyword; use `$ref`",
        "$recursiveAnchor": "a draft 2019-09 keyword; use `$ref`",
        "unevaluatedProperties": "use `additionalProperties` or `unknownProperties`",
        "unevaluatedItems": "use `items` (after `prefixItems`)",
        "$vocabulary": "custom meta-schemas are not implemented",
        "definitions": "an older draft's keyword; use `$defs`",
        "dependencies": "an older draft's keyword; use `dependentRequired` or `dependentSchemas`",
        "additionalItems": "an older draft's keyword; use `items` after `prefixItems`",
    ]

    /// Keywords whose value is a mapping of names: no `{value: …}` long form there.
    static let namedMappings: Set<String> = [
        "properties", "patternProperties", "dependentSchemas", "dependentRequired", "$defs", "severity", "message",
    ]

    static func intField(_ keyword: String) -> WritableKeyPath<SchemaNode, Keyword<Int>?>? {
        switch keyword {
        case "minLength": \.minLength
        case "maxLength": \.maxLength
        case "minBytes": \.minBytes
        case "maxBytes": \.maxBytes
        case "minProperties": \.minProperties
        case "maxProperties": \.maxProperties
        case "minItems": \.minItems
        case "maxItems": \.maxItems
        case "minContains": \.minContains
        case "maxContains": \.maxContains
        case "maxDepth": \.maxDepth
        case "maxKeyPathLength": \.maxKeyPathLength
        case "maxPropertyPaths": \.maxPropertyPaths
        case "maxClockSkew": \.maxClockSkew
        default: nil
        }
    }

    static func numberField(_ keyword: String) -> WritableKeyPath<SchemaNode, Keyword<JSONNumber>?>? {
        switch keyword {
        case "minimum": \.minimum
        case "maximum": \.maximum
        case "exclusiveMinimum": \.exclusiveMinimum
        case "exclusiveMaximum": \.exclusiveMaximum
        case "multipleOf": \.multipleOf
        default: nil
        }
    }

    static func stringField(_ keyword: String) -> WritableKeyPath<SchemaNode, Keyword<String>?>? {
        switch keyword {
        case "pattern": \.pattern
        case "format": \.format
        case "mediaType": \.mediaType
        case "accepts": \.accepts
        default: nil
        }
    }

    static func boolField(_ keyword: String) -> WritableKeyPath<SchemaNode, Keyword<Bool>?>? {
        switch keyword {
        case "notBlank": \.notBlank
        case "forbidControl": \.forbidControl
        case "uniqueItems": \.uniqueItems
        default: nil
        }
    }

    static func stringsField(_ keyword: String) -> WritableKeyPath<SchemaNode, Keyword<[String]>?>? {
        switch keyword {
        case "forbidden": \.forbidden
        case "clearedIfAbsent": \.clearedIfAbsent
        case "required": \.required
        default: nil
        }
    }

    static func schemaField(_ keyword: String) -> WritableKeyPath<SchemaNode, Keyword<SchemaID>?>? {
        switch keyword {
        case "additionalProperties": \.additionalProperties
        case "propertyNames": \.propertyNames
        case "items": \.items
        case "contains": \.contains
        case "not": \.not
        case "if": \.ifSchema
        case "then": \.thenSchema
        case "else": \.elseSchema
        default: nil
        }
    }

    static func schemaArrayField(_ keyword: String) -> WritableKeyPath<SchemaNode, Keyword<[SchemaID]>?>? {
        switch keyword {
        case "prefixItems": \.prefixItems
        case "allOf": \.allOf
        case "anyOf": \.anyOf
        case "oneOf": \.oneOf
        default: nil
        }
    }

    /// The key identifying a schema: `file#/json/pointer`.
    static func targetKey(_ file: String, _ tokens: [String]) -> String {
        // Called for every schema of every rule file at start-up: Foundation's
        // `replacingOccurrences` here was a fifth of loading the PACE rules.
        var key = file + "#"
        for token in tokens {
            key += "/"
            key += JSONPointer.escape(token)
        }
        return key
    }

    /// The `SchemaID` for the schema at `place`, allocating it when new.
    func slot(_ place: Place) -> (id: SchemaID, isNew: Bool) {
        let key = Self.targetKey(place.file, place.tokens)
        if let id = targets[key] { return (id, !filled[id]) }
        let id = nodes.count
        nodes.append(SchemaNode(location: location(place, 0, 0)))
        filled.append(false)
        targets[key] = id
        return (id, true)
    }

    /// Compiles the schema `value` written at `place` (a mapping or `true`/`false`).
    @discardableResult
    func compileSchema(_ value: YAMLNode, at place: Place) -> SchemaID {
        let (id, isNew) = slot(place)
        guard isNew else { return id }
        filled[id] = true
        var node = SchemaNode(location: location(place, value.line, value.column))
        guard place.depth <= Self.maxSchemaDepth else {
            error("schemas nested deeper than \(Self.maxSchemaDepth) levels", at: value, in: place.file)
            node.boolean = true
            nodes[id] = node
            return id
        }
        switch value.kind {
        case .bool(let b):
            node.boolean = b
        case .mapping(let entries):
            fill(&node, entries, at: place)
        default:
            error("a schema must be a mapping or true/false, found \(value.found)", at: value, in: place.file)
            node.boolean = true
        }
        nodes[id] = node
        return id
    }

    /// A subschema of the schema at `place`, one level deeper.
    func subschema(_ value: YAMLNode, at place: Place) -> SchemaID {
        var inner = place
        inner.depth += 1
        return compileSchema(value, at: inner)
    }

    private func fill(_ node: inout SchemaNode, _ entries: [YAMLEntry], at place: Place) {
        let file = place.file
        var uniqueKnown: [JSONValue]?
        var uniqueKnownEntry: YAMLEntry?
        for entry in entries {
            let key = entry.key
            if Self.annotations.contains(key) { continue }
            if let hint = Self.unsupported[key] {
                error("unsupported keyword `\(key)`: \(hint)", at: entry, in: file)
                continue
            }
            guard Self.schemaKeywords.contains(key) else {
                unknown("keyword", entry, known: Self.schemaKeywords, in: file)
                continue
            }
            var valuePlace = place.appending(key)
            let loc = location(valuePlace, entry.line, entry.column)
            var value = entry.value
            var severity: Severity?
            var message: String?
            if !Self.namedMappings.contains(key), let long = longForm(value, keyword: key, in: file) {
                value = long.value
                severity = long.severity
                message = long.message
                valuePlace = valuePlace.appending("value")
            }
            func keyword<T>(_ v: T) -> Keyword<T> { Keyword(v, at: loc, severity: severity, message: message) }

            if let field = Self.intField(key) {
                if let v = nonNegativeInt(value, key, in: file) { node[keyPath: field] = keyword(v) }
            } else if let field = Self.numberField(key) {
                if let v = number(value, key, in: file) {
                    if key == "multipleOf" && (v.isNegative || v.isZero) {
                        error("`multipleOf` must be greater than 0, found \(value.found)", at: value, in: file)
                    } else {
                        node[keyPath: field] = keyword(v)
                    }
                }
            } else if let field = Self.stringField(key) {
                if let v = string(value, key, in: file) { node[keyPath: field] = keyword(v) }
            } else if let field = Self.boolField(key) {
                if let v = bool(value, key, in: file) { node[keyPath: field] = keyword(v) }
            } else if let field = Self.stringsField(key) {
                if key == "required", case .bool = value.kind {
                    error("`required: true/false` is for parameters; in a schema, `required` lists member names",
                          at: value, in: file)
                } else if let v = stringArray(value, key, unique: key == "required", in: file) {
                    node[keyPath: field] = keyword(v)
                }
            } else if let field = Self.schemaField(key) {
                if key == "items", value.sequence != nil {
                    error("`items` must be a schema (a mapping or true/false), found an array; for a tuple use `prefixItems`",
                          at: value, in: file)
                } else {
                    node[keyPath: field] = keyword(subschema(value, at: valuePlace))
                }
            } else if let field = Self.schemaArrayField(key) {
                guard let items = value.sequence, !items.isEmpty else {
                    error("`\(key)` must be a non-empty array of schemas, found \(value.found)", at: value, in: file)
                    continue
                }
                var ids: [SchemaID] = []
                for (index, item) in items.enumerated() {
                    ids.append(subschema(item, at: valuePlace.appending(String(index))))
                }
                node[keyPath: field] = keyword(ids)
            } else {
                switch key {
                case "type":
                    if let v = types(value, in: file) { node.types = keyword(v) }
                case "enum":
                    if let items = value.sequence {
                        var values: [JSONValue] = []
                        var ok = true
                        for item in items {
                            if let v = json(item, in: file) { values.append(v) } else { ok = false }
                        }
                        if ok { node.enumValues = keyword(values) }
                    } else {
                        error("`enum` must be an array of values, found \(value.found)", at: value, in: file)
                    }
                case "const":
                    if let v = json(value, in: file) { node.const = keyword(v) }
                case "properties", "patternProperties", "dependentSchemas":
                    guard let members = mapping(value, "`\(key)` must be a mapping of names to schemas", in: file) else { continue }
                    var list: [(String, SchemaID)] = []
                    for member in members {
                        list.append((member.key, subschema(member.value, at: valuePlace.appending(member.key))))
                    }
                    switch key {
                    case "properties": node.properties = keyword(list.map { (name: $0.0, schema: $0.1) })
                    case "patternProperties": node.patternProperties = keyword(list.map { (pattern: $0.0, schema: $0.1) })
                    default: node.dependentSchemas = keyword(list.map { (name: $0.0, schema: $0.1) })
                    }
                case "dependentRequired":
                    if let v = dependencies(value, key, in: file) { node.dependentRequired = keyword(v) }
                case "$defs":
                    guard let members = mapping(value, "`$defs` must be a mapping of names to schemas", in: file) else { continue }
                    for member in members { _ = subschema(member.value, at: valuePlace.appending(member.key)) }
                case "$ref":
                    if let text = string(value, key, in: file),
                        let id = reference(text, at: value, in: file)
                    {
                        node.ref = keyword(id)
                    }
                case "keyPathSeparator":
                    if let v = string(value, key, in: file) {
                        if v.isEmpty {
                            error("`keyPathSeparator` must not be empty", at: value, in: file)
                        } else {
                            node.keyPathSeparator = v
                        }
                    }
                case "immutable":
                    if let v = enumValue(value, key, ["always", "once-set"], in: file, { ImmutableMode(rawValue: $0) }) {
                        node.immutable = keyword(v)
                    }
                case "unknownProperties":
                    if let v = enumValue(value, key, ["ignore", "warn", "error"], in: file,
                                         { UnknownPropertyPolicy(rawValue: $0) }) {
                        node.unknownProperties = keyword(v)
                    }
                case "unique":
                    if let scope = string(value, key, in: file) { node.unique = keyword(UniqueSpec(scope: scope)) }
                case "uniqueKnown":
                    uniqueKnownEntry = entry
                    if value.sequence != nil, case .array(let values)? = json(value, in: file) {
                        uniqueKnown = values
                    } else if value.sequence == nil {
                        error("`uniqueKnown` must be an array of values, found \(value.found)", at: value, in: file)
                    }
                case "equals":
                    if let v = string(value, key, in: file) {
                        if Self.isQualifiedParameter(v) {
                            node.equals = keyword(v)
                        } else {
                            error("`equals` must name a request parameter like `path.userId`, found \(value.found)",
                                  at: value, in: file)
                        }
                    }
                case "severity":
                    node.severity = severityValue(value, in: file)
                case "message":
                    node.message = string(value, key, in: file)
                default:
                    unknown("keyword", entry, known: Self.schemaKeywords, in: file)
                }
            }
        }
        if let uniqueKnownEntry {
            if node.unique == nil {
                error("`uniqueKnown` needs `unique: <scope>` beside it", at: uniqueKnownEntry, in: file)
            } else if let uniqueKnown {
                node.unique?.value.known = uniqueKnown
            }
        }
    }

    private func types(_ value: YAMLNode, in file: String) -> [JSONType]? {
        let names = JSONType.allCases.map(\.rawValue)
        func one(_ item: YAMLNode) -> JSONType? {
            enumValue(item, "type", names, in: file) { JSONType(rawValue: $0) }
        }
        if value.string != nil { return one(value).map { [$0] } }
        guard let items = value.sequence, !items.isEmpty else {
            error("`type` must be a type name or a non-empty array of them, found \(value.found)", at: value, in: file)
            return nil
        }
        var result: [JSONType] = []
        for item in items {
            guard let t = one(item) else { return nil }
            if result.contains(t) {
                error("`type` lists \"\(t.rawValue)\" more than once", at: item, in: file)
                return nil
            }
            result.append(t)
        }
        return result
    }

    /// `{name: [names…]}` (`dependentRequired`).
    func dependencies(_ value: YAMLNode, _ name: String, in file: String) -> [(name: String, requires: [String])]? {
        guard let members = mapping(value, "`\(name)` must be a mapping of names to arrays of names", in: file) else { return nil }
        var result: [(name: String, requires: [String])] = []
        for member in members {
            guard let requires = stringArray(member.value, "\(name)/\(member.key)", unique: true, in: file) else {
                return nil
            }
            result.append((member.key, requires))
        }
        return result
    }

    /// `path.userId`, `query.include`, `header.Content-Type`.
    static func isQualifiedParameter(_ text: String) -> Bool {
        guard let dot = text.firstIndex(of: ".") else { return false }
        let source = text[..<dot]
        let name = text[text.index(after: dot)...]
        return ["path", "query", "header"].contains(source) && !name.isEmpty
    }
}
