import Foundation
import Testing

/// Golden outputs per format for rule-free inputs (`Golden/<format>.golden`). JSON outputs are
/// compared structurally, the others as text. Regenerate with `PAYLOADLINT_UPDATE_GOLDEN=1`.
@Suite struct GoldenTests {
    static let formats = ["text", "json", "jsonl", "sarif", "github", "junit"]
    static let update = ProcessInfo.processInfo.environment["PAYLOADLINT_UPDATE_GOLDEN"] == "1"

    static func inputs() throws -> TempDir {
        let dir = try TempDir()
        try dir.write("syntax.json", Inputs.syntaxError)
        try dir.write("duplicate.json", Inputs.duplicateKeys)
        try dir.write("good.json", Inputs.good)
        try dir.write("records.ndjson", "{\"a\": 1}\n{\"a\": [1,}\n{\"b\": 1, \"b\": 2}\n")
        return dir
    }

    @Test(arguments: formats)
    func golden(format: String) throws {
        let dir = try Self.inputs()
        let r = try CLI.run(["lint", "--format", format, "--color", "never",
                             "syntax.json", "duplicate.json", "good.json", "records.ndjson"], cwd: dir.url)
        #expect(r.status == 1, "\(r.stderr)")
        let file = CLI.goldenDirectory.appendingPathComponent("\(format).golden")
        if Self.update {
            try FileManager.default.createDirectory(at: CLI.goldenDirectory, withIntermediateDirectories: true)
            try r.stdoutData.write(to: file)
            print("updated \(file.path)")
            return
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        switch format {
        case "json", "sarif":
            #expect(jsonEqual(try parseJSON(r.stdout), try parseJSON(expected)), "\(format) differs from \(file.path):\n\(r.stdout)")
        case "jsonl":
            let got = try r.stdout.split(separator: "\n").map { try parseJSON(String($0)) }
            let want = try expected.split(separator: "\n").map { try parseJSON(String($0)) }
            #expect(got.count == want.count)
            for (g, w) in zip(got, want) { #expect(jsonEqual(g, w), "jsonl differs:\n\(r.stdout)") }
        default:
            #expect(r.stdout == expected, "\(format) differs from \(file.path):\n\(r.stdout)")
        }
    }

    @Test func sarifValidatesAgainstTheSchema() throws {
        let schema = URL(fileURLWithPath: "/work/shared/schemas/sarif-schema-2.1.0.json")
        let probe = try CLI.shell("python3 -c 'import jsonschema' 2>&1", cwd: URL(fileURLWithPath: "/"))
        guard probe.status == 0 else {
            print("skipped: python3 jsonschema is not installed (\(probe.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))")
            return
        }
        guard FileManager.default.fileExists(atPath: schema.path) else {
            print("skipped: \(schema.path) is missing")
            return
        }
        let dir = try Self.inputs()
        try dir.write("we ird,name.json", Inputs.duplicateKeys)
        let r = try CLI.run(["lint", "--format", "sarif", "--output", "out.sarif", "."], cwd: dir.url)
        #expect(r.status == 1)
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            doc = json.load(open(sys.argv[2]))
            jsonschema.validate(doc, schema, cls=jsonschema.Draft7Validator)
            assert doc["version"] == "2.1.0"
            assert len(doc["runs"][0]["results"]) >= 5, doc["runs"][0]["results"]
            print("valid")
            """
        try dir.write("check.py", script)
        let check = try CLI.shell("python3 check.py '\(schema.path)' out.sarif", cwd: dir.url)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("valid"))
    }
}
