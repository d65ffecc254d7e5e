#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import JSONStream

/// Settings of a linter that are not rules: input limits and the clock.
///
/// The limits keep a linter safe on hostile input (HARDENING.md): each has a default, and each
/// gives its own diagnostic when hit.
///
/// | limit | default | diagnostic |
/// |---|---|---|
/// | `reader.maxDocumentBytes` | 256 MiB | `document_too_large` |
/// | `reader.maxDepth` | 1024 | `depth_limit` |
/// | `reader.maxStringBytes` | 16 MiB | `string_limit` |
/// | `reader.maxNumberLength` | 4096 | `number_limit` |
/// | `maxDiagnosticsPerPayload` | 1000 | `diagnostic_limit` (the rest are counted) |
public struct LintOptions: Sendable {
    /// Default of `reader.maxDocumentBytes` for a linter (a bare `JSONReader` has none).
    public static let defaultMaxDocumentBytes = 256 << 20
    /// Default of `maxDiagnosticsPerPayload`.
    public static let defaultMaxDiagnosticsPerPayload = 1000

    /// Limits of the JSON reader (depth, string and number length, document size; a rule file's
    /// `limits: {maxBytes}` lowers the document size further).
    public var reader: JSONReader.Options = {
        var o = JSONReader.Options()
        o.maxDocumentBytes = LintOptions.defaultMaxDocumentBytes
        return o
    }()
    /// Unix seconds used by `maxClockSkew` rules; nil: the system clock at each lint.
    public var now: Int? = nil
    /// Findings kept per payload (NDJSON: per record); past it they are counted and reported as
    /// one `diagnostic_limit` warning, so memory stays bounded. nil: no limit.
    public var maxDiagnosticsPerPayload: Int? = LintOptions.defaultMaxDiagnosticsPerPayload
    /// Findings below this severity are not reported — nor built, which is what makes it worth
    /// setting: a caller that drops infos and warnings anyway (`payloadlint lint --quiet`)
    /// saves their messages and pointers. Verdicts do not change (`anyOf`/`oneOf`/… count
    /// errors only). nil (the default): every finding is reported. Applied before
    /// `maxDiagnosticsPerPayload`.
    public var minimumSeverity: Severity? = nil

    public init() {}
}

/// Why a lint could not run at all (as opposed to findings about the payload).
public struct LintError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Lints JSON payloads against compiled rule documents.
///
/// Immutable and `Sendable`: build one, share it across tasks and threads; rules are compiled
/// once.
///
/// ```swift
/// let linter = try PayloadLinter(rules: .builtin)
/// let report = try linter.lint(bytes, document: "pace.update-user",
///                              previous: oldBytes, parameters: ["path.userId": id])
/// report.diagnostics                      // [Diagnostic]
/// ```
public final class PayloadLinter: Sendable {
    public let documents: [String: CompiledRules]
    public let options: LintOptions
    /// Warnings about the rule files (risky patterns, …); the rules are usable.
    public let ruleWarnings: [RuleProblem]

    /// A linter over already compiled rule documents (later ids replace earlier ones).
    public init(compiled: [CompiledRules], options: LintOptions = LintOptions(), ruleWarnings: [RuleProblem] = []) {
        var byID: [String: CompiledRules] = [:]
        for r in compiled { byID[r.id] = r }
        self.documents = byID
        self.options = options
        self.ruleWarnings = ruleWarnings
    }

    /// The ids of every rule document, sorted.
    public var documentIDs: [String] { documents.keys.sorted() }

    /// The same linter with its own compiled copy of the documents `ids` names (others are
    /// shared), for another thread linting in parallel with this one.
    ///
    /// Compiled rules are immutable, but validation retains and releases their nodes (and every
    /// report its document id) many times per payload; two threads doing so on the same objects
    /// contend for the cache lines holding their reference counts, which made a two-thread run
    /// cost 1.2–1.35× the CPU of one thread. Recompiling a document takes a few milliseconds (no
    /// YAML parsing or file reading: it starts from the loaded `RuleDocument`).
    public func replica(of ids: some Sequence<String>) -> PayloadLinter {
        var byID = documents
        for id in Set(ids) {
            guard let shared = documents[id] else { continue }
            var document = shared.document
            // A string of its own: every report carries the id.
            document.id = document.id.unsharedCopy
            guard let own = RuleCompiler.compile(document).rules else { continue }
            byID[id] = own
        }
        return PayloadLinter(byID: byID, options: options, ruleWarnings: ruleWarnings)
    }

