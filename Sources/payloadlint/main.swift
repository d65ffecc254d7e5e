import ArgumentParser
import PayloadLint
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Writing into a closed pipe (`payloadlint lint … | head -1`) must not kill the process:
// EPIPE on stdout is handled as a clean stop instead.
signal(SIGPIPE, SIG_IGN)

do {
    var arguments = Array(CommandLine.arguments.dropFirst())
    // A common `lint` line is read without argument-parser (`LintSettings.parseCommon`), and its
    // rule document is read ahead at once; any other line, or one that does not validate, is
    // argument-parser's, with the document guessed from the raw arguments (`RulePrefetch`).
    if arguments.first == "lint", getenv("PAYLOADLINT_ARGUMENT_PARSER") == nil,
       let settings = LintSettings.parseCommon(Array(arguments.dropFirst())), (try? settings.validate()) != nil
    {
        if let document = settings.document { PayloadLinter.prefetchBuiltinRules(documents: [document]) }
        exit(try LintRun(options: settings).execute())
    }
    RulePrefetch.start(for: arguments)
    let trailingPaths = TrailingPaths.split(&arguments)
    StartupWarmup.start(for: arguments)
    var command = try PayloadLintCLI.parseCommandLine(arguments)
    if !trailingPaths.isEmpty, var lint = command as? LintCommand {
        lint.paths += trailingPaths
        command = lint
    }
    try command.run()
} catch {
    // Usage errors exit with 2 (argument-parser's default is 64).
    if PayloadLintCLI.exitCode(for: error) == .validationFailure {
        Console.error(PayloadLintCLI.fullMessage(for: error))
        exit(2)
    }
    PayloadLintCLI.exit(withError: error)
}
