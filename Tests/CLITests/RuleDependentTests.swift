import Foundation
import Testing

/// End-to-end tests of the rule-dependent paths: `--document`, `--rules`, sidecars and config,
/// `--previous` / `--against`, `rules list | show | check`.
@Suite struct RuleDependentTests {
    static let ruleFile = """
        id: test.user
        title: Test — Update user
        operation: { method: PUT, path: "/users/{userId}" }
        errors: jsonapi
        body:
          type: object
          properties:
            uid: { type: string, immutable: always }
            name: { type: string, maxLength: 5 }

        """

    static func workspace() throws -> TempDir {
        let dir = try TempDir()
        try dir.write("rules/test/user.yaml", ruleFile)
        try dir.write("long.json", "{\"uid\": \"a\", \"name\": \"much too long\"}\n")
        try dir.write("ok.json", "{\"uid\": \"a\", \"name\": \"Ada\"}\n")
        return dir
    }

    static func objects(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").compactMap { try parseJSON(String($0)) as? [String: Any] }
    }

    @Test func documentFlagAppliesTheRuleSet() throws {
        let dir = try Self.workspace()
        let r = try CLI.run(["lint", "--rules", "rules", "--document", "test.user", "--format", "jsonl", "long.json", "ok.json"], cwd: dir.url)
        #expect(r.status == 1, "\(r.stderr)")
        let found = try Self.objects(r.stdout)
        #expect(found.count == 1)
        #expect(found.first?["code"] as? String == "too_long")
        #expect(found.first?["pointer"] as? String == "/name")
        #expect(found.first?["document"] as? String == "test.user")
        #expect((found.first?["rule"] as? [String: Any])?["keywordPath"] != nil)
    }

    @Test func unknownDocumentIsAUsageError() throws {
        let dir = try Self.workspace()
        let r = try CLI.run(["lint", "--rules", "rules", "--document", "test.usr", "ok.json"], cwd: dir.url)
        #expect(r.status == 2)
        #expect(r.stderr.contains("test.usr"))
    }

    @Test func sidecarAndConfigChooseTheDocument() throws {
        let dir = try Self.workspace()
        try dir.write("side/long.json", "{\"name\": \"much too long\"}\n")
        try dir.write("side/long.params.json", "{\"document\": \"test.user\"}\n")
        try dir.write("side/other.json", "{\"name\": \"much too long\"}\n")
        try dir.write("side/other.params.json", "{\"document\": \"no.such.document\"}\n")
        try dir.write("mapped/long.json", "{\"name\": \"much too long\"}\n")
        try dir.write(".payloadlint.yaml", "rules: [rules]\ndocuments:\n  \"mapped/**\": test.user\n")
        let r = try CLI.run(["lint", "--format", "jsonl", "side", "mapped"], cwd: dir.url)
        #expect(r.status == 2, "an unknown document id in a sidecar is an input error")
        #expect(r.stderr.contains("no.such.document"))
        let files = try Self.objects(r.stdout).compactMap { $0["file"] as? String }
        #expect(files == ["side/long.json", "mapped/long.json"])
    }

    @Test func previousFileAndAgainstHEADFindImmutableChanges() throws {
        let dir = try Self.workspace()
        try dir.write("old.json", "{\"uid\": \"b\"}\n")
        let previous = try CLI.run(["lint", "--rules", "rules", "--document", "test.user", "--previous", "old.json", "--format", "jsonl", "ok.json"], cwd: dir.url)
        #expect(try Self.objects(previous.stdout).first?["code"] as? String == "immutable_field", "\(previous.stdout)\(previous.stderr)")

        let git = "git -c user.name=t -c user.email=t@example.com -c commit.gpgsign=false"
        try dir.write("repo/payloads/u.json", "{\"uid\": \"first\"}\n")
        let repo = dir.url.appendingPathComponent("repo")
        let setup = try CLI.shell("git init -q . && git add -A && \(git) commit -qm one", cwd: repo)
        #expect(setup.status == 0, "\(setup.stderr)")
        try dir.write("repo/payloads/u.json", "{\"uid\": \"second\"}\n")
        try dir.write("repo/payloads/new.json", "{\"uid\": \"fresh\"}\n")
        let rules = dir.path("rules")
        // From a subfolder: paths at REV are relative to the repository root.
        let r = try CLI.run(["lint", "--rules", rules, "--document", "test.user", "--against", "HEAD", "--format", "jsonl", "u.json", "new.json"],
                            cwd: repo.appendingPathComponent("payloads"))
        let found = try Self.objects(r.stdout)
        #expect(found.count == 1, "\(r.stdout)\(r.stderr)")
        #expect(found.first?["code"] as? String == "immutable_field")
        #expect(found.first?["file"] as? String == "u.json")
        #expect(try CLI.run(["lint", "--against", "no-such-rev", "u.json"], cwd: repo.appendingPathComponent("payloads")).status == 2)
    }

    @Test func rulesListShowAndCheck() throws {
        let dir = try Self.workspace()
        let list = try CLI.run(["rules", "list", "--rules", "rules"], cwd: dir.url)
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.contains("test.user"))
        #expect(list.stdout.contains("PUT /users/{userId}"))
        for builtin in ["fullstory.update-user", "pubnub.set-uuid-metadata", "frontier.update-user", "pace.update-user"] {
            #expect(list.stdout.contains(builtin))
        }
        let show = try CLI.run(["rules", "show", "--rules", "rules", "test.user"], cwd: dir.url)
        #expect(show.status == 0)
        #expect(show.stdout.contains("/name"))
        #expect(show.stdout.contains("maxLength=5"))
        #expect(show.stdout.contains("immutable=always"))

        #expect(try CLI.run(["rules", "check", "rules"], cwd: dir.url).status == 0)
        try dir.write("broken/bad.yaml", "id: broken\nbody:\n  type: object\n  maxLenght: 3\n")
        let check = try CLI.run(["rules", "check", "broken/bad.yaml"], cwd: dir.url)
        #expect(check.status == 2)
        #expect(check.stdout.contains("bad.yaml:4:"), "\(check.stdout)\(check.stderr)")
    }
}
