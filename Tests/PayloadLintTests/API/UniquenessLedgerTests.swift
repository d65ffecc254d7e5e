import JSONStream
import Testing
import TestSupport
@testable import PayloadLint

/// `UniquenessLedger.settleJSONL` (the CLI's `jsonl` path, which writes `not_unique` lines without
/// building findings) writes exactly what `settle` and `JSONLinesReporter` write for the same claims.
@Suite struct UniquenessLedgerTests {
    static let rules = """
        id: t
        body:
          properties:
            'a/b~c': {unique: s1}
            n: {unique: nums}
            w: {unique: {value: ws, severity: warning}}
            m: {unique: {value: msgs, message: "pick \\"another\\" m\\\\\\t\\u2028"}}
            k: {unique: ks, uniqueKnown: [root]}
            o: {unique: objs}
            list: {items: {unique: s2}}
            long: {unique: 's"3\\'}
        """

    static let input: [String] = [
        #"{"a/b~c": "x", "n": 1, "w": "w1", "m": "m1", "k": "k1", "o": {"p": [1, 2]}, "list": ["p"], "long": "\#(String(repeating: "é", count: 70))"}"#,
        #"{"a/b~c": "x", "n": 1.0, "w": "w1", "m": "m1", "k": "root", "o": {"p": [1, 2]}, "list": ["q", "p"], "long": "\#(String(repeating: "é", count: 70))"}"#,
        #"{"a/b~c": "\"q\"\u2028", "n": 2, "list": ["p", "p"]}"#,
        #"{"a/b~c": "\"q\"\u2028", "n": 1e0, "k": "k1"}"#,
    ]