    private init(byID: [String: CompiledRules], options: LintOptions, ruleWarnings: [RuleProblem]) {
        self.documents = byID
        self.options = options
        self.ruleWarnings = ruleWarnings
    }

    func rules(_ id: String?) throws(LintError) -> CompiledRules? {
        guard let id else { return nil }
        if let r = documents[id] { return r }
        let known = Set(documentIDs).union(Self.builtinDocumentIDs).sorted()
        let near = known.filter { editDistance($0, id) <= 3 || $0.hasPrefix(id) }
        let hint = near.isEmpty ? " (known: \(known.joined(separator: ", ")))" : " (did you mean \(near.joined(separator: ", "))?)"
        throw LintError("unknown document id \(quoted(id))\(hint)")
    }

    // MARK: Whole payloads in memory

    /// Lints one payload.
    ///
    /// - Parameters:
    ///   - body: the payload's bytes (nil: the request has no body).
    ///   - document: the rule document's id; nil checks well-formedness only.
    ///   - previous: the previous version of the document, for `immutable` rules.
    ///   - parameters: request parameters as text, by qualified name (`path.userId`); nil when the
    ///     request's parameters are unknown (a bare body): parameter rules are then not checked.
    ///   - file: a name for the input, carried into the report.
    /// - Throws: `LintError` for an unknown document id.
    public func lint(_ body: [UInt8]?, document: String?, previous: [UInt8]? = nil,
                     parameters: [String: String]? = nil, file: String? = nil) throws(LintError) -> Report
    {
        let stream = try makeStream(document: document, previous: previous, parameters: parameters, file: file)
        var reports: [Report] = []
        if let body {
            body.withUnsafeBytes { reports += stream.feed($0) }
            reports += stream.finish()
        } else {
            reports += stream.finishWithoutBody()
        }
        var merged = Report.combining(reports, document: document, file: file)
        // Within one payload a value may repeat too.
        var ledger = UniquenessLedger()
        ledger.settle(&merged)
        return merged
    }

    /// Lints a payload given as text.
    public func lint(_ text: String, document: String?, previous: String? = nil,
                     parameters: [String: String]? = nil, file: String? = nil) throws(LintError) -> Report
    {
        try lint(Array(text.utf8), document: document, previous: previous.map { Array($0.utf8) },
                 parameters: parameters, file: file)
    }

    /// Lints a payload that arrives as an async sequence of chunks (a request body stream).
    public func lint<Chunks: AsyncSequence>(
        chunks: Chunks, document: String?, previous: [UInt8]? = nil, parameters: [String: String]? = nil,
        file: String? = nil
    ) async throws -> Report where Chunks.Element == [UInt8] {
        let stream = try makeStream(document: document, previous: previous, parameters: parameters, file: file)
        var reports: [Report] = []
        for try await chunk in chunks {
            chunk.withUnsafeBytes { reports += stream.feed($0) }
        }
        reports += stream.finish()
        return Report.combining(reports, document: document, file: file)
    }

    /// The room to read an input in through a `LintStream`: 256 KiB chunks, or for a regular file
    /// of less (`size`; nil: not a regular file), its size and one byte more (the read that finds
    /// its end), at least 4 KiB. Why: a chunk's worth of fresh memory per file, allocated, zeroed
    /// and unmapped again, was a sixth of linting 2,000 small files.
    public static func readRoom(forFileOfSize size: Int?) -> Int {
        let chunk = 1 << 18
        guard let size else { return chunk }
        return min(chunk, max(size + 1, 4096))
    }

