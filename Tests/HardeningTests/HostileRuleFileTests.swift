import Foundation
import Testing

/// Hostile rule files through `payloadlint rules check` and `lint`: each is a clear error (or a
/// warning) naming file:line:column, never a crash, a hang or unbounded memory.
@Suite("Hostile rule files", .serialized)
struct HostileRuleFileTests {
    /// A folder `<tmp>/rules` holding `files`, with `<tmp>/outside.yaml` beside it.
    static func folder(_ files: [String: [UInt8]]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("payloadlint-hostile-\(UUID().uuidString)")
        let rules = root.appendingPathComponent("rules")
        try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
        try Data("type: string\n".utf8).write(to: root.appendingPathComponent("outside.yaml"))
        for (name, bytes) in files { try Data(bytes).write(to: rules.appendingPathComponent(name)) }
        return root
    }

    /// `payloadlint rules check rules/rule.yaml`; returns the run with its peak RSS checked.
    static func check(_ name: String, _ text: String) throws -> Child.Result {
        try check(name, Array(text.utf8))
    }

    static func check(_ name: String, _ bytes: [UInt8], extra: [String: [UInt8]] = [:]) throws -> Child.Result {
        let root = try folder(extra.merging(["rule.yaml": bytes]) { a, _ in a })
        defer { try? FileManager.default.removeItem(at: root) }
        let r = try Child.run(["rules", "check", root.appendingPathComponent("rules/rule.yaml").path], stdin: Data())
        print("peak RSS rule file \(name): \(String(format: "%.1f", r.peakRSSMB)) MB (exit \(r.status))")
        #expect(r.peakRSS < HostilePayloadTests.maxRSS, "\(name)")
        #expect(!r.stderr.contains("Fatal error") && r.status < 128, "\(name): \(r.stderr)")
        return r
    }

