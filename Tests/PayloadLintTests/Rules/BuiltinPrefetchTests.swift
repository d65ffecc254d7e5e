import Testing

@testable import PayloadLint

/// Built-in rule documents read ahead (`PayloadLinter.prefetchBuiltinRules`): the linter built
/// afterwards takes the read of exactly its documents and lints as one built without it; a read
/// of other documents, or of an unknown id, changes nothing. (The reads are process-wide and
/// tests run side by side: each test uses sets of documents no other test asks for, and this
/// suite's tests run one at a time, as the number of reads kept is bounded.)
@Suite(.serialized) struct BuiltinPrefetchTests {
    static let payload = #"{"data": {"type": "users", "id": 7, "attributes": {"email": "a@", "locale": "xx_YY"}}}"#

    static func findings(_ linter: PayloadLinter) throws -> [String] {
        try linter.lint(payload, document: "pace.update-user").diagnostics.map {
            "\($0.code.rawValue) \($0.pointer) \($0.line):\($0.column) \($0.message)"
        }
    }

    @Test func aLinterTakesTheReadOfItsDocuments() throws {
        let documents: Set = ["pace.update-user", "fullstory.update-user"]
        let plain = try Self.findings(PayloadLinter(rules: .builtin, documents: documents))
        #expect(!plain.isEmpty)

        PayloadLinter.prefetchBuiltinRules(documents: documents)
        let read = try PayloadLinter(rules: .builtin, documents: documents)
        #expect(try Self.findings(read) == plain)
        #expect(Set(read.documentIDs) == documents)
        // Taken once: nothing is left for the same documents.
        #expect(BuiltinPrefetch.take(only: documents) == nil)
    }

    /// Reads never taken do not pile up: past `maxPending`, the oldest is dropped.
    @Test func untakenReadsAreBounded() throws {
        let sets: [Set<String>] = (0...BuiltinPrefetch.maxPending).map { ["prefetch-test.bounded-\($0)"] }
        for s in sets { PayloadLinter.prefetchBuiltinRules(documents: s) }
        #expect(BuiltinPrefetch.take(only: sets[0]) == nil)
        for s in sets.dropFirst() { #expect(BuiltinPrefetch.take(only: s) != nil) }
    }

    @Test func readsOfOtherDocumentsAreNotUsed() throws {
        let others: Set = ["pubnub.set-uuid-metadata", "frontier.update-user"]
        let unknownID: Set = ["prefetch-test.no-such-document"]
        PayloadLinter.prefetchBuiltinRules(documents: others)
        PayloadLinter.prefetchBuiltinRules(documents: unknownID)
        let linter = try PayloadLinter(rules: .builtin, documents: ["pace.update-user", "pubnub.set-uuid-metadata"])
        #expect(Set(linter.documentIDs) == ["pace.update-user", "pubnub.set-uuid-metadata"])
        #expect(try Self.findings(linter).isEmpty == false)
        // The unknown id reads nothing, without an error.
        let unknown = try #require(BuiltinPrefetch.take(only: unknownID))
        #expect(unknown.result.documents.isEmpty && unknown.result.errors.isEmpty && unknown.compiled.isEmpty)
        let other = try #require(BuiltinPrefetch.take(only: others))
        #expect(Set(other.result.documents.map(\.id)) == others && other.result.errors.isEmpty)
        // Compiled ahead too, document by document.
        #expect(Set(other.compiled.compactMap(\.rules?.id)) == others)
    }
}
