/// What a reporter needs to know about the run besides the reports themselves.
public struct RunInfo: Sendable {
    /// `payloadlint` version written into json/sarif output.
    public var version: String
    /// Use ANSI colors (text only).
    public var color: Bool
    /// The least severity that fails the run: `.error`, or `.warning` with `--strict`.
    public var failLevel: Severity
    /// Print a source excerpt with a caret under the offending value (text only; regular files only).
    public var excerpts: Bool

    public init(version: String = PayloadLintVersion.current, color: Bool = false, failLevel: Severity = .error,
                excerpts: Bool = true)
    {
        self.version = version
        self.color = color
        self.failLevel = failLevel
        self.excerpts = excerpts
    }
}

/// Counts of a run, for summaries.
public struct RunSummary: Sendable, Hashable {
    /// Inputs (files, stdin) that were linted.
    public var files = 0
    /// Payloads linted (one per file; one per record for NDJSON).
    public var payloads = 0
    public var errors = 0
    public var warnings = 0
    public var infos = 0

    public init() {}

    /// Counts a report's payload and its findings (not its file: call `files += 1` per input).
    public mutating func add(_ report: Report) {
        payloads += 1
        countFindings(of: report)
    }

    /// Counts a report's findings by severity (not its payload).
    public mutating func countFindings(of report: borrowing Report) {
        // By index: `for d in` copies each finding (a retain per string it holds).
        for i in report.diagnostics.indices { count(report.diagnostics[i].severity) }
    }

    /// Counts one finding of `severity`.
    public mutating func count(_ severity: Severity) {
        switch severity {
        case .error: errors += 1
        case .warning: warnings += 1
        case .info: infos += 1
        }
    }

    /// Adds the counts of `other` (a part of the run counted elsewhere).
    public mutating func add(_ other: RunSummary) {
        files += other.files
        payloads += other.payloads
        errors += other.errors
        warnings += other.warnings
        infos += other.infos
    }
}

/// Renders reports in one output format.
///
/// Reporters are driven incrementally so that a million-record run is never buffered:
/// `begin` once, `render` for each batch of reports in input order, `end` once. Formats that
/// can stream (text, jsonl, github, json, sarif) return their text as soon as they get it;
/// junit holds one file's test cases until the file is complete.
public protocol Reporter {
    /// The `--format` name (`text`, `jsonl`, …).
    static var identifier: String { get }
    /// Text written before the first report.
    mutating func begin(run: RunInfo) -> String
    /// Text for the next reports, in input order.
    mutating func render(_ reports: [Report], run: RunInfo) -> String
    /// Text written after the last report.
    mutating func end(run: RunInfo, summary: RunSummary) -> String
}

extension Reporter {
    public mutating func begin(run: RunInfo) -> String { "" }

    /// Renders a whole run at once (one input file per distinct `Report.file`).
    public mutating func renderAll(_ reports: [Report], run: RunInfo) -> String {
        var summary = RunSummary()
        var lastFile: String?? = .none
        for r in reports {
            summary.add(r)
            if lastFile != .some(r.file) { summary.files += 1; lastFile = .some(r.file) }
        }
        return begin(run: run) + render(reports, run: run) + end(run: run, summary: summary)
    }
}

/// Every output format the library renders, by `--format` name (`native` is rendered by the API).
public enum Reporters {
    public static let identifiers: [String] = [
        TextReporter.identifier, JSONReporter.identifier, JSONLinesReporter.identifier,
        SARIFReporter.identifier, GitHubReporter.identifier, JUnitReporter.identifier,
    ]

    /// A fresh reporter for a format name; nil for an unknown one.
    public static func make(_ identifier: String) -> (any Reporter)? {
        switch identifier {
        case TextReporter.identifier: TextReporter()
        case JSONReporter.identifier: JSONReporter()
        case JSONLinesReporter.identifier: JSONLinesReporter()
        case SARIFReporter.identifier: SARIFReporter()
        case GitHubReporter.identifier: GitHubReporter()
        case JUnitReporter.identifier: JUnitReporter()
        default: nil
        }
    }
}

// MARK: Shared helpers

/// The file name shown for stdin in human-readable output.
let stdinDisplayName = "<stdin>"

func displayName(_ file: String?) -> String {
    guard let file else { return stdinDisplayName }
    return file == "-" ? stdinDisplayName : file
}

/// A JSON string literal (RFC 8259 escaping; non-ASCII kept as UTF-8).
func jsonString(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count + 2)
    JSONValue.writeString(s, to: &out)
    return out
}

func jsonString(_ s: String?) -> String { s.map { jsonString($0) } ?? "null" }
func jsonInt(_ i: Int?) -> String { i.map { String($0) } ?? "null" }

