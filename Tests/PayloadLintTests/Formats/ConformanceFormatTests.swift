import Foundation
import Testing
import PayloadLint

/// Runs JSON-Schema-Test-Suite `draft2020-12/optional/format/*.json` through `FormatChecker`.
@Suite struct ConformanceFormatTests {
    static let files: [(file: String, format: FormatName)] = [
        ("date-time", .dateTime), ("date", .date), ("email", .email), ("hostname", .hostname),
        ("ipv4", .ipv4), ("uri", .uri), ("uuid", .uuid),
    ]

    /// `<package>/../shared/conformance/JSON-Schema-Test-Suite/draft2020-12/optional/format`
    static var directory: URL {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<5 { url.deleteLastPathComponent() }  // this file, Formats, PayloadLintTests, Tests, <package>
        return url.appendingPathComponent("shared/conformance/JSON-Schema-Test-Suite/draft2020-12/optional/format")
    }

    @Test(arguments: files.map(\.file))
    func suiteFile(_ name: String) throws {
        let format = try #require(Self.files.first { $0.file == name }?.format)
        let url = Self.directory.appendingPathComponent(name + ".json")
        guard FileManager.default.fileExists(atPath: url.path) else {
            print("skipping \(name).json: conformance suite not found at \(url.path)")
            return
        }
        let groups = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url), options: [.fragmentsAllowed]) as? [[String: Any]])
        var total = 0, passed = 0, nonString = 0
        for group in groups {
            let tests = try #require(group["tests"] as? [[String: Any]])
            for test in tests {
                total += 1
                let valid = try #require(test["valid"] as? Bool)
                guard let data = test["data"] as? String else {
                    // Non-string instances are always valid under `format`.
                    nonString += 1
                    if valid { passed += 1 }
                    #expect(valid, "\(name): non-string case expected invalid: \(test["description"] ?? "")")
                    continue
                }
                let result = FormatChecker.check(format, data)
                if result == valid { passed += 1 }
                #expect(result == valid, "\(name): \(data.debugDescription) — \(test["description"] ?? "")")
            }
        }
        print("conformance \(name).json: \(passed)/\(total) passed (\(nonString) non-string)")
        #expect(passed == total)
    }
}
