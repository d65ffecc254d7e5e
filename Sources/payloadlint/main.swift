import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Writing into a closed pipe (`payloadlint lint … | head -1`) must not kill the process:
// EPIPE on stdout is handled as a clean stop instead.
signal(SIGPIPE, SIG_IGN)

do {
    var command = try PayloadLintCLI.parseAsRoot()
    try command.run()
} catch {
    // Usage errors exit with 2 (argument-parser's default is 64).
    if PayloadLintCLI.exitCode(for: error) == .validationFailure {
        Console.error(PayloadLintCLI.fullMessage(for: error))
        exit(2)
    }
    PayloadLintCLI.exit(withError: error)
}
