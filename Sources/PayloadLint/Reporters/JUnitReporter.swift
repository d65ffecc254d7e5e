/// JUnit XML: one `<testsuite>` per input file, one `<testcase>` per payload (per record for
/// NDJSON); a payload with findings that fail the run gets a `<failure>` listing them, other
/// findings go to the test case's `<system-out>`.
public struct JUnitReporter: Reporter {
    public static let identifier = "junit"
    private var currentFile: String?? = .none
    private var cases: [String] = []
    private var failures = 0

    public init() {}

    public mutating func begin(run: RunInfo) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"payloadlint\">\n"
    }

    public mutating func render(_ reports: [Report], run: RunInfo) -> String {
        var out = ""
        for report in reports {
            if currentFile != .some(report.file) {
                out += flush()
                currentFile = .some(report.file)
            }
            cases.append(testCase(report, run: run))
        }
        return out
    }

    public mutating func end(run: RunInfo, summary: RunSummary) -> String {
        flush() + "</testsuites>\n"
    }

    private mutating func flush() -> String {
        guard case .some(let file) = currentFile else { return "" }
        let name = xmlEscape(displayName(file))
        let out = "  <testsuite name=\"\(name)\" tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\">\n"
            + cases.joined() + "  </testsuite>\n"
        cases = []
        failures = 0
        currentFile = .none
        return out
    }

    private mutating func testCase(_ report: Report, run: RunInfo) -> String {
        let file = displayName(report.file)
        let name = report.record.map { "\(file):\($0)" } ?? file
        let classname = report.document ?? "well-formedness"
        var out = "    <testcase name=\"\(xmlEscape(name))\" classname=\"\(xmlEscape(classname))\""
        guard !report.diagnostics.isEmpty else { return out + "/>\n" }
        out += ">\n"
        let failing = report.diagnostics.filter { $0.severity >= run.failLevel }
        let others = report.diagnostics.filter { $0.severity < run.failLevel }
        if let firstFailing = failing.first {
            failures += 1
            let message = plural(failing.count, "problem") + ": " + firstFailing.message
            out += "      <failure message=\"\(xmlEscape(message))\" type=\"\(xmlEscape(firstFailing.code.rawValue))\">"
                + xmlEscape(failing.map { line($0, file: file) }.joined(separator: "\n")) + "</failure>\n"
        }
        if !others.isEmpty {
            out += "      <system-out>" + xmlEscape(others.map { line($0, file: file) }.joined(separator: "\n")) + "</system-out>\n"
        }
        return out + "    </testcase>\n"
    }

    private func line(_ d: Diagnostic, file: String) -> String {
        let at = d.source == .body && d.line > 0 ? "\(file):\(d.line):\(d.column)" : file
        let pointer = d.pointer.isEmpty ? "" : " at \(d.pointer)" + (d.source == .body ? "" : " (\(d.source.rawValue) parameter)")
        return "\(at): \(d.severity.rawValue): \(d.message) [\(d.code.rawValue)]\(pointer)"
    }
}