    /// Lints a file, read in 256 KiB chunks (never whole): one report per payload, one per record
    /// for NDJSON (`ndjson: nil` decides by the extension: `.ndjson`, `.jsonl`).
    ///
    /// - Throws: `LintError` for an unknown document id or a file that cannot be read.
    public func lint(contentsOf path: String, document: String?, previous: [UInt8]? = nil,
                     parameters: [String: String]? = nil, ndjson: Bool? = nil) throws(LintError) -> [Report]
    {
        let lines = ndjson ?? (path.hasSuffix(".ndjson") || path.hasSuffix(".jsonl"))
        let stream = try makeStream(document: document, previous: previous, parameters: parameters, file: path,
                                    ndjson: lines)
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw LintError("\(path): cannot open: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var reports: [Report] = []
        var info = stat()
        let size = fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG ? Int(info.st_size) : nil
        var buffer = [UInt8](repeating: 0, count: Self.readRoom(forFileOfSize: size))
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw LintError("\(path): read error: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            buffer.withUnsafeBytes { reports += stream.feed(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
        }
        reports += stream.finish()
        if !lines, reports.count > 1 {
            reports = [Report.combining(reports, document: document, file: path)]
        }
        var ledger = UniquenessLedger()
        for i in reports.indices { ledger.settle(&reports[i]) }
        return reports
    }

    // MARK: Streams

    /// A stream for input that arrives in chunks: a file read in blocks, stdin, NDJSON.
    ///
    /// - Parameter ndjson: one payload per line; each record gets its own report.
    public func makeStream(document: String?, previous: [UInt8]? = nil, parameters: [String: String]? = nil,
                           file: String? = nil, ndjson: Bool = false) throws(LintError) -> LintStream
    {
        let rules = try rules(document)
        var context = ValidationContext()
        context.parameters = parameters ?? [:]
        context.now = options.now ?? currentUnixTime()
        context.document = rules?.id
        context.minimumSeverity = options.minimumSeverity
        context.maxDiagnostics = options.maxDiagnosticsPerPayload
        if let rules, let previous {
            context.previous = captureImmutable(previous, rules: rules)
        }
        var readerOptions = options.reader
        readerOptions.ndjson = ndjson
        if let max = rules?.document.limits.maxBytes?.value {
            readerOptions.maxDocumentBytes = min(readerOptions.maxDocumentBytes ?? max, max)
        }
        var parameterFindings: [Diagnostic] = []
        if let rules, let parameters { parameterFindings = checkParameters(rules, parameters, context) }
        return LintStream(rules: rules, context: context, readerOptions: readerOptions, file: file,
                          parameterFindings: parameterFindings, maxDiagnostics: options.maxDiagnosticsPerPayload)
    }

    /// Reads the previous version, keeping the values at the pointers `immutable` rules reach.
    func captureImmutable(_ previous: [UInt8], rules: CompiledRules) -> [String: JSONValue] {
        var context = ValidationContext()
        context.captureOnly = true
        var session = ValidationSession(rules: rules, context: context, readerOptions: options.reader,
                                        root: rules.document.body)
        var captured: [String: JSONValue] = [:]
        previous.withUnsafeBytes { session.reader.feed($0) }
        session.reader.finish()
        _ = session.drain({ out in captured.merge(out.captured) { a, _ in a } }, clean: { _ in })
        return captured
    }

    /// Path, query and header parameters against their schemas.
    func checkParameters(_ rules: CompiledRules, _ parameters: [String: String], _ base: ValidationContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let doc = rules.document
        for spec in doc.parameters {
            guard let text = lookupParameter(parameters, spec) else {
                if spec.required {
                    out.append(Diagnostic(
                        code: .requiredField, severity: .error,
                        message: "missing required \(spec.source.rawValue) parameter \(quoted(spec.name))",
                        pointer: "/" + JSONPointer.escape(spec.name), source: spec.source, rule: spec.location,
                        limit: spec.name, document: doc.id))
                }
                continue
            }
            var context = base
            context.pointerPrefix = "/" + JSONPointer.escape(spec.name)
            context.source = spec.source
            context.positionless = true
            switch ParameterConversion.convert(text, schema: spec.schema, in: rules.nodes) {
            case .mismatch(let expected):
                out.append(Diagnostic(
                    code: .typeMismatch, severity: .error,
                    message: "\(spec.name) is \(quoted(text)), which is not \(withArticle(expected))",
                    pointer: context.pointerPrefix, source: spec.source, rule: spec.location,
                    limit: expected, actual: text, document: doc.id))
            case .value(let json):
                var session = ValidationSession(rules: rules, context: context, readerOptions: options.reader,
                                                root: spec.schema)
                Array(json.utf8).withUnsafeBytes { session.reader.feed($0) }
                session.reader.finish()
                _ = session.drain({ result in out += result.diagnostics }, clean: { _ in })
            }
        }
        if let deps = doc.parameterDependencies {
            for dep in deps.value where parameters[dep.name] != nil {
                for r in dep.requires where parameters[r] == nil {
                    let parts = r.split(separator: ".", maxSplits: 1).map(String.init)
                    let source = ValueSource(rawValue: parts.first ?? "") ?? .query
                    let name = parts.count == 2 ? parts[1] : r
                    out.append(Diagnostic(
                        code: .requiredField, severity: deps.severity ?? .error,
                        message: deps.message ?? "missing \(source.rawValue) parameter \(quoted(name)), required when \(dep.name.split(separator: ".").last.map(String.init) ?? dep.name) is given",
                        pointer: "/" + JSONPointer.escape(name), source: source, rule: deps.location,
                        limit: name, document: doc.id))
                }
            }
        }
        return out
    }

    /// Parameters are matched by qualified name; header names case-insensitively.
    func lookupParameter(_ parameters: [String: String], _ spec: ParameterSpec) -> String? {
        if let v = parameters[spec.qualifiedName] { return v }
        guard spec.source == .header else { return nil }
        let wanted = spec.qualifiedName.lowercased()
        return parameters.first { $0.key.lowercased() == wanted }?.value
    }
}

/// Feeds one input through the validator chunk by chunk; hands out a `Report` per payload
/// (per record for NDJSON) as soon as it is complete.
public final class LintStream {
    var session: ValidationSession
    let rules: CompiledRules?
    let file: String?
    /// The report of a clean payload but for its record, which every report starts from: it holds
    /// what each carries (`rules?.id`, `rules?.document.errors`, the file), read once. (A report
    /// built field by field cost a copy and a destruction of a whole `Report` more: the optimiser
    /// does not remove that pair.)
    let cleanReport: Report
    var parameterFindings: [Diagnostic]
    let maxDiagnostics: Int?
    var sawDocument = false
    /// Reports the last `feed` returned: the next one reserves room for as many.
    var lastFeedReports = 0

