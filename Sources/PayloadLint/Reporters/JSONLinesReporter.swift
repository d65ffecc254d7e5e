/// One JSON object per diagnostic, one per line. A clean input prints nothing.
///
/// Fields (always present, null when absent): `file`, `record` (NDJSON line), `document`, `code`,
/// `severity`, `pointer`, `in`, `line` (line in the file), `column`, `offset`, `message`, `limit`,
/// `actual`, `rule` (`{file, keywordPath, line}`).
public struct JSONLinesReporter: Reporter {
    public static let identifier = "jsonl"

    public init() {}

    public mutating func render(_ reports: [Report], run: RunInfo) -> String {
        var out: [UInt8] = []
        for report in reports { JSONLinesReporter.append(report, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    public mutating func end(run: RunInfo, summary: RunSummary) -> String { "" }

    /// Appends the line of one finding of `report` (the report gives the finding's file, record and
    /// document when it has none of its own).
    public static func append(_ d: Diagnostic, of report: borrowing Report, to out: inout [UInt8]) {
        appendDiagnosticJSON(d, report: report, to: &out)
        out.append(0x0A)
    }

    /// Appends the lines of one report to `out` as UTF-8 (what `render` writes for it; the format
    /// holds no state between reports). `errorsOnly`: skip findings below error severity.
    public static func append(_ report: borrowing Report, errorsOnly: Bool = false, to out: inout [UInt8]) {
        // Through the buffer: `for d in`, and the array's subscript, copied each finding (a retain
        // per string it holds).
        report.diagnostics.withUnsafeBufferPointer { findings in
            for i in findings.indices where !errorsOnly || findings[i].severity == .error {
                appendDiagnosticJSON(findings[i], report: report, to: &out)
                out.append(0x0A)
            }
        }
    }
}
