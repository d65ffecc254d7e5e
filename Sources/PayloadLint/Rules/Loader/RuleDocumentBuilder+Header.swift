/// The rule file's header: `id`, `operation`, `parameters`, `body`, `limits`, `examples`, ….
extension RuleDocumentBuilder {
    static let headerKeys: [String] = [
        "id", "title", "source", "description", "operation", "errors", "parameters", "parameterRules",
        "body", "bodyRequired", "$defs", "limits", "examples", "$schema", "$comment",
    ]

    /// The whole rule file → a document (nil when the file has no usable `id`).
    func build(_ root: YAMLNode) -> RuleDocument? {
        let file = ruleFile
        guard let entries = mapping(root, "the top level of a rule file must be a mapping", in: file) else { return nil }
        guard let idEntry = root.entry("id") else {
            error("a rule file needs an `id` (like `pubnub.set-uuid-metadata`)", at: root, in: file)
            return nil
        }
        guard let id = string(idEntry.value, "id", in: file) else { return nil }
        if id.isEmpty { error("`id` must not be empty", at: idEntry.value, in: file) }
        var document = RuleDocument(id: id, file: cache.display(file))
        let top = Place(file: file, tokens: [], depth: 0)
        for entry in entries {
            let value = entry.value
            let place = top.appending(entry.key)
            switch entry.key {
            case "id", "$schema", "$comment":
                break
            case "title":
                document.title = string(value, "title", in: file)
            case "source":
                document.source = string(value, "source", in: file)
            case "description":
                _ = string(value, "description", in: file)
            case "operation":
                operation(value, into: &document)
            case "errors":
                document.errors = enumValue(value, "errors", NativeErrorStyle.allCases.map(\.rawValue), in: file) {
                    NativeErrorStyle(rawValue: $0)
                }
            case "parameters":
                parameters(value, at: place, into: &document)
            case "parameterRules":
                parameterRules(value, at: place, into: &document)
            case "body":
                document.body = compileSchema(value, at: place)
            case "bodyRequired":
                if let b = bool(value, "bodyRequired", in: file) { document.bodyRequired = b }
            case "$defs":
                guard let members = mapping(value, "`$defs` must be a mapping of names to schemas", in: file) else { continue }
                for member in members { compileSchema(member.value, at: place.appending(member.key)) }
            case "limits":
                limits(value, at: place, into: &document)
            case "examples":
                examples(value, at: place, into: &document)
            default:
                unknown("rule file key", entry, known: Self.headerKeys, in: file)
            }
        }
        resolvePending()
        checkRecursion()
        sortErrors()
        document.nodes = nodes
        return document
    }

    /// The rule file's errors first, then those of the files it refers to; each by position.
    private func sortErrors() {
        let own = cache.display(ruleFile)
        errors = errors.enumerated().sorted { a, b in
            let x = a.element
            let y = b.element
            if (x.file == own) != (y.file == own) { return x.file == own }
            if x.file != y.file { return x.file < y.file }
            if x.line != y.line { return x.line < y.line }
            if x.column != y.column { return x.column < y.column }
            return a.offset < b.offset
        }.map(\.element)
    }

    private func operation(_ value: YAMLNode, into document: inout RuleDocument) {
        let file = ruleFile
        guard let entries = mapping(value, "`operation` must be a mapping `{method, path}`", in: file) else { return }
        for entry in entries {
            switch entry.key {
            case "method":
                if let method = string(entry.value, "method", in: file) {
                    let known = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
                    if known.contains(method.uppercased()) {
                        document.method = method.uppercased()
                    } else {
                        error("`method` must be an HTTP method (\(known.joined(separator: ", "))), found \(entry.value.found)",
                              at: entry.value, in: file)
                    }
                }
            case "path":
                if let path = string(entry.value, "path", in: file) {
                    if path.hasPrefix("/") {
                        document.path = path
                    } else {
                        error("`path` must start with `/`, found \(entry.value.found)", at: entry.value, in: file)
                    }
                }
            default:
                unknown("key of `operation`", entry, known: ["method", "path"], in: file)
            }
        }
    }