    /// When true, payloads with nothing to report (no findings, no `unique:` claims) get no
    /// `Report`: they are only counted in `omittedCleanReports`. For callers that only count clean
    /// payloads (the CLI's `jsonl` output): building, handing over and freeing a report per clean
    /// NDJSON record was a twentieth of a run.
    public var omitsCleanReports = false
    /// Clean payloads not reported since `takeOmittedCleanReports()` was last called (see
    /// `omitsCleanReports`).
    public private(set) var omittedCleanReports = 0

    /// `omittedCleanReports`, which starts again from 0.
    public func takeOmittedCleanReports() -> Int {
        defer { omittedCleanReports = 0 }
        return omittedCleanReports
    }

    init(rules: CompiledRules?, context: ValidationContext, readerOptions: JSONReader.Options, file: String?,
         parameterFindings: [Diagnostic], maxDiagnostics: Int?)
    {
        self.rules = rules
        self.file = file
        self.cleanReport = Report(document: rules?.id, file: file, diagnostics: [], errorStyle: rules?.document.errors)
        self.parameterFindings = parameterFindings
        self.maxDiagnostics = maxDiagnostics
        self.session = ValidationSession(
            rules: rules ?? CompiledRules.empty, context: context, readerOptions: readerOptions,
            root: rules?.document.body)
    }

    /// When true, the `unique:` claims of the payloads stay in one batch that the caller takes
    /// with `takeUniqueClaims()`, and each report only says where its own are
    /// (`Report.gatheredUniqueClaims`); with `omitsCleanReports` too, a payload whose only output
    /// is its claims gets no report: the batch lists it (`ClaimBatch.unreported`). All to be
    /// settled with that batch
    /// (`UniquenessLedger.settleJSONL(_:_:document:file:record:errorsOnly:to:lines:)`). For callers
    /// that settle a run of reports at once: a report that carries its claims costs a few
    /// allocations per payload, and moving them into a batch copies them again. Set before the
    /// first `feed`. Such reports cannot be settled one by one (`UniquenessLedger.settle(_:)`).
    public var gathersUniqueClaims: Bool {
        get { session.gathersClaims }
        set { session.gathersClaims = newValue }
    }

