import ArgumentParser
import PayloadLint

struct PayloadLintCLI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "payloadlint",
        abstract: "Lint API request payloads (JSON) against declarative rule files, offline.",
        discussion: """
            Exit status: 0 clean; 1 findings of error severity (or warnings with --strict); \
            2 usage error, bad config or rule file, or an input that could not be linted \
            (missing, unreadable, unknown document id); 130 interrupted.
            """,
        version: "payloadlint \(PayloadLintVersion.current)",
        subcommands: [LintCommand.self, RulesCommand.self, ExplainCommand.self],
        defaultSubcommand: nil
    )
}
