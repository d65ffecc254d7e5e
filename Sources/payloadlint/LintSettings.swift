import ArgumentParser
import PayloadLint

/// What a `lint` command line asks for, as plain values: what `LintRun` reads.
///
/// `LintCommand` (argument-parser) fills it from any command line. The common lines, those of a
/// pre-commit hook or a benchmark harness, are also read directly (`parseCommon`), and
/// argument-parser's parse is then skipped (see there).
struct LintSettings {
    var paths: [String] = []
    var document: String?
    var rules: [String] = []
    var format: OutputFormat = .text
    var output: String?
    var previous: String?
    var against: String?
    var param: [String] = []
    var header: [String] = []
    var config: String?
    var ndjson = false
    var jobs: Int?
    var maxErrors: Int?
    var maxDocumentBytes: String?
    var maxDepth: String?
    var maxStringBytes: String?
    var maxNumberLength: String?
    var maxDiagnostics: String?
    var strict = false
    var quiet = false
    var color: ColorMode = .auto
    var now: Int?
    var noProgress = false

    /// The most `--jobs` takes: each job may be a thread, and the run's window of reports in
    /// flight is twice the jobs (a count near `Int.max` overflowed it).
    static let maxJobs = 1024

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if let jobs, jobs > Self.maxJobs { throw ValidationError("--jobs must be at most \(Self.maxJobs)") }
        if let maxErrors, maxErrors < 1 { throw ValidationError("--max-errors must be at least 1") }
        if previous != nil && against != nil { throw ValidationError("--previous and --against cannot be combined") }
        _ = try parameters()
        _ = try limits()
    }

    /// The `--max-…` limits (nil where not given).
    func limits() throws -> LintLimits {
        var out = LintLimits()
        let flags: [(String, String, String?)] = [
            ("max-document-bytes", "maxDocumentBytes", maxDocumentBytes), ("max-depth", "maxDepth", maxDepth),
            ("max-string-bytes", "maxStringBytes", maxStringBytes), ("max-number-length", "maxNumberLength", maxNumberLength),
            ("max-diagnostics", "maxDiagnostics", maxDiagnostics),
        ]
        for (flag, key, text) in flags {
            guard let text else { continue }
            if let problem = out.set(key, text) {
                throw ValidationError("--\(flag): " + problem.replacingOccurrences(of: key + " ", with: ""))
            }
        }
        return out
    }

    /// `--param` and `--header` as qualified names.
    func parameters() throws -> [String: String] {
        var out: [String: String] = [:]
        for p in param {
            guard let eq = p.firstIndex(of: "=") else { throw ValidationError("--param \(p): expected where.name=value") }
            let name = String(p[..<eq])
            let parts = name.split(separator: ".", maxSplits: 1)
            guard parts.count == 2, ["path", "query", "header"].contains(parts[0]), !parts[1].isEmpty else {
                throw ValidationError("--param \(p): the name must be path.NAME, query.NAME or header.NAME")
            }
            out[name] = String(p[p.index(after: eq)...])
        }
        for h in header {
            guard let eq = h.firstIndex(of: "="), eq != h.startIndex else { throw ValidationError("--header \(h): expected Name=value") }
            out["header." + h[..<eq]] = String(h[h.index(after: eq)...])
        }
        return out
    }
}

extension LintSettings {
    /// The settings of a `lint` command line (`arguments`: what follows `lint`) made only of
    /// paths, the flags `--quiet` (`-q`), `--strict`, `--ndjson` and `--no-progress`, and the
    /// options `--document`, `--format`, `--output`, `--config`, `--color`, `--now`, `--jobs` and
    /// `--max-errors` with their values as separate arguments, each given once; nil for any
    /// other line, which argument-parser then reads (and whose errors, help and messages are
    /// its own). A line read here must also pass `validate()` to be used.
    ///
    /// Why: argument-parser's first parse in a process is mostly the Swift runtime's first-time
    /// work (type metadata built from mangled names, protocol conformance lookups that scan each
    /// of the binary's 5,800 conformance records): some 1.2 ms of wall time and 12 M
    /// instructions, a quarter of linting one small file and 2% of a 50 MB NDJSON run
    /// (BENCHMARKS.md, seventeenth pass). Nothing is guessed: a line with anything else, an
    /// option given twice, a value that starts with `-` or is empty, or a value the option's
    /// type does not take, is not read here. `PAYLOADLINT_ARGUMENT_PARSER` set (to any value)
    /// turns this off (the end-to-end tests compare both readings).
    static func parseCommon(_ arguments: [String]) -> LintSettings? {
        var settings = LintSettings()
        var given: Set<String> = []
        var i = 0
        while i < arguments.count {
            let argument = arguments[i]
            i += 1
            guard argument.hasPrefix("-") else {
                guard !argument.isEmpty else { return nil }
                settings.paths.append(argument)
                continue
            }
            guard given.insert(argument == "-q" ? "--quiet" : argument).inserted else { return nil }
            switch argument {
            case "--quiet", "-q": settings.quiet = true
            case "--strict": settings.strict = true
            case "--ndjson": settings.ndjson = true
            case "--no-progress": settings.noProgress = true
            case "--document", "--format", "--output", "--config", "--color", "--now", "--jobs", "--max-errors":
                guard i < arguments.count, case let value = arguments[i], !value.isEmpty, !value.hasPrefix("-") else {
                    return nil
                }
                i += 1
                switch argument {
                case "--document": settings.document = value
                case "--output": settings.output = value
                case "--config": settings.config = value
                case "--format":
                    guard let format = OutputFormat(rawValue: value) else { return nil }
                    settings.format = format
                case "--color":
                    guard let color = ColorMode(rawValue: value) else { return nil }
                    settings.color = color
                case "--now":
                    guard let now = Int(value) else { return nil }
                    settings.now = now
                case "--jobs":
                    guard let jobs = Int(value) else { return nil }
                    settings.jobs = jobs
                default:
                    guard let maxErrors = Int(value) else { return nil }
                    settings.maxErrors = maxErrors
                }
            default:
                return nil
            }
        }
        return settings
    }
}