    func reports(file: String = "in.ndjson") throws -> [Report] {
        let source = InMemoryRuleSource(files: ["r.yaml": Self.rules])
        let doc = try #require(RuleLoader.load(from: source).documents.first)
        let linter = PayloadLinter(compiled: [try #require(RuleCompiler.compile(doc).rules)])
        let stream = try linter.makeStream(document: "t", file: file, ndjson: true)
        var reports = Array(Self.input.joined(separator: "\n").utf8).withUnsafeBytes { stream.feed($0) }
        reports += stream.finish()
        return reports
    }

    /// Reports of three files, one after another and interleaved (the lines' file changes from
    /// line to line; names with characters to escape), and of two linters (rules that are equal
    /// but other objects): what `settleJSONL` writes from its cached pieces stays exact.
    func mixedReports() throws -> [Report] {
        let a = try reports(file: "a.ndjson"), b = try reports(file: "dir/\"b\"\u{2028}.ndjson"), c = try reports(file: "c")
        var mixed = a
        for i in b.indices { mixed.append(b[i]); mixed.append(c[i]) }
        return try mixed + reports()
    }

    @Test(arguments: [false, true])
    func settleJSONLWritesWhatTheReporterWrites(errorsOnly: Bool) throws {
        var expected = try mixedReports()
        var ledger = UniquenessLedger()
        var want: [String] = []
        for i in expected.indices {
            ledger.settle(&expected[i])
            for d in expected[i].diagnostics where d.code == .notUnique && (!errorsOnly || d.severity == .error) {
                var line: [UInt8] = []
                JSONLinesReporter.append(d, of: expected[i], to: &line)
                want.append(String(decoding: line, as: UTF8.self))
            }
        }
        #expect(want.count >= (errorsOnly ? 8 : 9), "the sample repeats values under every kind of rule")

        var fast = UniquenessLedger()
        var batch = UniquenessLedger.ClaimBatch()
        var got: [String] = []
        var severities: [Severity] = []
        for var report in try mixedReports() {
            let range = batch.take(from: &report)
            #expect(!report.hasUniqueClaims)
            var out: [UInt8] = []
            var lines: [(key: (Int, Int), start: Int, end: Int, severity: Severity)] = []
            fast.settleJSONL(batch, range, document: report.document, file: report.file, record: report.record,
                             errorsOnly: errorsOnly, to: &out, lines: &lines)
            for line in lines {
                severities.append(line.severity)
                if line.start < line.end { got.append(String(decoding: out[line.start..<line.end], as: UTF8.self)) }
            }
        }
        #expect(got == want)
        // Findings below error severity are counted even when not written.
        let warnings = expected.flatMap(\.diagnostics).filter { $0.code == .notUnique && $0.severity != .error }.count
        #expect(warnings > 0)
        #expect(severities.count == want.count + (errorsOnly ? warnings : 0))
        #expect(severities.contains(.warning))
        // Lines of every file, the one with characters to escape too.
        #expect(got.contains { $0.contains(#""file":"dir/\"b\"\u2028.ndjson""#) })
        #expect(got.contains { $0.hasPrefix(#"{"file":"c","#) })
    }

    /// The not_unique lines `settleJSONL` writes for `reports`, their claims taken into one batch
    /// (`ClaimBatch.take`), or, for reports whose claims were gathered, read where they are in
    /// `gathered`.
    func settledLines(_ reports: [Report], gathered: UniquenessLedger.ClaimBatch? = nil) -> [String] {
        var ledger = UniquenessLedger()
        var batch = gathered ?? UniquenessLedger.ClaimBatch()
        var got: [String] = []
        for var report in reports {
            let range = report.gatheredUniqueClaims ?? batch.take(from: &report)
            var out: [UInt8] = []
            var lines: [(key: (Int, Int), start: Int, end: Int, severity: Severity)] = []
            ledger.settleJSONL(batch, range, document: report.document, file: report.file, record: report.record,
                               errorsOnly: false, to: &out, lines: &lines)
            got += lines.map { "\(report.record ?? 0) " + String(decoding: out[$0.start..<$0.end], as: UTF8.self) }
        }
        return got
    }

    /// A stream that gathers its claims (`LintStream.gathersUniqueClaims`) hands out, per feed,
    /// one batch its reports point into: settled from those batches, the records find the same
    /// repeats, at the same places, as reports that carry their claims. Fed whole and in chunks
    /// of 1 to 13 bytes, so that records (and the claims of the one in progress) straddle the
    /// batches handed out.
    @Test(arguments: [false, true])
    func gatheredClaimsSettleLikeTheirOwn(omitsClean: Bool) throws {
        let want = settledLines(try reports())
        #expect(want.count >= 9)
        let source = InMemoryRuleSource(files: ["r.yaml": Self.rules])
        let doc = try #require(RuleLoader.load(from: source).documents.first)
        let linter = PayloadLinter(compiled: [try #require(RuleCompiler.compile(doc).rules)])
        let bytes = Array((Self.input + Self.input.reversed()).joined(separator: "\n").utf8)
        var wantTwice = [String]()
        do {
            let stream = try linter.makeStream(document: "t", file: "in.ndjson", ndjson: true)
            var plain = bytes.withUnsafeBytes { stream.feed($0) }
            plain += stream.finish()
            wantTwice = settledLines(plain)
        }
        for size in [bytes.count] + Array(1...13) {
            let stream = try linter.makeStream(document: "t", file: "in.ndjson", ndjson: true)
            stream.gathersUniqueClaims = true
            // With clean payloads left out, payloads with only claims get no report either: the
            // batch lists them (`unreported`), to be settled in record order among the reports.
            stream.omitsCleanReports = omitsClean
            // Each feed's reports and batch settle with one ledger, in order, as the CLI's consumer does.
            var ledger = UniquenessLedger()
            var got: [String] = []
            var payloads = 0
            var unreportedSeen = 0
            func settle(_ reports: [Report], _ batch: UniquenessLedger.ClaimBatch) {
                if !omitsClean { #expect(batch.unreported.isEmpty) }
                #expect(batch.document == "t" && batch.file == "in.ndjson")
                var pending: [(record: Int, claims: Range<Int>)] = batch.unreported.map { ($0.record ?? 0, $0.claims) }
                for report in reports {
                    #expect(report.hasUniqueClaims == (report.gatheredUniqueClaims != nil))
                    // A report without findings exists only when clean ones are reported too.
                    if omitsClean { #expect(!report.diagnostics.isEmpty || !report.hasUniqueClaims) }
                    guard let range = report.gatheredUniqueClaims else { continue }
                    pending.append((report.record ?? 0, range))
                }
                payloads += reports.count + batch.unreported.count
                unreportedSeen += batch.unreported.count
                for (record, range) in pending.sorted(by: { $0.record < $1.record }) {
                    var out: [UInt8] = []
                    var lines: [(key: (Int, Int), start: Int, end: Int, severity: Severity)] = []
                    ledger.settleJSONL(batch, range, document: "t", file: "in.ndjson",
                                       record: record, errorsOnly: false, to: &out, lines: &lines)
                    got += lines.map { "\(record) " + String(decoding: out[$0.start..<$0.end], as: UTF8.self) }
                }
            }
            var at = 0
            while at < bytes.count {
                let end = min(at + size, bytes.count)
                let reports = bytes[at..<end].withUnsafeBytes { stream.feed($0) }
                settle(reports, stream.takeUniqueClaims())
                at = end
            }
            let rest = stream.finish()
            settle(rest, stream.takeUniqueClaims())
            #expect(got == wantTwice, "chunks of \(size) bytes")
            #expect(payloads + stream.takeOmittedCleanReports() == 2 * Self.input.count, "every payload counted once")
            #expect((unreportedSeen > 0) == omitsClean, "the sample has payloads with claims and no findings")
        }
        #expect(wantTwice.count > want.count)
    }

    /// The claims of a record that spans many chunks stay in the stream's batch until the record
    /// ends: the batches handed out meanwhile are empty (they are not moved to a new batch at
    /// every chunk), and the record's report then points at all of them.
    @Test func aRecordsClaimsStayUntilItEnds() throws {
        let source = InMemoryRuleSource(files: ["r.yaml": Self.rules])
        let doc = try #require(RuleLoader.load(from: source).documents.first)
        let linter = PayloadLinter(compiled: [try #require(RuleCompiler.compile(doc).rules)])
        let stream = try linter.makeStream(document: "t", file: "in.ndjson", ndjson: true)
        stream.gathersUniqueClaims = true
        let items = (0..<3000).map { "\"v\($0 % 2000)\"" }.joined(separator: ",")
        let bytes = Array((#"{"a/b~c": "x"}"# + "\n" + #"{"list": ["# + items + "]}\n").utf8)
        var taken: [(reports: [Report], batch: UniquenessLedger.ClaimBatch)] = []
        var at = 0
        while at < bytes.count {
            let end = min(at + 997, bytes.count)
            let reports = bytes[at..<end].withUnsafeBytes { stream.feed($0) }
            taken.append((reports, stream.takeUniqueClaims()))
            at = end
        }
        taken.append((stream.finish(), stream.takeUniqueClaims()))
        let withClaims = taken.filter { $0.reports.contains { $0.gatheredUniqueClaims != nil } }
        #expect(withClaims.count == 2, "the two records' batches")
        let last = try #require(withClaims.last)
        let range = try #require(last.reports.compactMap(\.gatheredUniqueClaims).last)
        #expect(range.count == 3000 && last.batch.count == 3000)
        // Every other batch handed out while the long record was read is empty.
        #expect(taken.filter { $0.batch.count > 0 }.count == 2)
        var ledger = UniquenessLedger()
        var out: [UInt8] = []
        var lines: [(key: (Int, Int), start: Int, end: Int, severity: Severity)] = []
        ledger.settleJSONL(last.batch, range, document: "t", file: "in.ndjson", record: 2, errorsOnly: false,
                           to: &out, lines: &lines)
        #expect(lines.count == 1000, "values v0…v999 repeat once")
    }

    /// A copy of a ledger is a value: claims settled in one after the copy (enough to grow the
    /// table and the stored values several times) are not taken in the other, and both still know
    /// the values taken before.
    @Test func aCopyOfTheLedgerIsItsOwn() throws {
        var original = UniquenessLedger()
        var first = try reports()
        for i in first.indices { original.settle(&first[i]) }
        var copy = original
        // 5,000 new values in the original only.
        let source = InMemoryRuleSource(files: ["r.yaml": Self.rules])
        let doc = try #require(RuleLoader.load(from: source).documents.first)
        let linter = PayloadLinter(compiled: [try #require(RuleCompiler.compile(doc).rules)])
        let stream = try linter.makeStream(document: "t", file: "more.ndjson", ndjson: true)
        let lines = (0..<5000).map { #"{"a/b~c": "new\#($0)"}"# }.joined(separator: "\n")
        var more = Array(lines.utf8).withUnsafeBytes { stream.feed($0) } + stream.finish()
        for i in more.indices { original.settle(&more[i]) }
        #expect(more.allSatisfy { !$0.diagnostics.contains { $0.code == .notUnique } })
        // The copy has not taken them: a second run of the same values is free there, not in the original.
        let again = try linter.makeStream(document: "t", file: "again.ndjson", ndjson: true)
        let repeated = Array(lines.utf8).withUnsafeBytes { again.feed($0) } + again.finish()
        var inCopy = repeated, inOriginal = repeated
        for i in repeated.indices {
            copy.settle(&inCopy[i])
            original.settle(&inOriginal[i])
        }
        #expect(inCopy.allSatisfy { !$0.diagnostics.contains { $0.code == .notUnique } })
        #expect(inOriginal.filter { $0.diagnostics.contains { $0.code == .notUnique } }.count == 5000)
        // Both still hold what was taken before the copy ("x", the first record's value).
        for var ledger in [original, copy] {
            var again = try reports()
            for i in again.indices { ledger.settle(&again[i]) }
            #expect(again[0].diagnostics.contains { $0.code == .notUnique && $0.pointer == "/a~1b~0c" })
        }
    }

    /// Claims keep their values, pointers and subjects through `Report.combining` (which shifts
    /// each report's claims past the ones before): one combined report finds the same repeats,
    /// at the same pointers, as its parts settled one by one.
    @Test func combinedReportsKeepTheirClaims() throws {
        let parts = try reports()
        var ledger = UniquenessLedger()
        var separately: [String] = []
        for var report in parts {
            ledger.settle(&report)
            separately += report.diagnostics.filter { $0.code == .notUnique }.map(\.pointer)
        }
        var combined = Report.combining(parts, document: "t", file: "in.ndjson")
        #expect(combined.uniqueClaims.count == parts.reduce(0) { $0 + $1.uniqueClaims.count })
        var fresh = UniquenessLedger()
        fresh.settle(&combined)
        let together = combined.diagnostics.filter { $0.code == .notUnique }.map(\.pointer)
        #expect(!separately.isEmpty)
        #expect(together.sorted() == separately.sorted())
        #expect(together.contains("/a~1b~0c"))
    }

    /// A string's claim hash is the same from its `JSONValue` and from its UTF-8 (the validator
    /// hashes the bytes it read; known values are hashed as values), at every length around the
    /// eight-byte steps, and differs between the strings tried and between scopes.
    @Test func stringHashesAgreeAcrossTheirForms() {
        let rule = UniqueRule(scope: "s", known: [], location: RuleLocation(file: "", keywordPath: ""),
                              severity: .error, customMessage: nil)
        let other = UniqueRule(scope: "t", known: [], location: RuleLocation(file: "", keywordPath: ""),
                               severity: .error, customMessage: nil)
        var seen = Set<Int>()
        for text in (0...17).map({ String(repeating: "a", count: $0) }) + ["é", "ab\u{0}", "ba\u{0}", "名前"] {
            let utf8 = Array(text.utf8)
            let fromBytes = utf8.withUnsafeBytes { UniquenessLedger.hash(rule, utf8: $0) }
            #expect(UniquenessLedger.hash(rule, value: .string(text)) == fromBytes)
            #expect(UniquenessLedger.hash(other, value: .string(text)) != fromBytes)
            seen.insert(fromBytes)
        }
        #expect(seen.count == 22)
    }

    /// Claim hashes are keyed apart from the reader's name hash: names sharing one name hash
    /// (built here with this process's name key) would otherwise all land on one probe chain of
    /// the ledger (each new claim compared with every earlier one).
    @Test func claimHashesDoNotCollideWhereNameHashesDo() {
        let rule = UniqueRule(scope: "s", known: [], location: RuleLocation(file: "", keywordPath: ""),
                              severity: .error, customMessage: nil)
        let names = CollidingNames.make(count: 4)
        let nameHashes = Set(names.map { n in n.withUnsafeBytes { JSONReader.nameHash($0) } })
        #expect(nameHashes.count == 1, "the construction collides the reader's hash")
        let claimHashes = Set(names.map { n in n.withUnsafeBytes { UniquenessLedger.hash(rule, utf8: $0) } })
        #expect(claimHashes.count == 4)
    }

    /// `Report.combining` gathers the claims of many reports in one pass, each report's ranges
    /// shifted past the ones before: settling the combined report finds every repeat.
    @Test func combiningManyReportsKeepsEveryClaim() throws {
        let parts = try reports()
        let many = (0..<500).flatMap { _ in parts }
        var combined = Report.combining(many, document: "t", file: "in.ndjson")
        #expect(combined.uniqueClaims.count == 500 * parts.reduce(0) { $0 + $1.uniqueClaims.count })
        var ledger = UniquenessLedger()
        ledger.settle(&combined)
        // The first round finds what one copy finds; every claim of the 499 later rounds repeats
        // a value of the first.
        let perRound = parts.reduce(0) { $0 + $1.uniqueClaims.count }
        var once = Report.combining(parts, document: "t", file: "in.ndjson")
        var fresh = UniquenessLedger()
        fresh.settle(&once)
        let firstRound = once.diagnostics.filter { $0.code == .notUnique }.count
        #expect(firstRound > 0)
        #expect(combined.diagnostics.filter { $0.code == .notUnique }.count == firstRound + 499 * perRound)
        // Four records claim `a/b~c` in each round.
        #expect(combined.diagnostics.filter { $0.code == .notUnique && $0.pointer == "/a~1b~0c" }.count
            == once.diagnostics.filter { $0.code == .notUnique && $0.pointer == "/a~1b~0c" }.count + 499 * 4)
    }
}
