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

extension PayloadLintCLI {
    /// Parses a command line; a `lint` line is first given to `LintCommand` alone.
    ///
    /// Why: the root's parse first looks for `--generate-completion-script` with every
    /// command's parser and builds the argument sets of the root and of `lint`, which made up
    /// most of a small file's start-up (the Swift runtime's first conformance lookups and type
    /// metadata). `LintCommand` parsed as a root of its own accepts exactly the lines the full
    /// parse accepts for `lint` and yields the same command; whatever it rejects, `--help`,
    /// `--version` and completion requests included (argument-parser throws for those), is
    /// parsed again through the root, so every message, help text and exit status is the
    /// root's. (A help request parses into argument-parser's own help command, which would
    /// describe `lint` as a root: only a `LintCommand` is taken.)
    static func parseCommandLine(_ arguments: [String]) throws -> ParsableCommand {
        if arguments.first == "lint",
           let lint = (try? LintCommand.parseAsRoot(Array(arguments.dropFirst()))) as? LintCommand {
            return lint
        }
        return try parseAsRoot(arguments)
    }
}