    private func parameters(_ value: YAMLNode, at place: Place, into document: inout RuleDocument) {
        let file = ruleFile
        guard let groups = mapping(value, "`parameters` must be a mapping with `path`, `query` and `header`", in: file) else { return }
        for group in groups {
            guard let source = ValueSource(rawValue: group.key), source != .body else {
                unknown("parameter kind", group, known: ["path", "query", "header"], in: file)
                continue
            }
            guard let members = mapping(group.value, "`parameters/\(group.key)` must be a mapping of parameter names to schemas", in: file) else { continue }
            for member in members {
                let memberPlace = place.appending(group.key, member.key)
                var schema = member.value
                var required = source == .path
                if let entries = schema.mapping, let flag = entries.first(where: { $0.key == "required" }) {
                    if case .bool(let b) = flag.value.kind {
                        required = b
                    } else {
                        error("in a parameter schema, `required` is the parameter's flag: true or false, found \(flag.value.found)",
                              at: flag.value, in: file)
                    }
                    schema.kind = .mapping(entries.filter { $0.key != "required" })
                }
                let id = compileSchema(schema, at: memberPlace)
                document.parameters.append(ParameterSpec(
                    source: source, name: member.key, schema: id, required: required,
                    location: location(memberPlace, member.line, member.column)))
            }
        }
    }

    private func parameterRules(_ value: YAMLNode, at place: Place, into document: inout RuleDocument) {
        let file = ruleFile
        guard let entries = mapping(value, "`parameterRules` must be a mapping", in: file) else { return }
        for entry in entries {
            guard entry.key == "dependentRequired" else {
                unknown("key of `parameterRules`", entry, known: ["dependentRequired"], in: file)
                continue
            }
            let (inner, severity, message) = valueAndOverrides(entry.value, keyword: entry.key, in: file)
            guard let rules = dependencies(inner, "dependentRequired", in: file) else { continue }
            var ok = true
            for name in rules.flatMap({ [$0.name] + $0.requires }) where !Self.isQualifiedParameter(name) {
                error("`dependentRequired` names parameters as `path.x`, `query.x` or `header.x`, found \"\(name)\"",
                      at: inner, in: file)
                ok = false
            }
            if ok {
                document.parameterDependencies = Keyword(
                    rules, at: location(place.appending(entry.key), entry.line, entry.column),
                    severity: severity, message: message)
            }
        }
    }

    private func limits(_ value: YAMLNode, at place: Place, into document: inout RuleDocument) {
        let file = ruleFile
        guard let entries = mapping(value, "`limits` must be a mapping `{maxDepth, maxBytes}`", in: file) else { return }
        for entry in entries {
            guard entry.key == "maxDepth" || entry.key == "maxBytes" else {
                unknown("key of `limits`", entry, known: ["maxDepth", "maxBytes"], in: file)
                continue
            }
            let (inner, severity, message) = valueAndOverrides(entry.value, keyword: entry.key, in: file)
            guard let n = nonNegativeInt(inner, entry.key, in: file) else { continue }
            let keyword = Keyword(n, at: location(place.appending(entry.key), entry.line, entry.column),
                                  severity: severity, message: message)
            if entry.key == "maxDepth" { document.limits.maxDepth = keyword } else { document.limits.maxBytes = keyword }
        }
    }

    private func examples(_ value: YAMLNode, at place: Place, into document: inout RuleDocument) {
        let file = ruleFile
        guard let groups = mapping(value, "`examples` must be a mapping `{valid: [...], invalid: [...]}`", in: file) else { return }
        for group in groups {
            guard group.key == "valid" || group.key == "invalid" else {
                unknown("key of `examples`", group, known: ["valid", "invalid"], in: file)
                continue
            }
            guard let items = group.value.sequence else {
                error("`examples/\(group.key)` must be an array of examples, found \(group.value.found)", at: group.value, in: file)
                continue
            }
            for (index, item) in items.enumerated() {
                if let example = self.example(item, valid: group.key == "valid", index: index,
                                              at: place.appending(group.key, String(index)))
                {
                    document.examples.append(example)
                }
            }
        }
    }