    /// The claims gathered (`gathersUniqueClaims`) for the reports handed out so far, in the
    /// batch their `gatheredUniqueClaims` ranges point into; the stream starts a new batch. Take
    /// them after each `feed` or `finish`, before the next: the ranges of later reports count
    /// from the new batch.
    public func takeUniqueClaims() -> UniquenessLedger.ClaimBatch {
        var batch = session.takeGatheredClaims()
        batch.document = cleanReport.document
        batch.file = file
        return batch
    }

    /// Places this stream's input at `offset`/`line` of a larger file (an NDJSON block linted on
    /// its own); call before the first `feed`. With `reportParameters: false` the parameter
    /// findings are left to the stream of the file's first block.
    public func setOrigin(offset: Int, line: Int, reportParameters: Bool = true) {
        session.reader.setOrigin(offset: offset, line: line)
        if !reportParameters { parameterFindings = [] }
    }

    /// Feeds the next chunk; returns the reports of the payloads it completed.
    public func feed(_ chunk: UnsafeRawBufferPointer) -> [Report] {
        // A single document that failed is not read further: the rest of the input is dropped
        // rather than buffered (a 1 GB string after its limit was hit used to be kept whole).
        guard !session.stopped else { return [] }
        // NDJSON is read in place (no copy of the chunk): the record the previous chunk cut is
        // completed with this chunk's first line, copied; the records after it are read where
        // they are, and only the one this chunk cuts is kept (`JSONReader.feed(borrowing:)`).
        guard session.reader.options.ndjson else {
            session.reader.feed(chunk)
            return drain()
        }
        var reports: [Report] = []
        // Room for half as many again as last time: chunks of the same size hold different
        // numbers of records, and one more than the room was a copy of every report so far.
        reports.reserveCapacity(lastFeedReports + lastFeedReports / 2 + 8)
        var rest = chunk
        if session.reader.hasUnreadInput, let head = JSONReader.firstLineEnd(in: chunk) {
            session.reader.feed(UnsafeRawBufferPointer(rebasing: chunk[..<head]))
            drain(into: &reports)
            rest = UnsafeRawBufferPointer(rebasing: chunk[head...])
        }
        session.reader.feed(borrowing: rest)
        drain(into: &reports)
        session.reader.endBorrowing()
        lastFeedReports = reports.count
        return reports
    }

    /// True once a single (non-NDJSON) document has failed: further input is ignored, so a caller
    /// may stop reading.
    public var isStopped: Bool { session.stopped }

    /// Ends the input; returns the reports still to come.
    public func finish() -> [Report] {
        session.reader.finish()
        var reports = drain()
        if !sawDocument && !parameterFindings.isEmpty {
            var none = ValidationOutput()
            reports.append(makeReport(&none))
        }
        return reports
    }

    /// The request has no body: a required body is reported, parameters still are.
    func finishWithoutBody() -> [Report] {
        var out = ValidationOutput()
        if let rules, rules.document.bodyRequired, rules.document.body != nil {
            out.diagnostics.append(Diagnostic(
                code: .requiredField, severity: .error, message: "the request body is required", pointer: "",
                rule: RuleLocation(file: rules.document.file, keywordPath: "body"), document: rules.id))
        }
        return [makeReport(&out)]
    }

    func drain() -> [Report] {
        var reports: [Report] = []
        drain(into: &reports)
        return reports
    }