/// XML text/attribute escaping.
func xmlEscape(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for u in s.unicodeScalars {
        switch u {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&apos;"
        case "\n", "\t", "\r": out.unicodeScalars.append(u)
        default:
            // XML 1.0 forbids most C0 controls even as references.
            if u.value < 0x20 || u.value == 0xFFFE || u.value == 0xFFFF { out += "\u{FFFD}" } else { out.unicodeScalars.append(u) }
        }
    }
    return out
}

/// The JSON object of one diagnostic, shared by `json` and `jsonl`; fields always present (null when absent).
///
/// `line` is the line in the input file (for NDJSON: the record's line in the file).
func diagnosticJSON(_ d: Diagnostic, report: Report) -> String {
    var out: [UInt8] = []
    appendDiagnosticJSON(d, report: report, to: &out)
    return String(decoding: out, as: UTF8.self)
}

/// Appends one diagnostic as a JSON object (the `json`/`jsonl` fields) to `out` as UTF-8, written
/// in place (`RawJSONWriter`): reports of millions of findings spend their time here.
func appendDiagnosticJSON(_ d: Diagnostic, report: borrowing Report, to out: inout [UInt8]) {
    appendFindingJSON(
        to: &out, file: d.file ?? report.file, record: d.record ?? report.record, document: d.document ?? report.document,
        code: d.code, severity: d.severity, source: d.source, line: d.line, column: d.column, offset: d.offset,
        limit: d.limit, rule: d.rule,
        pointer: { $0.string(d.pointer) }, message: { $0.string(d.message) }, actual: { $0.string(d.actual) })
}

/// The one layout of a finding's JSON object (`json`, `jsonl`); fields always present (null
/// when absent). The texts a caller may hold as bytes (a finding written without being built,
/// `UniquenessLedger.settleJSONL`) are written by closures; the other fields are parameters,
/// which a caller passes without copying (a struct of them retained every string it held).
/// Written in the pieces of `RawJSONWriter`'s finding layout, which `NotUniqueLines` also
/// composes (keeping the pieces that repeat from line to line).
@inline(__always)
func appendFindingJSON(
    to out: inout [UInt8], file: String?, record: Int?, document: String?, code: DiagnosticCode, severity: Severity,
    source: ValueSource, line: Int, column: Int, offset: Int, limit: String?, rule: RuleLocation?,
    pointer: (inout RawJSONWriter) -> Void, message: (inout RawJSONWriter) -> Void, actual: (inout RawJSONWriter) -> Void
) {
    RawJSONWriter.append(to: &out) { w in
        w.findingFile(file)
        w.int(record)
        w.findingKind(document: document, code: code, severity: severity)
        pointer(&w)
        w.findingPosition(source: source, line: line, column: column, offset: offset)
        message(&w)
        w.findingLimit(limit)
        actual(&w)
        w.findingRule(rule)
    }
}

extension RawJSONWriter {
    // A finding's JSON object, piece by piece, in order: file, the record's number, kind,
    // the pointer's text, position, the message's text, limit, the value's text, rule.

    /// `{"file":…,"record":`
    @inline(__always)
    mutating func findingFile(_ file: String?) {
        member("{\"file\":", file)
        raw(",\"record\":")
    }

    /// `,"document":…,"code":…,"severity":…,"pointer":`
    @inline(__always)
    mutating func findingKind(document: String?, code: DiagnosticCode, severity: Severity) {
        member(",\"document\":", document)
        member(",\"code\":", code.rawValue)
        member(",\"severity\":", severity.rawValue)
        raw(",\"pointer\":")
    }

    /// `,"in":…,"line":…,"column":…,"offset":…,"message":` (the position null outside the body
    /// or when unknown).
    @inline(__always)
    mutating func findingPosition(source: ValueSource, line: Int, column: Int, offset: Int) {
        let hasPosition = source == .body && line > 0
        // Constant text per source (its `rawValue`, a `String`, went through the escaper: some 100
        // instructions per finding).
        switch source {
        case .body: raw(",\"in\":\"body\"")
        case .path: raw(",\"in\":\"path\"")
        case .query: raw(",\"in\":\"query\"")
        case .header: raw(",\"in\":\"header\"")
        }
        member(",\"line\":", int: hasPosition ? line : nil)
        member(",\"column\":", int: hasPosition ? column : nil)
        member(",\"offset\":", int: hasPosition ? offset : nil)
        raw(",\"message\":")
    }

    /// `,"limit":…,"actual":`
    @inline(__always)
    mutating func findingLimit(_ limit: String?) {
        member(",\"limit\":", limit)
        raw(",\"actual\":")
    }

    /// `,"rule":{…}}` (or `null`), which ends the object.
    @inline(__always)
    mutating func findingRule(_ rule: RuleLocation?) {
        raw(",\"rule\":")
        if let r = rule {
            member("{\"file\":", r.file)
            member(",\"keywordPath\":", r.keywordPath)
            member(",\"line\":", int: r.line)
            raw("}")
        } else {
            raw("null")
        }
        raw("}")
    }
}

