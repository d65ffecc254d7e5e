import Foundation
import PayloadLint

/// `--format native`: per payload, the HTTP status and the error body the API would send.
///
/// Interim rendering until `Report.nativeResponse()` lands: one JSON line per payload with the
/// file, record, status (400 with findings of error severity, else 200) and the diagnostics.
func renderNative(_ reports: [Report]) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    var out = ""
    for report in reports {
        let status = report.hasErrors ? 400 : 200
        let body = (try? encoder.encode(report.diagnostics)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
        let file = (try? encoder.encode(report.file)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
        out += "{\"file\":\(file),\"record\":\(report.record.map(String.init) ?? "null"),\"status\":\(status),\"body\":{\"diagnostics\":\(body)}}\n"
    }
    return out
}