    /// Appends the reports of the payloads the input fed so far completes (appending in place:
    /// concatenating arrays of reports would copy, and retain, each one).
    func drain(into reports: inout [Report]) {
        // The clean records' path reads locals: each read or write of this class's properties in
        // the closure was a dynamic exclusivity check (a fifth of a clean record's cost).
        let prototype = cleanReport
        let omits = omitsCleanReports
        var firstCarriesParameters = !parameterFindings.isEmpty
        var omitted = 0
        var sawClean = false
        // Payloads whose only output is claims gathered in the session's batch (no findings):
        // listed there, without a report, when clean ones get none either. (Here, then added to
        // the batch: the session is being mutated while these closures run.) Building, handing
        // over and freeing a report per such record was most of a record's cost beside its
        // validation, on a corpus where every record claims a value.
        var unreported: [(record: Int?, claims: Range<Int>)] = []
        _ = session.drain({ out in
            if omits, !firstCarriesParameters, out.diagnostics.isEmpty, out.omitted == 0, out.captured.isEmpty,
               let claims = out.uniqueClaims.gathered
            {
                unreported.append((out.record, claims))
                return
            }
            // Never clean (the session sends clean records to the other closure): a report, which
            // makeReport gives the parameters' findings if they are still waiting.
            firstCarriesParameters = false
            reports.append(makeReport(&out))
        }, clean: { record in
            if firstCarriesParameters {
                firstCarriesParameters = false
                var out = ValidationOutput()
                out.record = record
                reports.append(makeReport(&out))
                return
            }
            sawClean = true
            if omits {
                omitted &+= 1
            } else {
                // Appended, then given its record in place: a copy made first and appended
                // retained each of the report's references twice and released them once.
                reports.append(prototype)
                reports[reports.count - 1].record = record
            }
        })
        if sawClean { sawDocument = true }
        omittedCleanReports += omitted
        if !unreported.isEmpty {
            sawDocument = true
            session.claims.unreported.append(contentsOf: unreported)
        }
    }

    /// Nothing to report for this payload: no findings (kept or omitted), no claims, no parameter
    /// findings waiting for the first report.
    func isClean(_ out: borrowing ValidationOutput) -> Bool {
        out.diagnostics.isEmpty && out.omitted == 0 && out.uniqueClaims.isEmpty && parameterFindings.isEmpty
    }

    /// The report of one payload; takes `out`'s findings (swapped out, so that they are moved:
    /// a copy of the array made the first change below copy every finding).
    func makeReport(_ out: inout ValidationOutput) -> Report {
        sawDocument = true
        // Most records of a large run are clean: the prototype and their record. (Returned from
        // here: copying the prototype before this test brought the extra copy back, +3 M
        // instructions on the PubNub slice.)
        if isClean(out) {
            var report = cleanReport
            report.record = out.record
            return report
        }
        // Moved, not copied: a copy of a `Diagnostic` costs a retain per string it holds.
        var diagnostics: [Diagnostic] = []
        if parameterFindings.isEmpty {
            swap(&diagnostics, &out.diagnostics)
        } else {
            diagnostics = parameterFindings
            parameterFindings = []
            diagnostics.append(contentsOf: out.diagnostics)
        }
        if let max = maxDiagnostics {
            var omitted = out.omitted
            if diagnostics.count > max {
                omitted += diagnostics.count - max
                diagnostics.removeSubrange(max...)
            }
            if omitted > 0 {
                diagnostics.append(Diagnostic(
                    code: .diagnosticLimit, severity: .warning,
                    message: "\(omitted) more finding\(omitted == 1 ? "" : "s") not reported (the limit is \(max) per payload)",
                    pointer: "", limit: String(max), actual: String(max + omitted), document: cleanReport.document))
            }
        }
        if !diagnostics.isEmpty {
            let record = out.record
            for i in diagnostics.indices {
                diagnostics[i].file = file
                diagnostics[i].record = record
            }
        }
        var report = cleanReport
        report.record = out.record
        report.diagnostics = diagnostics
        if !out.uniqueClaims.isEmpty { report.uniqueClaims = out.uniqueClaims }
        return report
    }
}

extension CompiledRules {
    /// No rules: only well-formedness (and duplicate names) is checked.
    static let empty = CompiledRules(document: RuleDocument(id: "", file: ""), nodes: [])
}

func currentUnixTime() -> Int {
    var ts = timespec()
    clock_gettime(CLOCK_REALTIME, &ts)
    return ts.tv_sec
}

/// Levenshtein distance, for "did you mean" suggestions.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.lowercased().unicodeScalars)
    let b = Array(b.lowercased().unicodeScalars)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var prev = Array(0...b.count)
    var cur = Array(repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        cur[0] = i
        for j in 1...b.count {
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&prev, &cur)
    }
    return prev[b.count]
}

