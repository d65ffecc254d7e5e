import Foundation
import Testing
import PayloadLint

/// The library entry points: bytes, text, a file, an async sequence of chunks, native responses.
@Suite struct LibraryAPITests {
    static let linter = try? PayloadLinter(rules: .builtin)

    @Test func bytesTextAndChunksAgree() async throws {
        let linter = try #require(Self.linter)
        let body = #"{"name": "", "email": "nope", "custom": {"a": [1]}}"#
        let fromText = try linter.lint(body, document: "pubnub.set-uuid-metadata")
        let fromBytes = try linter.lint(Array(body.utf8), document: "pubnub.set-uuid-metadata")
        struct Chunks: AsyncSequence {
            let bytes: [UInt8]
            struct AsyncIterator: AsyncIteratorProtocol {
                var rest: ArraySlice<UInt8>
                mutating func next() async -> [UInt8]? {
                    guard !rest.isEmpty else { return nil }
                    defer { rest = rest.dropFirst(3) }
                    return Array(rest.prefix(3))
                }
            }
            func makeAsyncIterator() -> AsyncIterator { AsyncIterator(rest: bytes[...]) }
        }
        let fromChunks = try await linter.lint(chunks: Chunks(bytes: Array(body.utf8)), document: "pubnub.set-uuid-metadata")
        #expect(fromText.diagnostics == fromBytes.diagnostics)
        #expect(fromChunks.diagnostics == fromText.diagnostics)
        #expect(fromText.diagnostics.map(\.code) == [.tooShort, .blankValue, .formatMismatch, .typeMismatch])
    }

    /// A replica (a thread's own compiled copy of some documents) finds what the original finds.
    @Test func aReplicaLintsLikeTheOriginal() throws {
        let linter = try #require(Self.linter)
        let replica = linter.replica(of: ["pace.update-user", "pubnub.set-uuid-metadata", "no.such-document"])
        #expect(replica.documents["pace.update-user"] !== linter.documents["pace.update-user"])
        #expect(replica.documents["fullstory.update-user"] === linter.documents["fullstory.update-user"])
        #expect(replica.documentIDs == linter.documentIDs)
        let payloads: [(String, String)] = [
            ("pubnub.set-uuid-metadata", #"{"name": "", "email": "nope", "custom": {"a": [1]}, "x": 1}"#),
            ("pace.update-user", #"{"data": {"type": "users", "id": 7, "attributes": {"email": "a@", "x": null}}}"#),
            ("pace.update-user", #"{"data": [1, 2"#),
        ]
        for (document, body) in payloads {
            let a = try linter.lint(body, document: document, parameters: ["path.userId": "1"])
            let b = try replica.lint(body, document: document, parameters: ["path.userId": "1"])
            #expect(a.diagnostics == b.diagnostics)
            #expect(a.document == b.document)
            #expect(!a.diagnostics.isEmpty)
        }
    }

    @Test func aFileIsReadInChunks() throws {
        let linter = try #require(Self.linter)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pl-\(UUID().uuidString).ndjson")
        defer { try? FileManager.default.removeItem(at: url) }
        try "{\"name\": \"a\"}\n{\"name\": 1}\n".write(to: url, atomically: true, encoding: .utf8)
        let reports = try linter.lint(contentsOf: url.path, document: "pubnub.set-uuid-metadata")
        #expect(reports.map(\.record) == [1, 2])
        #expect(reports[1].diagnostics.map(\.code) == [.typeMismatch])
        #expect(throws: LintError.self) { try linter.lint(contentsOf: "/nonexistent.json", document: nil) }
    }

    @Test func unknownDocumentSuggests() throws {
        let linter = try #require(Self.linter)
        do {
            _ = try linter.lint("{}", document: "pubnub.set-uuid-metadat")
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("did you mean pubnub.set-uuid-metadata"))
        }
    }

    @Test func nativeResponseOfAPACEPayload() throws {
        let linter = try #require(Self.linter)
        let report = try linter.lint(#"{"data": {"type": "User", "id": "c0daf39b-4df5-4241-9e7d-b1b85f829090", "attributes": {}}}"#,
                                     document: "pace.update-user",
                                     parameters: ["path.userId": "c0daf39b-4df5-4241-9e7d-b1b85f829091"])
        let response = try #require(report.nativeResponse())
        #expect(response.status == 422)
        #expect(response.contentType == "application/vnd.api+json")
        #expect(response.body.contains(#""pointer":"/data/id""#))
    }

    @Test func wellFormednessOnlyWithoutADocument() throws {
        let linter = try #require(Self.linter)
        let report = try linter.lint(#"{"a": 1, "a": 2, "b": tru}"#, document: nil)
        #expect(report.diagnostics.map(\.code) == [.duplicateKey, .syntaxError])
        #expect(report.diagnostics[0].related?.column == 2)
    }
}
