import ArgumentParser
import Dispatch
import Foundation
import PayloadLint

enum OutputFormat: String, CaseIterable, ExpressibleByArgument {
    case text, json, jsonl, sarif, github, junit, native

    // What argument-parser's default implementations give (the raw values; no descriptions of
    // their own), computed once: they map `allCases` through generic code every time the
    // command's arguments are described, which was a tenth of parsing a command line.
    static let allValueStrings = allCases.map(\.rawValue)
    static let allValueDescriptions: [String: String] = [:]
}

enum ColorMode: String, CaseIterable, ExpressibleByArgument {
    case auto, always, never

    // As `OutputFormat`'s.
    static let allValueStrings = allCases.map(\.rawValue)
    static let allValueDescriptions: [String: String] = [:]
}

struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Lint payload files, folders, stdin and NDJSON streams.",
        discussion: """
            Folders are searched recursively for *.json, *.ndjson and *.jsonl files (hidden folders \
            skipped). Files matching the config's `exclude` globs are skipped (defaults: \
            *.expect.json, *.params.json, *.expected.*). With no path and stdin not a terminal, \
            stdin is linted; `-` names stdin explicitly.

            The rule set of each input: --document, else the `document` of its sidecar \
            <name>.params.json, else the first matching `documents` glob of .payloadlint.yaml \
            (searched upward from the current folder), else none — then only well-formedness is \
            checked (syntax, UTF-8, duplicate member names). A sidecar may also give `params` \
            ({"path.uuid": "…"}) and `previous` (a path relative to the sidecar).

            Exit status: 0 clean; 1 findings of error severity (or of warning severity with \
            --strict); 2 usage error, bad config or rule file, or an input that could not be \
            linted (missing, unreadable, unknown document id — every other input is still \
            linted); 130 interrupted (SIGINT).
            """
    )

    @Argument(help: "Files, folders or - (stdin).")
    var paths: [String] = []

    @Option(name: .long, help: ArgumentHelp("Rule set to apply to every input (e.g. pubnub.set-uuid-metadata).", valueName: "id"))
    var document: String?

    @Option(name: .long, help: ArgumentHelp("A folder of rule files, added to the built-in rules (repeatable).", valueName: "dir"))
    var rules: [String] = []

    @Option(name: .long, help: ArgumentHelp("Output format: text, json, jsonl, sarif, github, junit or native.", valueName: "format"))
    var format: OutputFormat = .text

    @Option(name: .long, help: ArgumentHelp("Write the report to this file (atomically: complete or untouched).", valueName: "file"))
    var output: String?

    @Option(name: .long, help: ArgumentHelp("Previous version of the document, for `immutable` rules.", valueName: "file"))
    var previous: String?

    @Option(name: .long, help: ArgumentHelp("Previous version of each file: its content at this git revision (absent there: none).", valueName: "rev"))
    var against: String?

    @Option(name: .long, help: ArgumentHelp("A request parameter, qualified by where it goes: path.uuid=…, query.include=a,b, header.Accept=… (repeatable).", valueName: "where.name=value"))
    var param: [String] = []

    @Option(name: .long, help: ArgumentHelp("A request header, same as --param header.Name=value (repeatable).", valueName: "Name=value"))
    var header: [String] = []

    @Option(name: .long, help: ArgumentHelp("Config file to use instead of searching for .payloadlint.yaml.", valueName: "file"))
    var config: String?

    @Flag(name: .long, help: "Read every input as NDJSON (one payload per line), whatever its extension; stdin too.")
    var ndjson = false

    @Option(name: .long, help: ArgumentHelp("Files linted in parallel (default: all cores; at most 1024). Output order is always input order.", valueName: "n"))
    var jobs: Int?

    @Option(name: .customLong("max-errors"), help: ArgumentHelp("Stop after reporting this many findings of error severity.", valueName: "n"))
    var maxErrors: Int?

    @Option(name: .customLong("max-document-bytes"), help: ArgumentHelp("Largest payload (NDJSON: record) in bytes; K, M, G suffixes; 0: none (default 256M) → document_too_large.", valueName: "size"))
    var maxDocumentBytes: String?

    @Option(name: .customLong("max-depth"), help: ArgumentHelp("Deepest container nesting (default 1024) → depth_limit.", valueName: "n"))
    var maxDepth: String?

    @Option(name: .customLong("max-string-bytes"), help: ArgumentHelp("Longest string in bytes; K, M, G suffixes (default 16M) → string_limit.", valueName: "size"))
    var maxStringBytes: String?

    @Option(name: .customLong("max-number-length"), help: ArgumentHelp("Longest number text (default 4096) → number_limit.", valueName: "n"))
    var maxNumberLength: String?

    @Option(name: .customLong("max-diagnostics"), help: ArgumentHelp("Findings reported per payload, the rest counted (default 1000; 0: all) → diagnostic_limit.", valueName: "n"))
    var maxDiagnostics: String?

    @Flag(name: .long, help: "Warnings fail the run too (exit 1).")
    var strict = false

    @Flag(name: [.short, .long], help: "Report errors only (warnings and infos are still counted in summaries).")
    var quiet = false

    @Option(name: .long, help: ArgumentHelp("Color text output: auto (a terminal without NO_COLOR), always or never.", valueName: "when"))
    var color: ColorMode = .auto

    @Option(name: .long, help: ArgumentHelp("The clock, in Unix seconds, for `maxClockSkew` rules (reproducible runs).", valueName: "seconds"))
    var now: Int?

    @Flag(name: .customLong("no-progress"), help: "Never show progress on stderr.")
    var noProgress = false

    /// The parsed options as plain values (what `LintRun` reads).
    var settings: LintSettings {
        LintSettings(
            paths: paths, document: document, rules: rules, format: format, output: output, previous: previous,
            against: against, param: param, header: header, config: config, ndjson: ndjson, jobs: jobs,
            maxErrors: maxErrors, maxDocumentBytes: maxDocumentBytes, maxDepth: maxDepth,
            maxStringBytes: maxStringBytes, maxNumberLength: maxNumberLength, maxDiagnostics: maxDiagnostics,
            strict: strict, quiet: quiet, color: color, now: now, noProgress: noProgress)
    }

    func validate() throws {
        try settings.validate()
    }

    func run() throws {
        let status = try LintRun(options: settings).execute()
        if status != 0 { throw ExitCode(status) }
    }
}