extension PayloadLinter {
    /// A linter over built-in rules and/or rule folders.
    ///
    /// - Throws: `RuleSetError` listing every rule-file error (file:line:column and message).
    /// - Parameter documents: load only these document ids from the built-in rules (a command
    ///   line run needs one or two of them; each costs YAML parsing and regex compilation at
    ///   start-up). Folders are always loaded whole. nil: everything. Built-in documents
    ///   loaded this way leave out their `examples` (linting never reads them; `check` has them).
    public convenience init(rules: RuleSelection, options: LintOptions = LintOptions(),
                            documents: Set<String>? = nil) throws(RuleSetError)
    {
        let loaded = RuleSetLoader.load(rules, only: documents)
        guard loaded.errors.isEmpty else { throw RuleSetError(problems: loaded.errors + loaded.warnings) }
        self.init(compiled: loaded.rules, options: options, ruleWarnings: loaded.warnings)
    }

    /// Loads and compiles rule files without building a linter: for `payloadlint rules check`.
    public static func check(_ rules: RuleSelection) -> (documents: [RuleDocument], problems: [RuleProblem]) {
        let loaded = RuleSetLoader.load(rules)
        return (loaded.rules.map(\.document), loaded.errors + loaded.warnings)
    }
}

extension PayloadLinter {
    /// The ids of the built-in rule documents (without loading them).
    public static var builtinDocumentIDs: [String] {
        BuiltinRules.files.values.compactMap(RuleSetLoader.declaredID).sorted()
    }
}

/// Loads rule files from their sources and compiles them; rule-file problems (loader and
/// compiler alike) come back as `RuleFileError`s naming file:line:column.
enum RuleSetLoader {
    struct Loaded {
        var rules: [CompiledRules] = []
        var errors: [RuleFileError] = []
        var warnings: [RuleFileError] = []
    }

    /// The built-in rule files: all of them (`only` nil), or the rule files declaring the ids
    /// `only` with what they `$ref`.
    ///
    /// `onLargeStack`: the caller's thread has `RuleLoader.stackSize` bytes of stack (each file
    /// is then read there, not on a thread of its own).
    static func readBuiltin(only: Set<String>?, onLargeStack: Bool = false) -> RuleLoadResult {
        var files: [String: String] = [:]
        for (path, text) in BuiltinRules.files { files["rules/" + path] = text }
        guard let only else { return RuleLoader.load(from: InMemoryRuleSource(files: files)) }
        var result = RuleLoadResult()
        let selected = files.keys.filter { declaredID(files[$0] ?? "").map(only.contains) == true }.sorted()
        // Sibling files (`$ref` to another file) stay loadable; the chosen ones lose their
        // examples, which linting never reads and which were a third of the YAML to parse.
        var trimmed = files
        for path in selected { trimmed[path] = files[path].map(withoutExamples) }
        let source = InMemoryRuleSource(files: trimmed)
        for path in selected {
            let one = onLargeStack ? RuleLoader.loadOnThisStack(file: path, from: source)
                                   : RuleLoader.load(file: path, from: source)
            result.documents += one.documents
            result.errors += one.errors
            result.warnings += one.warnings
        }
        return result
    }

    /// What a source's rule files loaded as, each document compiled (in the same order).
    struct CompiledLoad: @unchecked Sendable {
        var result: RuleLoadResult
        var compiled: [(rules: CompiledRules?, issues: [RuleCompileIssue])]

        init(_ result: RuleLoadResult) {
            self.result = result
            compiled = result.documents.map(RuleCompiler.compile)
        }
    }

