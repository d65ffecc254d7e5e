import Foundation
import PayloadLint

/// `--format native`: per payload, one JSON line with the HTTP status and the exact error body
/// the API itself would send (`Report.nativeResponse()`): `{"file", "record", "status",
/// "contentType", "body"}`. A payload the API would accept gets status 200 and body null.
func renderNative(_ reports: [Report]) -> String {
    var out = ""
    for report in reports {
        let file = report.file.map(jsonString) ?? "null"
        let record = report.record.map(String.init) ?? "null"
        if let response = report.nativeResponse() {
            out += "{\"file\":\(file),\"record\":\(record),\"status\":\(response.status),"
                + "\"contentType\":\(jsonString(response.contentType)),\"body\":\(response.body)}\n"
        } else {
            out += "{\"file\":\(file),\"record\":\(record),\"status\":200,\"contentType\":null,\"body\":null}\n"
        }
    }
    return out
}

private func jsonString(_ s: String) -> String {
    let data = (try? JSONSerialization.data(withJSONObject: [s], options: [.withoutEscapingSlashes])) ?? Data("[\"\"]".utf8)
    let text = String(decoding: data, as: UTF8.self)
    return String(text.dropFirst().dropLast())
}
