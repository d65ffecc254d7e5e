/// SARIF 2.1.0 (code scanning): one run; `tool.driver.rules` lists every diagnostic code with the
/// help text of `payloadlint explain`; one result per diagnostic. The pointer, the parameter kind,
/// the rule set and the NDJSON record go into each result's `properties`.
public struct SARIFReporter: Reporter {
    public static let identifier = "sarif"
    private var first = true
    private var ruleIndex: [String: Int] = [:]
    private var extraRules: [String] = []

    public init() {}

    public mutating func begin(run: RunInfo) -> String {
        first = true
        var rules: [String] = []
        for (i, e) in CodeExplanation.all.enumerated() {
            ruleIndex[e.code.rawValue] = i
            rules.append(ruleDescriptor(e))
        }
        return "{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\",\"runs\":[{"
            + "\"tool\":{\"driver\":{\"name\":\"payloadlint\",\"version\":\(jsonString(run.version))"
            + ",\"informationUri\":\"https://github.com/payloadlint/payloadlint\",\"rules\":[\n"
            + rules.map { "  " + $0 }.joined(separator: ",\n") + "\n]}},\"results\":["
    }

    private func ruleDescriptor(_ e: CodeExplanation) -> String {
        "{\"id\":\(jsonString(e.code.rawValue)),\"name\":\(jsonString(e.code.rawValue))"
            + ",\"shortDescription\":{\"text\":\(jsonString(e.summary))}"
            + ",\"help\":{\"text\":\(jsonString(e.text))}"
            + ",\"defaultConfiguration\":{\"level\":\(jsonString(level(e.defaultSeverity)))}}"
    }

    private func level(_ s: Severity) -> String {
        switch s {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }

    public mutating func render(_ reports: [Report], run: RunInfo) -> String {
        var out = ""
        for report in reports {
            for d in report.diagnostics {
                out += (first ? "\n  " : ",\n  ") + result(d, report: report)
                first = false
            }
        }
        return out
    }

    private func result(_ d: Diagnostic, report: Report) -> String {
        let file = d.file ?? report.file ?? "-"
        let record = d.record ?? report.record
        var region = ""
        if d.source == .body, d.line > 0 {
            region = ",\"region\":{\"startLine\":\(d.line),\"startColumn\":\(max(1, d.column)),\"byteOffset\":\(max(0, d.offset))}"
        } else if let record, record > 0 {
            region = ",\"region\":{\"startLine\":\(record)}"
        }
        var props = "\"pointer\":\(jsonString(d.pointer)),\"in\":\(jsonString(d.source.rawValue))"
        if let doc = d.document ?? report.document { props += ",\"document\":\(jsonString(doc))" }
        if let record { props += ",\"record\":\(record)" }
        if let limit = d.limit { props += ",\"limit\":\(jsonString(limit))" }
        if let actual = d.actual { props += ",\"actual\":\(jsonString(actual))" }
        if let rule = d.rule {
            props += ",\"rule\":{\"file\":\(jsonString(rule.file)),\"keywordPath\":\(jsonString(rule.keywordPath)),\"line\":\(rule.line)}"
        }
        let index = ruleIndex[d.code.rawValue].map { ",\"ruleIndex\":\($0)" } ?? ""
        let text = d.pointer.isEmpty ? d.message : d.message + " (at \(d.pointer))"
        return "{\"ruleId\":\(jsonString(d.code.rawValue))\(index),\"level\":\(jsonString(level(d.severity)))"
            + ",\"message\":{\"text\":\(jsonString(text))}"
            + ",\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":\(jsonString(uri(file)))}\(region)}}]"
            + ",\"properties\":{\(props)}}"
    }

    public mutating func end(run: RunInfo, summary: RunSummary) -> String {
        (first ? "" : "\n") + "]}]}\n"
    }

    /// A relative URI reference for a path: unreserved characters and `/` kept, the rest percent-encoded.
    private func uri(_ path: String) -> String {
        var out = ""
        for b in path.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                 UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(b))
            default:
                let hex = String(b, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return out
    }
}
