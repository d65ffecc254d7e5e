/// A rule document made ready for validation: immutable, `Sendable`, shared by every thread.
public final class CompiledRules: Sendable {
    public let document: RuleDocument
    let nodes: [CompiledNode]
    /// The nodes' hot fields as plain data (see `HotProgram`).
    let hot: HotProgram

    init(document: RuleDocument, nodes: [CompiledNode]) {
        self.document = document
        self.nodes = nodes
        self.hot = HotProgram(nodes)
    }

    public var id: String { document.id }
}

/// A problem found while compiling a rule document (bad regex, unknown format, risky pattern).
public struct RuleCompileIssue: Sendable, Hashable {
    public var location: RuleLocation
    public var message: String
    public var severity: Severity
}

/// Turns a loaded `RuleDocument` into `CompiledRules`: compiles every regex once (PCRE2, JIT),
/// resolves format names, and precomputes the lookup tables of the validator.
enum RuleCompiler {
    static func compile(_ document: RuleDocument) -> (rules: CompiledRules?, issues: [RuleCompileIssue]) {
        var issues: [RuleCompileIssue] = []
        var cache: [String: CompiledRegex] = [:]

        func regex(_ pattern: String, at location: RuleLocation) -> CompiledRegex? {
            if let r = cache[pattern] { return r }
            do {
                let r = try CompiledRegex(pattern)
                cache[pattern] = r
                if let warning = catastrophicBacktrackingWarning(pattern) {
                    issues.append(RuleCompileIssue(location: location, message: warning, severity: .warning))
                }
                return r
            } catch {
                issues.append(RuleCompileIssue(
                    location: location,
                    message: "invalid regular expression \(quoted(pattern)): \(error)", severity: .error))
                return nil
            }
        }

        var nodes: [CompiledNode] = []
        nodes.reserveCapacity(document.nodes.count)
        for (id, schema) in document.nodes.enumerated() {
            var compiled: CompiledRegex? = nil
            if let p = schema.pattern { compiled = regex(p.value, at: p.location) }
            var format: FormatName? = nil
            if let f = schema.format {
                format = FormatName(rawValue: f.value)
                if format == nil {
                    let known = FormatName.allCases.map(\.rawValue).joined(separator: ", ")
                    issues.append(RuleCompileIssue(
                        location: f.location, message: "unknown format \(quoted(f.value)); known formats: \(known)",
                        severity: .error))
                }
            }
            var patterns: [(regex: CompiledRegex, schema: SchemaID)] = []
            if let pp = schema.patternProperties {
                for entry in pp.value {
                    if let r = regex(entry.pattern, at: pp.location) { patterns.append((r, entry.schema)) }
                }
            }
            nodes.append(CompiledNode(id: id, schema: schema, regex: compiled, format: format, patternRegexes: patterns,
                                      isFalse: { document.nodes[$0].boolean == false }))
        }
        if issues.contains(where: { $0.severity == .error }) { return (nil, issues) }
        return (CompiledRules(document: document, nodes: nodes), issues)
    }
}

func quoted(_ s: String) -> String {
    var out = ""
    JSONValue.writeString(s, to: &out)
    return out
}
