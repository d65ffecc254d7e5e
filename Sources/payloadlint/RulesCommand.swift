import ArgumentParser
import Foundation
import JSONStream
import PayloadLint

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List, show and check rule files.",
        subcommands: [List.self, Show.self, Check.self]
    )

    struct RuleOptions: ParsableArguments {
        @Option(name: .long, help: ArgumentHelp("A folder of rule files, added to the built-in rules (repeatable).", valueName: "dir"))
        var rules: [String] = []

        func load() throws -> PayloadLinter {
            do {
                return try PayloadLinter(rules: rules.isEmpty ? .builtin : .builtinAnd(directories: rules))
            } catch {
                for p in error.problems { Console.error(p.description) }
                throw ExitCode(2)
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List rule sets: id, title, method and path.")
        @OptionGroup var options: RuleOptions

        func run() throws {
            let linter = try options.load()
            let docs = linter.documentIDs.compactMap { linter.documents[$0]?.document }
            let idWidth = docs.map(\.id.count).max() ?? 0
            let opWidth = docs.map { operation($0).count }.max() ?? 0
            for d in docs {
                print(d.id.padding(idWidth) + "  " + operation(d).padding(opWidth) + "  " + (d.title ?? ""))
            }
        }

        func operation(_ d: RuleDocument) -> String {
            [d.method, d.path].compactMap { $0 }.joined(separator: " ")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a rule set's constraints as a table.")
        @OptionGroup var options: RuleOptions
        @Argument(help: "The rule set's id.") var id: String

        func run() throws {
            let linter = try options.load()
            guard let rules = linter.documents[id] else {
                Console.error("payloadlint: unknown document id \"\(id)\" (known: \(linter.documentIDs.joined(separator: ", ")))")
                throw ExitCode(2)
            }
            print(RuleTable.render(rules.document), terminator: "")
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Check rule files or folders; print problems like a compiler (exit 2 on errors).")
        @Argument(help: "Rule files or folders.") var paths: [String]

        func run() throws {
            var folders: [String] = []
            var files: [String] = []
            for p in paths {
                var isDir: ObjCBool = false
                guard FileManager.default.fileExists(atPath: p, isDirectory: &isDir) else {
                    Console.error("payloadlint: \(p): no such file or directory")
                    throw ExitCode(2)
                }
                if isDir.boolValue { folders.append(p) } else { files.append(p) }
            }
            // A file is read from its own folder (its `$ref`s live there), alone: problems of
            // other files in that folder are not its own.
            var documents: [RuleDocument] = []
            var problems: [RuleProblem] = []
            if !folders.isEmpty {
                let checked = PayloadLinter.check(.directories(folders))
                documents += checked.documents
                problems += checked.problems
            }
            if !files.isEmpty {
                let checked = PayloadLinter.check(.files(files))
                documents += checked.documents
                problems += checked.problems
            }
            for p in problems { print(p.description) }
            let errors = problems.filter { $0.severity == .error }.count
            if errors > 0 {
                Console.error("\(errors) error\(errors == 1 ? "" : "s")")
                throw ExitCode(2)
            }
            let ids = documents.map(\.id)
            print("\(ids.count) rule set\(ids.count == 1 ? "" : "s") OK\(ids.isEmpty ? "" : ": " + ids.joined(separator: ", "))")
        }
    }
}

/// A readable table of a rule set's constraints: one row per schema, walked from the body and
/// the parameters.
enum RuleTable {
    static func render(_ doc: RuleDocument) -> String {
        var rows: [(String, String, String)] = []
        var out = "\(doc.id)"
        if let title = doc.title { out += " — \(title)" }
        out += "\n"
        if doc.method != nil || doc.path != nil { out += "operation: \([doc.method, doc.path].compactMap { $0 }.joined(separator: " "))\n" }
        if let errors = doc.errors { out += "errors: \(errors.rawValue)\n" }
        out += "file: \(doc.file)\n"
        var limits: [String] = []
        if let d = doc.limits.maxDepth { limits.append("maxDepth=\(d.value)") }
        if let b = doc.limits.maxBytes { limits.append("maxBytes=\(b.value)") }
        if !limits.isEmpty { out += "limits: \(limits.joined(separator: " "))\n" }
        out += "\n"
        for p in doc.parameters {
            var visiting: Set<Int> = []
            walk(doc, p.schema, path: "\(p.source.rawValue) /\(p.name)" + (p.required ? " (required)" : ""), into: &rows, visiting: &visiting)
        }
        if let body = doc.body {
            var visiting: Set<Int> = []
            walk(doc, body, path: "body /" + (doc.bodyRequired ? " (required)" : ""), into: &rows, visiting: &visiting)
        }
        let header = ("WHERE", "TYPE", "CONSTRAINTS")
        let w0 = max(header.0.count, rows.map(\.0.count).max() ?? 0)
        let w1 = max(header.1.count, rows.map(\.1.count).max() ?? 0)
        out += header.0.padding(w0) + "  " + header.1.padding(w1) + "  " + header.2 + "\n"
        for r in rows { out += r.0.padding(w0) + "  " + r.1.padding(w1) + "  " + r.2 + "\n" }
        return out
    }

    static func walk(_ doc: RuleDocument, _ id: SchemaID, path: String, into rows: inout [(String, String, String)],
                     visiting: inout Set<Int>)
    {
        guard doc.nodes.indices.contains(id) else { return }
        guard visiting.insert(id).inserted else {
            rows.append((path, "", "(recursive: see above)"))
            return
        }
        defer { visiting.remove(id) }
        let n = doc.nodes[id]
        let base = path.components(separatedBy: " (").first ?? path
        let slash = base.hasSuffix("/") ? base : base + "/"
        let type = n.boolean.map { $0 ? "any" : "nothing" } ?? n.types?.value.map(\.rawValue).joined(separator: "|") ?? ""
        rows.append((path, type, keywords(n).joined(separator: " ")))
        if let r = n.ref { walk(doc, r.value, path: base + " ($ref)", into: &rows, visiting: &visiting) }
        for p in n.properties?.value ?? [] {
            let required = n.required?.value.contains(p.name) == true ? " (required)" : ""
            walk(doc, p.schema, path: slash + JSONPointer.escape(p.name) + required, into: &rows, visiting: &visiting)
        }
        for p in n.patternProperties?.value ?? [] { walk(doc, p.schema, path: slash + "<\(p.pattern)>", into: &rows, visiting: &visiting) }
        if let a = n.additionalProperties { walk(doc, a.value, path: slash + "*", into: &rows, visiting: &visiting) }
        if let a = n.propertyNames { walk(doc, a.value, path: base + " (member names)", into: &rows, visiting: &visiting) }
        for (i, s) in (n.prefixItems?.value ?? []).enumerated() { walk(doc, s, path: slash + "\(i)", into: &rows, visiting: &visiting) }
        if let s = n.items { walk(doc, s.value, path: slash + "[]", into: &rows, visiting: &visiting) }
        if let s = n.contains { walk(doc, s.value, path: base + " (contains)", into: &rows, visiting: &visiting) }
        for (name, list) in [("allOf", n.allOf), ("anyOf", n.anyOf), ("oneOf", n.oneOf)] {
            for (i, s) in (list?.value ?? []).enumerated() { walk(doc, s, path: base + " (\(name)[\(i)])", into: &rows, visiting: &visiting) }
        }
        for (name, k) in [("not", n.not), ("if", n.ifSchema), ("then", n.thenSchema), ("else", n.elseSchema)] {
            if let k { walk(doc, k.value, path: base + " (\(name))", into: &rows, visiting: &visiting) }
        }
        for d in n.dependentSchemas?.value ?? [] { walk(doc, d.schema, path: base + " (if \(d.name) present)", into: &rows, visiting: &visiting) }
    }

    static func keywords(_ n: SchemaNode) -> [String] {
        var k: [String] = []
        func add<V>(_ name: String, _ kw: Keyword<V>?, _ show: (V) -> String) {
            guard let kw else { return }
            var s = "\(name)=\(show(kw.value))"
            if let sev = kw.severity { s += "(\(sev.rawValue))" }
            k.append(s)
        }
        func list(_ v: [String]) -> String { "[" + v.joined(separator: ",") + "]" }
        func q(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        add("enum", n.enumValues) { "[" + $0.map { "\($0)" }.joined(separator: ",") + "]" }
        add("const", n.const) { "\($0)" }
        add("minLength", n.minLength) { "\($0)" }
        add("maxLength", n.maxLength) { "\($0)" }
        add("minBytes", n.minBytes) { "\($0)" }
        add("maxBytes", n.maxBytes) { "\($0)" }
        add("pattern", n.pattern) { q($0) }
        add("format", n.format) { $0 }
        add("notBlank", n.notBlank) { "\($0)" }
        add("forbidden", n.forbidden) { list($0.map(q)) }
        add("forbidControl", n.forbidControl) { "\($0)" }
        add("mediaType", n.mediaType) { $0 }
        add("accepts", n.accepts) { $0 }
        add("minimum", n.minimum) { "\($0)" }
        add("maximum", n.maximum) { "\($0)" }
        add("exclusiveMinimum", n.exclusiveMinimum) { "\($0)" }
        add("exclusiveMaximum", n.exclusiveMaximum) { "\($0)" }
        add("multipleOf", n.multipleOf) { "\($0)" }
        add("maxClockSkew", n.maxClockSkew) { "\($0)s" }
        add("required", n.required) { list($0) }
        add("dependentRequired", n.dependentRequired) { list($0.map { "\($0.name)→\(list($0.requires))" }) }
        add("minProperties", n.minProperties) { "\($0)" }
        add("maxProperties", n.maxProperties) { "\($0)" }
        add("unknownProperties", n.unknownProperties) { $0.rawValue }
        add("maxPropertyPaths", n.maxPropertyPaths) { "\($0)" }
        add("maxKeyPathLength", n.maxKeyPathLength) { "\($0)" + (n.keyPathSeparator == "." ? "" : " separator=\(q(n.keyPathSeparator))") }
        add("clearedIfAbsent", n.clearedIfAbsent) { list($0) }
        add("minItems", n.minItems) { "\($0)" }
        add("maxItems", n.maxItems) { "\($0)" }
        add("uniqueItems", n.uniqueItems) { "\($0)" }
        add("minContains", n.minContains) { "\($0)" }
        add("maxContains", n.maxContains) { "\($0)" }
        add("maxDepth", n.maxDepth) { "\($0)" }
        add("immutable", n.immutable) { $0.rawValue }
        add("unique", n.unique) { $0.scope + ($0.known.isEmpty ? "" : " (\($0.known.count) known)") }
        add("equals", n.equals) { $0 }
        if let s = n.severity { k.append("severity=\(s.rawValue)") }
        return k
    }
}
