import PayloadLint
import Testing

@Suite("Lint streams after a failure")
struct LintStreamStopTests {
    /// A single document that failed (here: its string is over the limit) drops the rest of its
    /// input instead of buffering it: the CLI reading a 1 GB string from stdin used to grow to
    /// 2 GB after the limit had been reported.
    @Test func aFailedDocumentIgnoresFurtherInput() throws {
        var options = LintOptions()
        options.reader.maxStringBytes = 1000
        let linter = PayloadLinter(compiled: [], options: options)
        let stream = try linter.makeStream(document: nil)
        var reports = stream.feed(Array("[\"".utf8))
        let block = [UInt8](repeating: UInt8(ascii: "a"), count: 600)
        reports += stream.feed(block)
        #expect(!stream.isStopped)
        reports += stream.feed(block)
        #expect(stream.isStopped)
        for _ in 0..<100 { reports += stream.feed(block) }
        reports += stream.finish()
        #expect(reports.count == 1)
        #expect(reports.first?.diagnostics.count == 1)
        #expect(reports.first?.diagnostics.first?.message == "the string is longer than 1000 bytes")
    }
}

extension LintStream {
    func feed(_ bytes: [UInt8]) -> [Report] {
        bytes.withUnsafeBytes { feed($0) }
    }
}