    private func example(_ value: YAMLNode, valid: Bool, index: Int, at place: Place) -> RuleExample? {
        let file = ruleFile
        guard let entries = mapping(value, "an example must be a mapping `{name, body, params, previous, expect}`", in: file) else { return nil }
        var example = RuleExample(
            name: "\(valid ? "valid" : "invalid") #\(index + 1)", isValid: valid, body: nil,
            location: location(place, value.line, value.column))
        var ok = true
        var sawExpect = false
        for entry in entries {
            switch entry.key {
            case "name":
                if let name = string(entry.value, "name", in: file) { example.name = name } else { ok = false }
            case "body":
                if let body = json(entry.value, in: file) { example.body = body } else { ok = false }
            case "previous":
                if let previous = json(entry.value, in: file) { example.previous = previous } else { ok = false }
            case "params":
                guard let params = entry.value.mapping else {
                    error("`params` must be a mapping like `{path.uuid: text}`, found \(entry.value.found)",
                          at: entry.value, in: file)
                    ok = false
                    continue
                }
                for param in params {
                    guard Self.isQualifiedParameter(param.key) else {
                        error("example parameters are named `path.x`, `query.x` or `header.x`, found \"\(param.key)\"",
                              at: param, in: file)
                        ok = false
                        continue
                    }
                    switch param.value.kind {
                    case .string(let s): example.parameters[param.key] = s
                    case .number(let n): example.parameters[param.key] = n.text
                    case .bool(let b): example.parameters[param.key] = b ? "true" : "false"
                    default:
                        error("an example parameter is text, found \(param.value.found)", at: param.value, in: file)
                        ok = false
                    }
                }
            case "expect":
                sawExpect = true
                if valid {
                    error("a valid example has no `expect`; move it to `invalid`", at: entry, in: file)
                    ok = false
                } else if let expect = expectations(entry.value) {
                    example.expect = expect
                } else {
                    ok = false
                }
            default:
                unknown("key of an example", entry, known: ["name", "body", "params", "previous", "expect"], in: file)
                ok = false
            }
        }
        if !valid && !sawExpect {
            error("an invalid example needs `expect: [{code, pointer}]`", at: value, in: file)
            ok = false
        }
        return ok ? example : nil
    }

    private func expectations(_ value: YAMLNode) -> [ExpectedFinding]? {
        let file = ruleFile
        guard let items = value.sequence, !items.isEmpty else {
            error("`expect` must be a non-empty array of `{code, pointer, in, severity}`, found \(value.found)",
                  at: value, in: file)
            return nil
        }
        var result: [ExpectedFinding] = []
        for item in items {
            guard let entries = mapping(item, "an expected finding must be a mapping `{code, pointer, in, severity}`", in: file) else { return nil }
            var code: DiagnosticCode?
            var pointer: String?
            var source: ValueSource?
            var severity: Severity?
            for entry in entries {
                switch entry.key {
                case "code":
                    if let text = string(entry.value, "code", in: file) {
                        if !text.isEmpty && text.allSatisfy({ $0.isLowercase || $0 == "_" || $0.isNumber }) {
                            code = DiagnosticCode(rawValue: text)
                        } else {
                            error("`code` must be a diagnostic code like `too_long`, found \(entry.value.found)",
                                  at: entry.value, in: file)
                            return nil
                        }
                    }
                case "pointer":
                    if let text = string(entry.value, "pointer", in: file) {
                        if text.isEmpty || text.hasPrefix("/") {
                            pointer = text
                        } else {
                            error("`pointer` must be a JSON pointer (empty or starting with `/`), found \(entry.value.found)",
                                  at: entry.value, in: file)
                            return nil
                        }
                    }
                case "in":
                    source = enumValue(entry.value, "in", ValueSource.allCases.map(\.rawValue), in: file) {
                        ValueSource(rawValue: $0)
                    }
                    if source == nil { return nil }
                case "severity":
                    severity = severityValue(entry.value, in: file)
                    if severity == nil { return nil }
                default:
                    unknown("key of an expected finding", entry, known: ["code", "pointer", "in", "severity"], in: file)
                    return nil
                }
            }
            guard let code, let pointer else {
                error("an expected finding needs `code` and `pointer`", at: item, in: file)
                return nil
            }
            result.append(ExpectedFinding(code: code, pointer: pointer, source: source, severity: severity))
        }
        return result
    }
}
