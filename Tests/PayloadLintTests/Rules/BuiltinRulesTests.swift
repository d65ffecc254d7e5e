import Foundation
import Testing
@testable import PayloadLint

/// The built-in rules are compiled into the library from `rules/` (Scripts/embed-rules.py,
/// `make rules`): the embedded copy must be the files as they are.
@Suite struct BuiltinRulesTests {
    @Test func generatedFileIsCurrent() throws {
        let rules = TestPaths.packageRoot.appendingPathComponent("rules")
        var onDisk: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(atPath: rules.path)
        while let next = enumerator?.nextObject() as? String {
            guard next.hasSuffix(".yaml") || next.hasSuffix(".yml") || next.hasSuffix(".json") else { continue }
            onDisk[next] = try String(contentsOf: rules.appendingPathComponent(next), encoding: .utf8)
        }
        #expect(Set(onDisk.keys) == Set(BuiltinRules.files.keys), "run `make rules`")
        for (path, text) in onDisk {
            // The generator drops trailing newlines (a raw string literal ends at its last line).
            #expect(BuiltinRules.files[path] == String(text.reversed().drop(while: { $0 == "\n" }).reversed()),
                    "\(path) changed since it was embedded: run `make rules`")
        }
    }

    /// The examples section loses its text, not its lines: every other line keeps its number.
    @Test func examplesAreBlankedLineByLine() {
        let text = "id: x\nbody: {}\n\nexamples:\n  valid:\n\n    - a\n# note\nlimits: {}\nexamples: again\n"
        #expect(RuleSetLoader.withoutExamples(text) == "id: x\nbody: {}\n\n\n\n\n\n\nlimits: {}\nexamples: again\n")
        // The section at the end, without a final newline; a file without one is unchanged.
        #expect(RuleSetLoader.withoutExamples("id: y\nexamples:\n  - b") == "id: y\n\n")
        #expect(RuleSetLoader.withoutExamples("id: z\nbody: {}") == "id: z\nbody: {}")
        #expect(RuleSetLoader.withoutExamples("examples: []") == "")
        for (path, text) in BuiltinRules.files {
            let trimmed = RuleSetLoader.withoutExamples(text)
            #expect(trimmed.split(separator: "\n", omittingEmptySubsequences: false).count
                    == text.split(separator: "\n", omittingEmptySubsequences: false).count, "\(path)")
            #expect(!trimmed.contains("\nexamples:"), "\(path)")
        }
    }

    @Test func builtinRulesWorkFromAnyFolder() throws {
        let linter = try PayloadLinter(rules: .builtin)
        let report = try linter.lint(#"{"name": ""}"#, document: "pubnub.set-uuid-metadata")
        #expect(report.diagnostics.map(\.code) == [.tooShort, .blankValue])
        #expect(report.diagnostics.first?.rule?.file == "rules/pubnub/set-uuid-metadata.yaml")
    }

    @Test func aFolderOverridesABuiltinDocumentByID() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("payloadlint-rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try """
            id: pubnub.set-uuid-metadata
            body: { type: object, properties: { name: { maxLength: 2 } } }
            """.write(to: dir.appendingPathComponent("override.yaml"), atomically: true, encoding: .utf8)
        let linter = try PayloadLinter(rules: .builtinAnd(directories: [dir.path]))
        let report = try linter.lint(#"{"name": "abc"}"#, document: "pubnub.set-uuid-metadata")
        #expect(report.diagnostics.map(\.code) == [.tooLong])
        #expect(linter.documentIDs.count == 4)
    }
}
