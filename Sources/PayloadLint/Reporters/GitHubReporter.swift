/// GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=code::message`
/// (`::warning` for warnings, `::notice` for infos).
public struct GitHubReporter: Reporter {
    public static let identifier = "github"

    public init() {}

    public mutating func render(_ reports: [Report], run: RunInfo) -> String {
        var out = ""
        for report in reports {
            for d in report.diagnostics {
                let command = switch d.severity {
                case .error: "error"
                case .warning: "warning"
                case .info: "notice"
                }
                var props = ["file=" + property(d.file ?? report.file ?? "-")]
                if d.source == .body, d.line > 0 {
                    props += ["line=\(d.line)", "col=\(d.column)"]
                } else if let record = d.record ?? report.record {
                    props += ["line=\(record)"]
                }
                props.append("title=" + property(d.code.rawValue))
                var message = d.message
                if !d.pointer.isEmpty { message += " (at \(d.pointer)" + (d.source == .body ? ")" : ", \(d.source.rawValue) parameter)") }
                out += "::\(command) \(props.joined(separator: ","))::\(data(message))\n"
            }
        }
        return out
    }

    public mutating func end(run: RunInfo, summary: RunSummary) -> String { "" }

    private func data(_ s: String) -> String { escape(s, property: false) }
    private func property(_ s: String) -> String { escape(s, property: true) }

    private func escape(_ s: String, property: Bool) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            case ":" where property: out += "%3A"
            case "," where property: out += "%2C"
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }
}