    @Test func catastrophicPatternWarnsAndGivesUpWithRegexLimit() throws {
        let rule = """
            id: t.cat
            body:
              type: object
              properties:
                s: { type: string, pattern: "^(a+)+$" }
                avatar: { type: string, pattern: "^data:image/(png|jpg|jpeg|gif);base64,([a-zA-Z0-9+/]+={0,2})+$" }
            """
        let r = try Self.check("catastrophic pattern", rule)
        #expect(r.status == 0)
        #expect(r.stdout.contains("rule.yaml:5:24: warning: pattern can backtrack catastrophically"))
        #expect(r.stdout.contains("1 rule set OK: t.cat"))
        // Linting with it: the regex engine gives up (regex_limit, a warning), in bounded time.
        let root = try Self.folder(["rule.yaml": Array(rule.utf8)])
        defer { try? FileManager.default.removeItem(at: root) }
        let avatar = "data:image/png;base64," + String(repeating: "QUJD", count: 50_000) + "!"
        let payload = #"{"s": ""# + String(repeating: "a", count: 5000) + #"!", "avatar": ""# + avatar + #""}"#
        let lint = try Child.run(["lint", "--format", "jsonl", "--rules", root.appendingPathComponent("rules").path,
                                  "--document", "t.cat", "-"], stdin: Data(payload.utf8))
        print("peak RSS catastrophic pattern lint: \(String(format: "%.1f", lint.peakRSSMB)) MB (exit \(lint.status))")
        #expect(lint.peakRSS < HostilePayloadTests.maxRSS)
        let lines = lint.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.contains("\"code\":\"regex_limit\"") && $0.contains("\"severity\":\"warning\"") })
        #expect(lines.first?.contains("\"pointer\":\"/s\"") == true)
    }

    @Test func refCycle() throws {
        let r = try Self.check("$ref cycle", """
            id: t.cycle
            $defs:
              a: { $ref: "#/$defs/b" }
              b: { $ref: "#/$defs/a" }
            body: { $ref: "#/$defs/a" }
            """)
        #expect(r.status == 2)
        #expect(r.stdout.contains("rule.yaml:3:8: error: recursion with no object or array keyword in between would never end: #/$defs/a → #/$defs/b → #/$defs/a"))
    }

    /// Recursion through `properties` is legitimate: it loads, and a deep payload is bounded by
    /// the reader's depth limit.
    @Test func recursiveSchemaAgainstADeepPayload() throws {
        let root = try Self.folder(["rule.yaml": Array("""
            id: t.tree
            $defs:
              node: { type: object, properties: { child: { $ref: "#/$defs/node" } }, additionalProperties: false }
            body: { $ref: "#/$defs/node" }
            """.utf8)])
        defer { try? FileManager.default.removeItem(at: root) }
        let r = try Child.run(["lint", "--format", "jsonl", "--rules", root.appendingPathComponent("rules").path,
                               "--document", "t.tree", "-"]) { w in
            w.repeatWrite(Array(#"{"child":"#.utf8), times: 100_000)
            w.write("{}")
            w.repeatWrite(Array("}".utf8), times: 100_000)
        }
        print("peak RSS recursive schema, 100,000-deep payload: \(String(format: "%.1f", r.peakRSSMB)) MB (exit \(r.status))")
        #expect(r.status == 1)
        #expect(r.stdout.contains("\"code\":\"depth_limit\""))
        #expect(r.peakRSS < HostilePayloadTests.maxRSS)
    }

    @Test(arguments: ["block", "flow", "json"])
    func tenThousandDeepSchema(style: String) throws {
        let n = 10_000
        let text: String
        switch style {
        case "block":
            // Block style needs an indentation per level: 10,000 levels would be a 50 MB file
            // (refused by the file size limit); 1,500 levels fail on nesting.
            var s = "id: t.deep\nbody:\n"
            for i in 0..<1500 { s += String(repeating: " ", count: i + 1) + "not:\n" }
            s += String(repeating: " ", count: 1501) + "type: string\n"
            text = s
        case "flow":
            text = "id: t.deep\nbody: " + String(repeating: "{not: ", count: n) + "{}" + String(repeating: "}", count: n) + "\n"
        default:
            text = #"{"id": "t.deep", "body": "# + String(repeating: #"{"not": "#, count: n) + "{}" + String(repeating: "}", count: n) + "}"
        }
        let r = try Self.check("10,000-deep schema (\(style))", Array(text.utf8))
        #expect(r.status == 2)
        #expect(r.stdout.contains("error: nesting deeper than 1000 levels"), "\(r.stdout)")
    }

    @Test func notYAML() throws {
        let binary = try Self.check("binary file", [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0xFF, 0xFE, 0x80, 0x0A])
        #expect(binary.status == 2)
        #expect(binary.stdout.contains("rule.yaml: error: the file is not valid UTF-8"))
        let broken = try Self.check("broken YAML", "id: t.broken\nbody: [unclosed\n  - {\n")
        #expect(broken.status == 2)
        #expect(broken.stdout.contains("error: not valid YAML"))
        let scalar = try Self.check("a plain string", "just some text\n")
        #expect(scalar.status == 2)
        #expect(scalar.stdout.contains("rule.yaml:1:1: error: the top level of a rule file must be a mapping"))
        let tabs = try Self.check("tabs and colons", "id:\t:\n\t- : : :\n")
        #expect(tabs.status == 2)
        #expect(tabs.stdout.contains("error:"))
    }

    @Test func refOutsideTheFolderIsRefused() throws {
        // An absolute path is taken inside the folder: it is never read from /.
        let absolute = try Self.check("$ref /etc/passwd", "id: t.out\nbody: { $ref: \"/etc/passwd\" }\n")
        #expect(absolute.status == 2)
        #expect(absolute.stdout.contains("rule.yaml:2:15: error: `$ref` \"/etc/passwd\" resolves nowhere"), "\(absolute.stdout)")
        for (ref, line) in [("../outside.yaml", "2:15"), ("../../../../../../etc/hostname#/x", "2:15")] {
            let r = try Self.check("$ref \(ref)", "id: t.out\nbody: { $ref: \"\(ref)\" }\n")
            #expect(r.status == 2, "\(ref)")
            #expect(r.stdout.contains("rule.yaml:\(line): error: `$ref` \"\(ref)\" refers outside the rules folder"), "\(ref): \(r.stdout)")
        }
    }

    /// A symbolic link inside the rules folder that leads outside it is refused too.
    @Test func symlinkOutsideTheFolderIsRefused() throws {
        let root = try Self.folder(["rule.yaml": Array("id: t.link\nbody: { $ref: \"link.yaml\" }\n".utf8)])
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("rules/link.yaml").path,
                                                   withDestinationPath: root.appendingPathComponent("outside.yaml").path)
        let r = try Child.run(["rules", "check", root.appendingPathComponent("rules/rule.yaml").path], stdin: Data())
        #expect(r.status == 2)
        #expect(r.stdout.contains("refers outside the rules folder") || r.stdout.contains("outside the rules folder"), "\(r.stdout)")
    }

    @Test func billionLaughs() throws {
        var text = "id: t.bomb\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        let names = Array("abcdefghi")
        for i in 1..<names.count {
            let prev = names[i - 1]
            text += "\(names[i]): &\(names[i]) [" + Array(repeating: "*\(prev)", count: 9).joined(separator: ",") + "]\n"
        }
        text += "body: { enum: *i }\n"
        let r = try Self.check("billion laughs", text)
        #expect(r.status == 2)
        #expect(r.stdout.contains("error: more than 200000 YAML nodes after expanding aliases (an alias bomb?)"))
        // Aliases as mapping keys (which Yams would hash, expanding them) are refused up front.
        let keys = try Self.check("alias keys", "id: t.keys\na: &a {x: 1}\nb: { *a : 1 }\n")
        #expect(keys.status == 2)
        #expect(keys.stdout.contains("aliases used as keys are not supported"))
    }
}
