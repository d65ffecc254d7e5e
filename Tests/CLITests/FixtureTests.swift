import Foundation
import Testing

/// Every shipped fixture through `payloadlint lint --document <id> --format jsonl`:
/// - its findings match `NAME.expect.json` (code, pointer, in, severity, record) as a multiset;
/// - its full jsonl output (messages, positions, rule locations) matches `NAME.expected.jsonl`,
///   regenerated with `PAYLOADLINT_UPDATE_GOLDEN=1`.
@Suite struct FixtureTests {
    static let apis = [
        ("fullstory", "fullstory.update-user"), ("pubnub", "pubnub.set-uuid-metadata"),
        ("frontier", "frontier.update-user"), ("pace", "pace.update-user"),
    ]
    /// A fixed clock: fixtures with timestamps stay reproducible.
    static let now = "1700000000"

    struct Key: Hashable, CustomStringConvertible {
        var code: String, pointer: String, source: String, severity: String, record: Int?
        var description: String { "\(code) \(pointer) in \(source) (\(severity))\(record.map { " record \($0)" } ?? "")" }
    }

    /// Each API's native error bodies for all its fixtures (`--format native`), one golden per API.
    @Test(arguments: apis)
    func nativeResponsesMatchTheGolden(_ api: String, _ document: String) throws {
        let result = try CLI.run(["lint", "--document", document, "--format", "native", "--now", Self.now, "--jobs", "1",
                                  "Fixtures/\(api)"], cwd: CLI.packageRoot)
        #expect(result.status <= 1, "exit \(result.status): \(result.stderr)")
        let goldenURL = CLI.packageRoot.appendingPathComponent("Fixtures/\(api)/native.expected.jsonl")
        if ProcessInfo.processInfo.environment["PAYLOADLINT_UPDATE_GOLDEN"] == "1" {
            try result.stdout.write(to: goldenURL, atomically: true, encoding: .utf8)
            return
        }
        guard let golden = try? String(contentsOf: goldenURL, encoding: .utf8) else {
            Issue.record("no golden \(goldenURL.path) (PAYLOADLINT_UPDATE_GOLDEN=1 writes it)")
            return
        }
        let a = try golden.split(separator: "\n").map { try parseJSON(String($0)) }
        let b = try result.stdout.split(separator: "\n").map { try parseJSON(String($0)) }
        #expect(a.count == b.count)
        for (i, (x, y)) in zip(a, b).enumerated() where !jsonEqual(x, y) {
            Issue.record("Fixtures/\(api): native response \(i + 1) differs from native.expected.jsonl")
        }
    }

    @Test(arguments: apis)
    func fixturesMatchTheirExpectations(_ api: String, _ document: String) throws {
        let folder = CLI.packageRoot.appendingPathComponent("Fixtures/\(api)")
        let result = try CLI.run(["lint", "--document", document, "--format", "jsonl", "--now", Self.now, "--jobs", "1",
                                  "Fixtures/\(api)"], cwd: CLI.packageRoot)
        #expect(result.status <= 1, "exit \(result.status): \(result.stderr)")
        var lines: [String: [String]] = [:]
        for line in result.stdout.split(separator: "\n") {
            guard let object = try parseJSON(String(line)) as? [String: Any], let file = object["file"] as? String else { continue }
            lines[file, default: []].append(String(line))
        }
        let update = ProcessInfo.processInfo.environment["PAYLOADLINT_UPDATE_GOLDEN"] == "1"
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            .filter { ($0.hasSuffix(".json") || $0.hasSuffix(".ndjson")) && !$0.contains(".params.") && !$0.contains(".expect") }
        #expect(names.count > 20)
        for name in names {
            let relative = "Fixtures/\(api)/\(name)"
            let stem = name.hasSuffix(".ndjson") ? String(name.dropLast(7)) : String(name.dropLast(5))
            let produced = lines[relative] ?? []
            // 1. The structural expectation written from the seed.
            let expectURL = folder.appendingPathComponent(stem + ".expect.json")
            if let data = FileManager.default.contents(atPath: expectURL.path),
               let expected = try JSONSerialization.jsonObject(with: data) as? [[String: Any]]
            {
                var want = expected.map { Key(code: $0["code"] as? String ?? "", pointer: $0["pointer"] as? String ?? "",
                                              source: $0["in"] as? String ?? "body", severity: $0["severity"] as? String ?? "error",
                                              record: $0["record"] as? Int) }
                let recordWanted = expected.contains { $0["record"] != nil }
                var extra: [Key] = []
                for line in produced {
                    guard let o = try parseJSON(line) as? [String: Any] else { continue }
                    let k = Key(code: o["code"] as? String ?? "", pointer: o["pointer"] as? String ?? "",
                                source: o["in"] as? String ?? "", severity: o["severity"] as? String ?? "",
                                record: recordWanted ? o["record"] as? Int : nil)
                    if let i = want.firstIndex(of: k) { want.remove(at: i) } else { extra.append(k) }
                }
                for k in want { Issue.record("\(relative): expected \(k), not produced") }
                for k in extra { Issue.record("\(relative): unexpected \(k)") }
            } else {
                Issue.record("\(relative): no \(stem).expect.json")
            }
            // 2. The full golden output.
            let goldenURL = folder.appendingPathComponent(stem + ".expected.jsonl")
            let text = produced.map { $0 + "\n" }.joined()
            if update {
                try text.write(to: goldenURL, atomically: true, encoding: .utf8)
            } else if let golden = try? String(contentsOf: goldenURL, encoding: .utf8) {
                let a = try golden.split(separator: "\n").map { try parseJSON(String($0)) }
                let b = try text.split(separator: "\n").map { try parseJSON(String($0)) }
                #expect(a.count == b.count && zip(a, b).allSatisfy { jsonEqual($0, $1) },
                        "\(relative): output differs from \(stem).expected.jsonl (PAYLOADLINT_UPDATE_GOLDEN=1 regenerates)")
            } else {
                Issue.record("\(relative): no golden \(stem).expected.jsonl (PAYLOADLINT_UPDATE_GOLDEN=1 writes it)")
            }
        }
    }
}
