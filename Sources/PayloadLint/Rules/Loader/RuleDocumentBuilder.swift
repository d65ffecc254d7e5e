/// Builds one `RuleDocument` from a rule file's `YAMLNode` tree: the header, then every schema
/// into the `nodes` table, then the `$ref`s (a worklist, so long reference chains never deepen
/// the call stack), then the check for recursion that no container breaks.
///
/// Schemas are identified by (file, JSON pointer): compiling the schema at
/// `rules/a.yaml#/$defs/user` twice — once inline, once through `$ref` — yields one `SchemaID`,
/// which is what makes `{properties: {next: {$ref: '#/$defs/user'}}}` a cycle of IDs.
final class RuleDocumentBuilder {
    /// Schemas nested deeper than this (inside one file) are an error, not a native recursion.
    static let maxSchemaDepth = 1000

    struct Place {
        var file: String
        var tokens: [String]
        var depth: Int

        func appending(_ more: String...) -> Place {
            Place(file: file, tokens: tokens + more, depth: depth)
        }
    }

    struct PendingReference {
        var file: String
        var tokens: [String]
        var id: SchemaID
        var text: String
        var from: RuleFileError
    }

    let cache: DocumentCache
    let ruleFile: String
    var nodes: [SchemaNode] = []
    var filled: [Bool] = []
    var targets: [String: SchemaID] = [:]
    var pending: [PendingReference] = []
    var errors: [RuleFileError] = []
    var warnings: [RuleFileError] = []

    init(cache: DocumentCache, ruleFile: String) {
        self.cache = cache
        self.ruleFile = ruleFile
    }

    // MARK: Reporting

    func error(_ message: String, file: String, line: Int, column: Int) {
        errors.append(RuleFileError(file: cache.display(file), line: line, column: column, message: message))
    }

    func error(_ message: String, at node: YAMLNode, in file: String) {
        error(message, file: file, line: node.line, column: node.column)
    }

    func error(_ message: String, at entry: YAMLEntry, in file: String) {
        error(message, file: file, line: entry.line, column: entry.column)
    }

    func warning(_ message: String, at entry: YAMLEntry, in file: String) {
        warnings.append(RuleFileError(
            file: cache.display(file), line: entry.line, column: entry.column, message: message, severity: .warning))
    }

    func location(_ place: Place, _ line: Int, _ column: Int) -> RuleLocation {
        RuleLocation(file: cache.display(place.file), keywordPath: place.tokens.joined(separator: "/"),
                     line: line, column: column)
    }

    func unknown(_ what: String, _ entry: YAMLEntry, known: [String], in file: String) {
        var message = "unknown \(what) `\(entry.key)`"
        if let suggestion = KeywordSuggestion.closest(to: entry.key, in: known) {
            message += "; did you mean `\(suggestion)`?"
        }
        error(message, at: entry, in: file)
    }

    // MARK: Plain values

    func string(_ value: YAMLNode, _ name: String, in file: String) -> String? {
        if let s = value.string { return s }
        error("`\(name)` must be a string, found \(value.found)", at: value, in: file)
        return nil
    }

    func bool(_ value: YAMLNode, _ name: String, in file: String) -> Bool? {
        if case .bool(let b) = value.kind { return b }
        error("`\(name)` must be true or false, found \(value.found)", at: value, in: file)
        return nil
    }

    func nonNegativeInt(_ value: YAMLNode, _ name: String, in file: String) -> Int? {
        if case .number(let n) = value.kind, n.isInteger, !n.isNegative || n.isZero, let i = n.intValue {
            return i
        }
        error("`\(name)` must be a non-negative integer, found \(value.found)", at: value, in: file)
        return nil
    }

    func number(_ value: YAMLNode, _ name: String, in file: String) -> JSONNumber? {
        if case .number(let n) = value.kind { return n }
        error("`\(name)` must be a number, found \(value.found)", at: value, in: file)
        return nil
    }

    func stringArray(_ value: YAMLNode, _ name: String, unique: Bool, in file: String) -> [String]? {
        guard let items = value.sequence else {
            error("`\(name)` must be an array of strings, found \(value.found)", at: value, in: file)
            return nil
        }
        var result: [String] = []
        var seen = Set<String>()
        var ok = true
        for item in items {
            guard let s = item.string else {
                error("`\(name)` must be an array of strings, found \(item.found) in it", at: item, in: file)
                ok = false
                continue
            }
            if unique && !seen.insert(s).inserted {
                error("`\(name)` lists \"\(s)\" more than once", at: item, in: file)
                ok = false
            }
            result.append(s)
        }
        return ok ? result : nil
    }

    func enumValue<E>(
        _ value: YAMLNode, _ name: String, _ allowed: [String], in file: String, _ make: (String) -> E?
    ) -> E? {
        if let s = value.string, let e = make(s) { return e }
        var message = "`\(name)` must be one of \(allowed.joined(separator: ", ")), found \(value.found)"
        if let s = value.string, let suggestion = KeywordSuggestion.closest(to: s, in: allowed) {
            message += "; did you mean `\(suggestion)`?"
        }
        error(message, at: value, in: file)
        return nil
    }

    /// The value as JSON (`enum`, `const`, examples); nil after reporting `.inf`/`.nan`.
    func json(_ value: YAMLNode, in file: String) -> JSONValue? {
        switch value.kind {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .number(let n): return .number(n)
        case .string(let s): return .string(s)
        case .nonFinite(let text):
            error("`\(text)` is not a JSON number (JSON has no infinity or NaN)", at: value, in: file)
            return nil
        case .sequence(let items):
            var result: [JSONValue] = []
            result.reserveCapacity(items.count)
            for item in items {
                guard let v = json(item, in: file) else { return nil }
                result.append(v)
            }
            return .array(result)
        case .mapping(let entries):
            var result: [(key: String, value: JSONValue)] = []
            result.reserveCapacity(entries.count)
            for entry in entries {
                guard let v = json(entry.value, in: file) else { return nil }
                result.append((entry.key, v))
            }
            return .object(result)
        }
    }

    func severityValue(_ value: YAMLNode, in file: String) -> Severity? {
        enumValue(value, "severity", Severity.allCases.map(\.rawValue), in: file) { Severity(rawValue: $0) }
    }

    /// `value`'s entries, or nil after reporting "`expectation`, found …" at it.
    func mapping(_ value: YAMLNode, _ expectation: String, in file: String) -> [YAMLEntry]? {
        if let entries = value.mapping { return entries }
        error("\(expectation), found \(value.found)", at: value, in: file)
        return nil
    }

    /// A keyword's value with its own severity and message when written in the long form, else
    /// the value as it is.
    func valueAndOverrides(_ value: YAMLNode, keyword: String, in file: String)
        -> (value: YAMLNode, severity: Severity?, message: String?)
    {
        longForm(value, keyword: keyword, in: file) ?? (value, nil, nil)
    }

    /// `{value: X, severity: warning, message: "…"}` → its parts; nil when `value` is no long form.
    func longForm(_ value: YAMLNode, keyword: String, in file: String)
        -> (value: YAMLNode, severity: Severity?, message: String?)?
    {
        guard let entries = value.mapping, let inner = entries.first(where: { $0.key == "value" }) else {
            return nil
        }
        var severity: Severity?
        var message: String?
        for entry in entries {
            switch entry.key {
            case "value": break
            case "severity": severity = severityValue(entry.value, in: file)
            case "message": message = string(entry.value, "message", in: file)
            default: unknown("key in the long form of `\(keyword)`", entry, known: ["value", "severity", "message"], in: file)
            }
        }
        return (inner.value, severity, message)
    }
}
