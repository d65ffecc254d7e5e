import Foundation
import Testing

@testable import PayloadLint

/// JSON-Schema-Test-Suite `optional/ecmascript-regex.json`, run straight against
/// `CompiledRegex` (no validator yet): every group whose schema is a `pattern`, or
/// `patternProperties` with `additionalProperties: false`, has its pattern extracted and
/// its data matched directly.
@Suite struct ConformanceRegexTests {
    /// Cases PCRE2 cannot do, by "group description / test description", with the reason.
    /// Currently none: every case in the file passes.
    static let unsupported: [String: String] = [:]

    static let suiteFile: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Regex
        .deletingLastPathComponent()  // PayloadLintTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .appendingPathComponent("../shared/conformance/JSON-Schema-Test-Suite/draft2020-12/optional/ecmascript-regex.json")
        .standardizedFileURL

    @Test func ecmascriptRegexSuite() throws {
        guard let data = FileManager.default.contents(atPath: Self.suiteFile.path) else {
            print("skipping ecmascript-regex.json: \(Self.suiteFile.path) not found")
            return
        }
        let groups = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        var passed = 0
        var skipped: [String] = []
        var failed: [String] = []
        for group in groups {
            let groupName = group["description"] as? String ?? "?"
            let schema = group["schema"] as? [String: Any] ?? [:]
            let tests = group["tests"] as? [[String: Any]] ?? []
            let requiresString = schema["type"] as? String == "string"
            let patterns: [String]
            let onKeys: Bool
            if let pattern = schema["pattern"] as? String {
                patterns = [pattern]
                onKeys = false
            } else if let properties = schema["patternProperties"] as? [String: Any],
                schema["additionalProperties"] as? Bool == false,
                properties.values.allSatisfy({ ($0 as? Bool) == true })
            {
                patterns = Array(properties.keys)
                onKeys = true
            } else {
                skipped += tests.map { "\(groupName) / \($0["description"] ?? "?"): schema shape not handled" }
                continue
            }
            let regexes: [CompiledRegex]
            do {
                regexes = try patterns.map { try CompiledRegex($0) }
            } catch {
                failed += tests.map { "\(groupName) / \($0["description"] ?? "?"): \(error)" }
                continue
            }
            for test in tests {
                let name = "\(groupName) / \(test["description"] as? String ?? "?")"
                let expected = test["valid"] as? Bool ?? false
                if let reason = Self.unsupported[name] {
                    skipped.append("\(name): \(reason)")
                    continue
                }
                var verdicts: [RegexMatch] = []
                let valid: Bool
                if onKeys, let object = test["data"] as? [String: Any] {
                    // additionalProperties: false => every key must match some pattern.
                    verdicts = object.keys.flatMap { key in regexes.map { $0.matches(key) } }
                    valid = object.keys.allSatisfy { key in regexes.contains { $0.matches(key) == .match } }
                } else if !onKeys, let string = test["data"] as? String {
                    verdicts = [regexes[0].matches(string)]
                    valid = verdicts[0] == .match
                } else {
                    valid = !requiresString  // pattern keywords ignore other types
                }
                if verdicts.contains(where: { if case .limitExceeded = $0 { true } else { false } }) {
                    failed.append("\(name): regex limit exceeded")
                } else if valid == expected {
                    passed += 1
                } else {
                    failed.append("\(name): expected valid=\(expected)")
                }
            }
        }
        print("ecmascript-regex.json: \(passed) passed, \(skipped.count) skipped, \(failed.count) failed")
        for line in skipped { print("  skipped: \(line)") }
        #expect(failed.isEmpty, "\(failed.joined(separator: "\n"))")
        #expect(passed > 0)
    }
}
