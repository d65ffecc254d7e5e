import Testing
@testable import PayloadLint

/// Every `examples` entry of every built-in rule file: valid ones produce no finding at all,
/// invalid ones exactly the findings they list (code, pointer, and `in`/severity when given).
@Suite struct RuleExamplesTests {
    static let linter: PayloadLinter? = try? PayloadLinter(rules: .builtin, options: {
        var o = LintOptions()
        o.now = 1_700_000_000
        return o
    }())

    static var cases: [String] {
        (linter?.documentIDs ?? []).flatMap { id in
            (linter?.documents[id]?.document.examples ?? []).map { "\(id) › \($0.name)" }
        }
    }

    @Test func builtinRulesLoad() throws {
        do {
            let linter = try PayloadLinter(rules: .builtin)
            #expect(linter.documentIDs == ["fullstory.update-user", "frontier.update-user", "pace.update-user", "pubnub.set-uuid-metadata"].sorted())
        } catch {
            Issue.record("built-in rules do not load: \(error)")
        }
    }

    @Test(arguments: cases)
    func example(_ name: String) throws {
        guard let linter = Self.linter else { return }
        let parts = name.components(separatedBy: " › ")
        guard let rules = linter.documents[parts[0]],
              let example = rules.document.examples.first(where: { $0.name == parts[1] }) else { return }
        let body = example.body.map { Array($0.description.utf8) }
        let previous = example.previous.map { Array($0.description.utf8) }
        let report = try linter.lint(body, document: parts[0], previous: previous, parameters: example.parameters)
        let found = report.diagnostics.map { "\($0.code.rawValue) \($0.pointer) \($0.source.rawValue) \($0.severity.rawValue)" }
        if example.isValid {
            #expect(report.diagnostics.isEmpty, "\(name): expected no findings, got \(found)")
            return
        }
        var remaining = report.diagnostics
        for e in example.expect {
            if let i = remaining.firstIndex(where: {
                $0.code == e.code && $0.pointer == e.pointer && (e.source == nil || $0.source == e.source)
                    && (e.severity == nil || $0.severity == e.severity)
            }) {
                remaining.remove(at: i)
            } else {
                Issue.record("\(name): expected \(e.code) at \(e.pointer) — found \(found)")
            }
        }
        for d in remaining {
            Issue.record("\(name): unexpected \(d.code) at \(d.pointer) (\(d.severity)): \(d.message)")
        }
    }
}
