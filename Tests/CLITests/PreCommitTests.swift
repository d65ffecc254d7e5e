import Foundation
import Testing

/// The pre-commit hook end to end: a temporary git repo whose hook runs the built binary
/// (`language: system`; the shipped `.pre-commit-hooks.yaml` uses `language: swift`, which would
/// clone and build the whole package — too slow for a test).
@Suite struct PreCommitTests {
    /// pre-commit in a temporary venv (skipped with a printed reason when it cannot be installed).
    static func preCommit(in dir: TempDir) throws -> String? {
        if let found = try? CLI.shell("command -v pre-commit", cwd: dir.url), found.status == 0 {
            return found.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let venv = dir.path("venv")
        let install = try CLI.shell("timeout 180 python3 -m venv '\(venv)' && timeout 180 '\(venv)/bin/pip' install -q pre-commit", cwd: dir.url)
        guard install.status == 0 else {
            print("skipped: pip install pre-commit failed or took too long: \(install.stderr.suffix(300))")
            return nil
        }
        return venv + "/bin/pre-commit"
    }

    @Test func shippedHookDefinition() throws {
        let text = try String(contentsOf: CLI.packageRoot.appendingPathComponent(".pre-commit-hooks.yaml"), encoding: .utf8)
        #expect(text.contains("- id: payloadlint"))
        #expect(text.contains("entry: payloadlint lint"))
        #expect(text.contains("language: swift"))
    }

    @Test func commitIsRefusedUntilThePayloadIsFixed() throws {
        let dir = try TempDir()
        guard let preCommit = try Self.preCommit(in: dir) else { return }
        let repo = dir.url.appendingPathComponent("repo")
        try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: true)
        let git = "git -c user.name=t -c user.email=t@example.com -c commit.gpgsign=false"
        try Data("""
            repos:
              - repo: local
                hooks:
                  - id: payloadlint
                    name: payloadlint
                    entry: "\(CLI.binary) lint"
                    language: system
                    files: \\.json$

            """.utf8).write(to: repo.appendingPathComponent(".pre-commit-config.yaml"))
        try Data(Inputs.syntaxError.utf8).write(to: repo.appendingPathComponent("bad.json"))
        try Data(Inputs.good.utf8).write(to: repo.appendingPathComponent("good.json"))
        let env = "PRE_COMMIT_HOME='\(dir.path("pc-home"))'"
        let setup = try CLI.shell("git init -q . && \(env) '\(preCommit)' install >/dev/null && git add -A", cwd: repo)
        #expect(setup.status == 0, "\(setup.stderr)")
        let refused = try CLI.shell("\(env) \(git) commit -q -m bad 2>&1", cwd: repo)
        #expect(refused.status != 0, "the commit with a syntax error must be refused:\n\(refused.stdout)")
        #expect(refused.stdout.contains("bad.json:3:12: error:"), "\(refused.stdout)")
        #expect(refused.stdout.contains("[syntax_error]"))

        try Data(Inputs.good.utf8).write(to: repo.appendingPathComponent("bad.json"))
        let accepted = try CLI.shell("git add -A && \(env) \(git) commit -q -m fixed 2>&1", cwd: repo)
        #expect(accepted.status == 0, "\(accepted.stdout)")
    }
}
