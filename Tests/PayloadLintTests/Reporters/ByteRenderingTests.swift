import Testing
@testable import PayloadLint

/// The byte renderers (`jsonl` hot path) write exactly what the String renderers write.
@Suite struct ByteRenderingTests {
    static let samples: [String] = [
        "", "plain", "quote \" and \\ backslash", "controls \u{0}\u{1}\u{8}\u{9}\u{A}\u{C}\u{D}\u{1F} del \u{7F}",
        "line sep \u{2028} para sep \u{2029} end", "\u{2028}", "e2 not a separator: \u{2030} \u{20AC} €",
        "non-ASCII é 日本 🙂", String(repeating: "long run without escapes ", count: 200) + "\"",
        "ends with backslash \\",
    ]

    @Test func writeStringBytesMatchesString() {
        for s in ByteRenderingTests.samples {
            var text = ""
            JSONValue.writeString(s, to: &text)
            var bytes: [UInt8] = []
            JSONValue.writeString(s, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == text, "\(s.debugDescription)")
        }
    }

    @Test func diagnosticBytesMatchString() {
        let d = Diagnostic(code: .tooLong, severity: .warning, message: "too \"long\" \u{2028}", pointer: "/a~1b/0",
                           source: .body, line: 12, column: 3, offset: 1_234_567_890,
                           rule: RuleLocation(file: "rules/x.yaml", keywordPath: "body/properties/name", line: 7), limit: "2048")
        let p = Diagnostic(code: .typeMismatch, severity: .error, message: "m", pointer: "/uuid", source: .path, record: 3)
        let reports = [
            Report(document: "pubnub.set-uuid-metadata", file: "dir/x.ndjson", record: 42, diagnostics: [d]),
            Report(document: nil, file: nil, record: nil, diagnostics: [d, p]),
        ]
        for report in reports {
            for diagnostic in report.diagnostics {
                var bytes: [UInt8] = []
                appendDiagnosticJSON(diagnostic, report: report, to: &bytes)
                #expect(String(decoding: bytes, as: UTF8.self) == diagnosticJSON(diagnostic, report: report))
            }
        }
        for n in [0, 7, 10, 99, 100, 12345, Int.max, -1, Int.min] {
            var bytes: [UInt8] = []
            RawJSONWriter.append(to: &bytes, capacity: RawJSONWriter.intBound) { $0.int(n) }
            #expect(String(decoding: bytes, as: UTF8.self) == String(n))
        }
    }
}
