/// One JSON object per diagnostic, one per line. A clean input prints nothing.
///
/// Fields (always present, null when absent): `file`, `record` (NDJSON line), `document`, `code`,
/// `severity`, `pointer`, `in`, `line` (line in the file), `column`, `offset`, `message`, `limit`,
/// `actual`, `rule` (`{file, keywordPath, line}`).
public struct JSONLinesReporter: Reporter {
    public static let identifier = "jsonl"

    public init() {}

    public mutating func render(_ reports: [Report], run: RunInfo) -> String {
        var out = ""
        for report in reports {
            for d in report.diagnostics {
                appendDiagnosticJSON(d, report: report, to: &out)
                out += "\n"
            }
        }
        return out
    }

    public mutating func end(run: RunInfo, summary: RunSummary) -> String { "" }
}
