import ArgumentParser
import Foundation

/// Parses a `lint` command line once on a helper thread, the result thrown away, while the main
/// thread parses the same line for real. (Only for the lines argument-parser reads: the common
/// ones are read without it, `LintSettings.parseCommon`.)
///
/// Why: most of argument-parser's first parse is the Swift runtime's first-time work (type
/// metadata built from mangled names, protocol conformance lookups that scan every conformance
/// record in the binary). Those caches are the runtime's, shared by all threads: two threads
/// walking the same parse side by side each find part of that work already done by the other.
/// Measured on a small file: 0.8 ms less wall time of about 8.5 ms when the main thread still
/// parsed through the root (BENCHMARKS.md, twelfth pass); 0.1 ms of 5.8 since it parses `lint`
/// lines directly (`PayloadLintCLI.parseCommandLine`, seventeenth pass). Nothing here decides
/// anything: a line that fails to parse fails here silently and on the main thread with its
/// message.
enum StartupWarmup {
    static func start(for arguments: [String]) {
        guard arguments.first == "lint" else { return }
        let rest = Array(arguments.dropFirst())
        let thread = Thread { _ = try? LintCommand.parse(rest) }
        thread.start()
    }
}
