import Foundation

/// `$ref` resolution (a worklist over files of the same source) and the recursion check.
extension RuleDocumentBuilder {
    /// Records `$ref: text` written at `value` in `file`; the target is compiled later by
    /// `resolvePending()`. Returns the target's `SchemaID`, or nil after reporting a bad reference.
    func reference(_ text: String, at value: YAMLNode, in file: String) -> SchemaID? {
        let base: Substring
        let fragment: Substring?
        if let hash = text.firstIndex(of: "#") {
            base = text[..<hash]
            fragment = text[text.index(after: hash)...]
        } else {
            base = Substring(text)
            fragment = nil
        }
        if base.contains("://") || base.hasPrefix("urn:") {
            error("`$ref` \"\(text)\": remote references are not supported; refer to a file in the rules folder",
                  at: value, in: file)
            return nil
        }
        var targetFile = file
        if !base.isEmpty {
            let decoded = String(base).removingPercentEncoding ?? String(base)
            guard let resolved = RulePath.resolve(decoded, relativeTo: file) else {
                error("`$ref` \"\(text)\" refers outside the rules folder", at: value, in: file)
                return nil
            }
            targetFile = resolved
        }
        var tokens: [String] = []
        if let fragment, !fragment.isEmpty {
            if !fragment.hasPrefix("/") {
                guard let found = anchor(String(fragment), in: targetFile) else {
                    error("`$ref` \"\(text)\" resolves nowhere: no `$anchor: \(fragment)` in `\(cache.display(targetFile))`",
                          at: value, in: file)
                    return nil
                }
                tokens = found
            }
            for raw in fragment.hasPrefix("/") ? fragment.dropFirst().split(separator: "/", omittingEmptySubsequences: false) : [] {
                guard let decoded = String(raw).removingPercentEncoding else {
                    error("`$ref` \"\(text)\": bad percent-encoding in `\(raw)`", at: value, in: file)
                    return nil
                }
                tokens.append(decoded.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~"))
            }
        }
        let place = Place(file: targetFile, tokens: tokens, depth: 0)
        let (id, isNew) = slot(place)
        if isNew {
            let from = RuleFileError(file: cache.display(file), line: value.line, column: value.column, message: "")
            pending.append(PendingReference(file: targetFile, tokens: tokens, id: id, text: text, from: from))
        }
        return id
    }

    /// The pointer tokens of the schema declaring `$anchor: name` in `file` (breadth-first,
    /// iterative), or nil.
    private func anchor(_ name: String, in file: String) -> [String]? {
        guard case .parsed(let root?) = cache.document(file) else { return nil }
        var queue: [(node: YAMLNode, tokens: [String])] = [(root, [])]
        var index = 0
        while index < queue.count {
            let (node, tokens) = queue[index]
            index += 1
            if let entries = node.mapping {
                if entries.contains(where: { $0.key == "$anchor" && $0.value.string == name }) { return tokens }
                for entry in entries where entry.value.mapping != nil || entry.value.sequence != nil {
                    queue.append((entry.value, tokens + [entry.key]))
                }
            } else if let items = node.sequence {
                for (i, item) in items.enumerated() { queue.append((item, tokens + [String(i)])) }
            }
        }
        return nil
    }

    /// Compiles every referenced schema not compiled yet (references found on the way included).
    func resolvePending() {
        var index = 0
        while index < pending.count {
            let next = pending[index]
            index += 1
            guard !filled[next.id] else { continue }
            func fail(_ message: String) {
                var failure = next.from
                failure.message = "`$ref` \"\(next.text)\" \(message)"
                errors.append(failure)
                filled[next.id] = true
                nodes[next.id].boolean = true
            }
            let root: YAMLNode
            switch cache.document(next.file) {
            case .unreadable(let problem):
                if problem.message.contains("refers outside") {
                    fail("refers outside the rules folder")
                } else {
                    fail("resolves nowhere: \(problem.message)")
                }
                continue
            case .invalid(let problem):
                errors.append(problem)
                fail("resolves nowhere: `\(cache.display(next.file))` is not valid YAML")
                continue
            case .parsed(nil):
                fail("resolves nowhere: `\(cache.display(next.file))` is empty")
                continue
            case .parsed(let node?):
                root = node
            }
            var current = root
            var walked: [String] = []
            var missing: String?
            for token in next.tokens {
                let parent = walked.isEmpty ? "the document root" : "`\(walked.joined(separator: "/"))`"
                if let entries = current.mapping {
                    if let entry = entries.first(where: { $0.key == token }) {
                        current = entry.value
                    } else {
                        var text = "\(parent) has no member `\(token)`"
                        if let suggestion = KeywordSuggestion.closest(to: token, in: entries.map(\.key)) {
                            text += " (did you mean `\(suggestion)`?)"
                        }
                        missing = text
                        break
                    }
                } else if let items = current.sequence, let index = Int(token), index >= 0, index < items.count,
                    String(index) == token
                {
                    current = items[index]
                } else {
                    missing = "\(parent) is \(current.found), which has no `\(token)`"
                    break
                }
                walked.append(token)
            }
            if let missing {
                let where_ = next.file == ruleFile ? "" : " in `\(cache.display(next.file))`"
                fail("resolves nowhere: \(missing)\(where_)")
                continue
            }
            compileSchema(current, at: Place(file: next.file, tokens: next.tokens, depth: 0))
        }
    }

    // MARK: Recursion with no container in between

    private struct Edge {
        var to: SchemaID
        var location: RuleLocation
        var isReference: Bool
    }

    /// Edges that apply a schema to the same instance (no descent into a member or item).
    private func sameInstanceEdges(_ id: SchemaID) -> [Edge] {
        let node = nodes[id]
        var edges: [Edge] = []
        if let ref = node.ref { edges.append(Edge(to: ref.value, location: ref.location, isReference: true)) }
        for list in [node.allOf, node.anyOf, node.oneOf] {
            if let list { for to in list.value { edges.append(Edge(to: to, location: list.location, isReference: false)) } }
        }
        for single in [node.not, node.ifSchema, node.thenSchema, node.elseSchema] {
            if let single { edges.append(Edge(to: single.value, location: single.location, isReference: false)) }
        }
        if let deps = node.dependentSchemas {
            for dep in deps.value { edges.append(Edge(to: dep.schema, location: deps.location, isReference: false)) }
        }
        return edges
    }

    private func describe(_ id: SchemaID) -> String {
        let location = nodes[id].location
        let pointer = location.keywordPath.isEmpty ? "#" : "#/" + location.keywordPath
        return location.file == cache.display(ruleFile) ? pointer : location.file + pointer
    }

    /// Reports every cycle of `$ref`/`allOf`/`anyOf`/`oneOf`/`not`/`if`/`then`/`else`/`dependentSchemas`
    /// that passes no `properties`, `items`, … — validating it would never end. Iterative DFS.
    func checkRecursion() {
        var state = [UInt8](repeating: 0, count: nodes.count)  // 0 new, 1 on the path, 2 done
        var reported = Set<RuleLocation>()
        for start in nodes.indices where state[start] == 0 {
            var path: [(id: SchemaID, edges: [Edge], next: Int)] = [(start, sameInstanceEdges(start), 0)]
            state[start] = 1
            while let top = path.last {
                guard top.next < top.edges.count else {
                    state[top.id] = 2
                    path.removeLast()
                    continue
                }
                let edge = top.edges[top.next]
                path[path.count - 1].next += 1
                switch state[edge.to] {
                case 0:
                    state[edge.to] = 1
                    path.append((edge.to, sameInstanceEdges(edge.to), 0))
                case 1:
                    guard let begin = path.lastIndex(where: { $0.id == edge.to }) else { continue }
                    var cycleEdges: [Edge] = []
                    for step in path[begin...].dropLast() { cycleEdges.append(step.edges[step.next - 1]) }
                    cycleEdges.append(edge)
                    let blamed = cycleEdges.first(where: \.isReference) ?? edge
                    guard reported.insert(blamed.location).inserted else { continue }
                    let names = path[begin...].map { describe($0.id) } + [describe(edge.to)]
                    errors.append(RuleFileError(
                        file: blamed.location.file, line: blamed.location.line, column: blamed.location.column,
                        message: "recursion with no object or array keyword in between would never end: "
                            + names.joined(separator: " → ")))
                default:
                    break
                }
            }
        }
    }
}