    static func load(_ selection: RuleSelection, only: Set<String>? = nil) -> Loaded {
        var results: [CompiledLoad] = []
        func builtin() -> CompiledLoad {
            // Read and compiled ahead by `PayloadLinter.prefetchBuiltinRules` (the same
            // documents), or now.
            if let only, let read = BuiltinPrefetch.take(only: only) { return read }
            return CompiledLoad(readBuiltin(only: only))
        }
        switch selection {
        case .builtin:
            results.append(builtin())
        case .directories(let dirs):
            for d in dirs { results.append(CompiledLoad(RuleLoader.load(from: DirectoryRuleSource(root: d)))) }
        case .builtinAnd(let dirs):
            results.append(builtin())
            for d in dirs { results.append(CompiledLoad(RuleLoader.load(from: DirectoryRuleSource(root: d)))) }
        case .files(let paths):
            for p in paths {
                let slash = p.lastIndex(of: "/")
                let dir = slash.map { String(p[..<$0]) } ?? "."
                let name = slash.map { String(p[p.index(after: $0)...]) } ?? p
                results.append(CompiledLoad(RuleLoader.load(file: name, from: DirectoryRuleSource(root: dir.isEmpty ? "/" : dir))))
            }
        }
        var out = Loaded()
        var order: [String] = []
        var byID: [String: CompiledRules] = [:]
        for load in results {
            out.errors += load.result.errors
            out.warnings += load.result.warnings
            for (rules, issues) in load.compiled {
                for issue in issues {
                    let problem = RuleFileError(file: issue.location.file, line: issue.location.line,
                                                column: issue.location.column, message: issue.message,
                                                severity: issue.severity)
                    if issue.severity == .error { out.errors.append(problem) } else { out.warnings.append(problem) }
                }
                guard let rules else { continue }
                if byID[rules.id] == nil { order.append(rules.id) }
                byID[rules.id] = rules
            }
        }
        out.rules = order.compactMap { byID[$0] }
        return out
    }

    /// `text` with its top-level `examples:` section blanked line by line (so every other line
    /// keeps its number, and findings keep pointing at the right rule line).
    /// On the UTF-8 bytes: splitting the file into `Substring` lines and joining them again was an
    /// eighth of a run's start-up.
    static func withoutExamples(_ text: String) -> String {
        var text = text
        return text.withUTF8 { b -> String in
            let n = b.count
            let examples: StaticString = "examples:"
            let e = UnsafeBufferPointer(start: examples.utf8Start, count: examples.utf8CodeUnitCount)
            // The first line that starts with `examples:`.
            var start = 0
            while start < n {
                if n - start >= e.count, UnsafeBufferPointer(rebasing: b[start..<(start + e.count)]).elementsEqual(e) { break }
                while start < n && b[start] != UInt8(ascii: "\n") { start += 1 }
                start += 1
            }
            guard start < n else { return String(decoding: b, as: UTF8.self) }
            var out: [UInt8] = []
            out.reserveCapacity(n)
            out.append(contentsOf: b[..<start])
            // That line and the section's lines after it (empty, indented or comments) lose their
            // text but keep their newline.
            var i = start
            repeat {
                while i < n && b[i] != UInt8(ascii: "\n") { i += 1 }
                if i < n { out.append(UInt8(ascii: "\n")); i += 1 }
            } while i < n && (b[i] == UInt8(ascii: "\n") || b[i] == UInt8(ascii: " ") || b[i] == UInt8(ascii: "#"))
            out.append(contentsOf: b[i...])
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The `id:` a rule file declares at its top level, read without parsing the YAML (a line
    /// `id: x` at column 0); nil for schema documents.
    static func declaredID(_ text: String) -> String? {
        // Found on the UTF-8 bytes: splitting every built-in file into lines at each start-up
        // cost more than loading the one document a run needs.
        var text = text
        let found: Substring? = text.withUTF8 { b in
            var i = 0
            while i < b.count {
                if b.count - i >= 3, b[i] == UInt8(ascii: "i"), b[i + 1] == UInt8(ascii: "d"), b[i + 2] == UInt8(ascii: ":") {
                    var j = i
                    while j < b.count && b[j] != UInt8(ascii: "\n") { j += 1 }
                    return Substring(String(decoding: UnsafeBufferPointer(rebasing: b[i..<j]), as: UTF8.self))
                }
                while i < b.count && b[i] != UInt8(ascii: "\n") { i += 1 }
                i += 1
            }
            return nil
        }
        if let line = found {
            var value = line.dropFirst(3).trimmingSpaces()
            if let hash = value.range(of: " #") { value = String(value[..<hash.lowerBound]).trimmingSpaces() }
            if value.count >= 2, let f = value.first, f == "\"" || f == "'", value.last == f {
                value = String(value.dropFirst().dropLast())
            }
            return value.isEmpty ? nil : value
        }
        return nil
    }
}
