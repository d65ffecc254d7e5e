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

    /// NDJSON chunks are read in place (`JSONReader.feed(borrowing:)`): whatever the chunk size,
    /// and with each chunk overwritten once `feed` returned, the reports are those of one feed.
    @Test func ndjsonChunksReadInPlaceGiveTheSameReports() throws {
        let linter = try #require(Self.linter)
        let long = String(repeating: "é", count: 3000)
        var records: [String] = []
        for i in 0..<40 {
            switch i % 5 {
            case 0: records.append(#"{"name": "n\#(i)", "email": "u\#(i)@example.com", "custom": {"k": \#(i)}}"#)
            case 1: records.append(#"{"name": "\#(long)", "profileUrl": "https://example.com/\#(i)"}"#)
            case 2: records.append(#"{"name": "bad \#(i)", "email": 7,"#)   // syntax error: cut record
            case 3: records.append(#"  {"name": "\u00e9\#(i)\n", "custom": {"a": [1]}}  "#)
            default: records.append(#"{"name": "", "status": "\#(String(repeating: "s", count: 60))"}"#)
            }
        }
        let input = Array((records.joined(separator: "\n") + "\n\n").utf8)
        func lint(chunkSize: Int) throws -> [Report] {
            let stream = try linter.makeStream(document: "pubnub.set-uuid-metadata", file: "x.ndjson", ndjson: true)
            var reports: [Report] = []
            var from = 0
            while from < input.count {
                var chunk = Array(input[from..<min(from + chunkSize, input.count)])
                chunk.withUnsafeMutableBytes { memory in
                    reports += stream.feed(UnsafeRawBufferPointer(memory))
                    memory.initializeMemory(as: UInt8.self, repeating: 0xFF)
                }
                from += chunkSize
            }
            return reports + stream.finish()
        }
        let whole = try lint(chunkSize: input.count)
        #expect(whole.count == 40)
        #expect(whole.filter { $0.diagnostics.contains { $0.code == .syntaxError } }.count == 8)
        for size in [1, 2, 3, 7, 64, 100, 1000, 4096, 6001] {
            let chunked = try lint(chunkSize: size)
            #expect(chunked.map(\.record) == whole.map(\.record), "chunks of \(size)")
            #expect(chunked.map(\.diagnostics) == whole.map(\.diagnostics), "chunks of \(size)")
        }
    }

    /// A member's value that does not parse (read right after its name, with the member's schema
    /// known) ends its record with `syntax_error` at the value; the next records are read, however
    /// the input is cut into chunks; a single document stops there.
    @Test func aMemberValueThatDoesNotParseEndsItsRecord() throws {
        let linter = try #require(Self.linter)
        let input = Array(#"""
            {"name": }
            {"name": tru}
            {"name": "ok", "email": "a@b.co"}
            {"name": "x", "status": [1]}
            {"name": 5x, "status": 1}

            """#.utf8)
        func lint(chunkSize: Int) throws -> [Report] {
            let stream = try linter.makeStream(document: "pubnub.set-uuid-metadata", ndjson: true)
            var reports: [Report] = []
            var from = 0
            while from < input.count {
                let chunk = Array(input[from..<min(from + chunkSize, input.count)])
                reports += chunk.withUnsafeBytes { stream.feed($0) }
                from += chunkSize
            }
            return reports + stream.finish()
        }
        for size in [1, 2, 9, 10, 11, input.count] {
            let reports = try lint(chunkSize: size)
            #expect(reports.map(\.record) == [1, 2, 3, 4, 5], "chunks of \(size)")
            let found = reports.map { $0.diagnostics.map { "\($0.code.rawValue) \($0.pointer) \($0.column)" } }
            #expect(found == [["syntax_error /name 10"], ["syntax_error /name 10"], [], ["type_mismatch /status 25"],
                              ["syntax_error /name 11"]], "chunks of \(size)")
        }
        let single = try linter.lint(#"{"name": 5x, "status": 1}"#, document: "pubnub.set-uuid-metadata")
        #expect(single.diagnostics.map(\.code) == [.syntaxError])
    }

    /// `omitsCleanReports`: the records with findings come out as before, the clean ones are only
    /// counted (a record with only a `unique:` claim is not clean: its claim must be settled).
    @Test func cleanRecordsCanBeCountedInsteadOfReported() throws {
        let linter = try #require(Self.linter)
        let records = [
            #"{"name": "a"}"#, #"{"name": ""}"#, #"{"name": "b"}"#, #"{"email": "nope"}"#, #"{}"#, "{",
        ]
        let input = Array(records.joined(separator: "\n").utf8)
        let all = try linter.makeStream(document: "pubnub.set-uuid-metadata", ndjson: true)
        var every = input.withUnsafeBytes { all.feed($0) }
        every += all.finish()
        let omitting = try linter.makeStream(document: "pubnub.set-uuid-metadata", ndjson: true)
        omitting.omitsCleanReports = true
        var some = input.withUnsafeBytes { omitting.feed($0) }
        some += omitting.finish()
        let dirty = every.filter { !$0.diagnostics.isEmpty }
        #expect(dirty.count == 3)
        #expect(some.map(\.record) == dirty.map(\.record))
        #expect(some.map { $0.diagnostics.map(\.code) } == dirty.map { $0.diagnostics.map(\.code) })
        #expect(omitting.takeOmittedCleanReports() == every.count - dirty.count)
        #expect(omitting.omittedCleanReports == 0)

        let claims = try PayloadLinter(rules: .builtin).makeStream(document: "frontier.update-user", ndjson: true)
        claims.omitsCleanReports = true
        let withClaims = Array(#"{"name": "ann-lee"}"#.utf8).withUnsafeBytes { claims.feed($0) } + claims.finish()
        #expect(withClaims.count == 1 && withClaims[0].hasUniqueClaims)
        #expect(claims.omittedCleanReports == 0)
    }

    /// The parameters' findings go to a stream's first report even when its first record is clean
    /// (clean records take their own path through the stream), whether or not clean reports are
    /// omitted; the clean records after it come out clean (or are counted).
    @Test func parameterFindingsGoToTheFirstReportOfAStreamWhoseFirstRecordIsClean() throws {
        let linter = try #require(Self.linter)
        let input = Array([#"{"name": "a"}"#, #"{"name": "b"}"#, #"{"name": ""}"#, #"{"name": "c"}"#].joined(separator: "\n").utf8)
        for omits in [false, true] {
            let stream = try linter.makeStream(document: "pubnub.set-uuid-metadata", parameters: ["path.sub_key": "k"],
                                               ndjson: true)
            stream.omitsCleanReports = omits
            let reports = input.withUnsafeBytes { stream.feed($0) } + stream.finish()
            let found = reports.map { r in r.diagnostics.map { "\($0.code.rawValue) \($0.pointer)" } }
            if omits {
                #expect(reports.map(\.record) == [1, 3])
                #expect(found == [["required_field /uuid"], ["too_short /name", "blank_value /name"]])
                #expect(stream.takeOmittedCleanReports() == 2)
            } else {
                #expect(reports.map(\.record) == [1, 2, 3, 4])
                #expect(found == [["required_field /uuid"], [], ["too_short /name", "blank_value /name"], []])
                #expect(stream.omittedCleanReports == 0)
            }
            #expect(reports.allSatisfy { $0.document == "pubnub.set-uuid-metadata" })
        }
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
        // Room for a regular file's size and one byte more (at least 4 KiB), else 256 KiB chunks;
        // a file of several chunks reads the same.
        #expect(PayloadLinter.readRoom(forFileOfSize: 30) == 4096)
        #expect(PayloadLinter.readRoom(forFileOfSize: 100_000) == 100_001)
        #expect(PayloadLinter.readRoom(forFileOfSize: 10_000_000) == 1 << 18)
        #expect(PayloadLinter.readRoom(forFileOfSize: nil) == 1 << 18)
        let records = String(repeating: "{\"name\": \"a\"}\n", count: 40_000) + "{\"name\": 1}\n"
        try records.write(to: url, atomically: true, encoding: .utf8)
        let many = try linter.lint(contentsOf: url.path, document: "pubnub.set-uuid-metadata")
        #expect(many.count == 40_001)
        #expect(many.last?.diagnostics.map(\.code) == [.typeMismatch])
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
