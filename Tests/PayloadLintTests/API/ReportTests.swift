import Testing
@testable import PayloadLint

/// `Report` keeps its document, file and error style behind one shared reference: each is still
/// a value of its own report.
@Suite struct ReportTests {
    @Test func originFieldsAreValuesOfEachReport() {
        let original = Report(document: "pubnub.set-uuid-metadata", file: "in.ndjson", record: 3, diagnostics: [],
                              errorStyle: .pubnub)
        var changed = original
        changed.document = "other"
        #expect(original.document == "pubnub.set-uuid-metadata")
        #expect(changed.document == "other")
        #expect(changed.file == "in.ndjson" && changed.errorStyle == .pubnub && changed.record == 3)
        changed.file = nil
        changed.errorStyle = .jsonapi
        #expect(original.file == "in.ndjson" && original.errorStyle == .pubnub)
        #expect(changed.file == nil && changed.errorStyle == .jsonapi && changed.document == "other")
        let plain = Report(document: nil, file: nil, diagnostics: [])
        #expect(plain.document == nil && plain.file == nil && plain.errorStyle == nil && plain.record == nil)
    }
}
