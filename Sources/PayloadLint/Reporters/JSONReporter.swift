/// One JSON document for the whole run:
/// `{"version", "diagnostics": [...], "summary": {files, payloads, errors, warnings, infos}}`.
/// Diagnostics are the `jsonl` objects. Written as it goes (the summary comes last).
public struct JSONReporter: Reporter {
    public static let identifier = "json"
    private var first = true

    public init() {}

    public mutating func begin(run: RunInfo) -> String {
        first = true
        return "{\"version\":\(jsonString(run.version)),\"diagnostics\":["
    }

    public mutating func render(_ reports: [Report], run: RunInfo) -> String {
        var out = ""
        for report in reports {
            for d in report.diagnostics {
                out += (first ? "\n  " : ",\n  ") + diagnosticJSON(d, report: report)
                first = false
            }
        }
        return out
    }

    public mutating func end(run: RunInfo, summary: RunSummary) -> String {
        (first ? "" : "\n") + "],\"summary\":{\"files\":\(summary.files),\"payloads\":\(summary.payloads)"
            + ",\"errors\":\(summary.errors),\"warnings\":\(summary.warnings),\"infos\":\(summary.infos)}}\n"
    }
}
