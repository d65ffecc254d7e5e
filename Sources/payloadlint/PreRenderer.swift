import PayloadLint

/// Renders reports to bytes for the formats that hold no state between reports (`jsonl`,
/// `github`, `native`): on worker threads when nothing the consumer does in input order can
/// change a report first (no `--max-errors`, no severity overrides; `unique:` claims are left to
/// the consumer, see `PendingReport`), so the consumer mostly writes bytes.
struct PreRenderer: Sendable {
    enum Format: Sendable { case jsonl, github, native }
    let format: Format
    /// `--quiet`: findings below error severity are counted, not written.
    let quiet: Bool
    let run: RunInfo

    init?(format: OutputFormat, quiet: Bool, run: RunInfo) {
        switch format {
        case .jsonl: self.format = .jsonl
        case .github: self.format = .github
        case .native: self.format = .native
        default: return nil
        }
        self.quiet = quiet
        self.run = run
    }

    /// Whether a clean payload writes nothing (`jsonl`): then it needs no report, only a count
    /// (`LintStream.omitsCleanReports`, the `clean` of `batch`).
    var writesNothingForCleanPayloads: Bool { format == .jsonl }

    /// Whether reports may point into a batch of gathered claims (`LintStream.gathersUniqueClaims`,
    /// the `claims` of `batch`): in `jsonl`, where the consumer settles rendered batches.
    var settlesGatheredClaims: Bool { format == .jsonl }

    /// Renders `reports`, counting them for the summary. `jsonl` reports with `unique:` claims
    /// are rendered finding by finding and left in `pending`; in other formats a batch with claims
    /// is left to the consumer whole. `claims`: the gathered claims the reports point into (only
    /// in `jsonl`, `settlesGatheredClaims`), with the payloads that got no report for having only
    /// claims (`ClaimBatch.unreported`): those are pending too, in record order among the reports.
    func batch(_ reports: consuming [Report], clean: Int = 0, claims gathered: UniquenessLedger.ClaimBatch? = nil) -> Batch {
        if format != .jsonl, reports.contains(where: \.hasUniqueClaims) { return .reports(reports) }
        var out = RenderedBatch()
        // Gathered claims are the batch's as they are; claims that reports carry go after them.
        if let gathered { out.claims = gathered }
        let unreported = gathered?.unreported ?? []
        var estimate = 0
        var pending = unreported.count
        for k in reports.indices {
            estimate += reports[k].diagnostics.count
            if reports[k].hasUniqueClaims { pending += 1 }
        }
        out.bytes.reserveCapacity(estimate * 320)
        out.pending.reserveCapacity(pending)
        if gathered == nil { out.claims.reserve(for: reports) }
        // `clean`: payloads with nothing to report, counted without a report (LintStream.omitsCleanReports).
        out.counts.payloads = reports.count + clean + unreported.count
        var lastNames: (document: String?, file: String?) = (nil, nil)
        // The pair of names for the next pending payload: compared with the last pair's own
        // strings, which share their storage (the copies kept would be compared byte by byte).
        func namesIndex(_ document: String?, _ file: String?) -> Int {
            if out.names.isEmpty || lastNames.document != document || lastNames.file != file {
                lastNames = (document, file)
                // Copies of their own: the consumer releases these, and the originals are
                // retained and released by this thread for every report.
                out.names.append((document?.unsharedCopy, file?.unsharedCopy))
            }
            return out.names.count - 1
        }
        // Unreported payloads up to the record `through` (all of them: nil), pending with no
        // output of their own. A record's unreported claims come before a report of the same
        // record (a syntax error after its value, on the same line): the claims were handed over
        // when the value ended, the error after.
        var u = 0
        func flushUnreported(through record: Int?) {
            while u < unreported.count {
                if let record, let next = unreported[u].record, next > record { return }
                let at = out.bytes.count
                out.pending.append(PendingReport(start: at, end: at, names: namesIndex(gathered?.document, gathered?.file),
                                                 record: unreported[u].record, claims: unreported[u].claims,
                                                 findings: out.findings.count..<out.findings.count))
                u += 1
            }
        }
        for k in reports.indices {
            if u < unreported.count {
                // Without a record (not NDJSON) a report's place among them is unknown: they wait.
                if let record = reports[k].record { flushUnreported(through: record) }
            }
            // Most reports are clean: nothing to count, and nothing to write in `jsonl`.
            if reports[k].diagnostics.isEmpty && !reports[k].hasUniqueClaims && writesNothingForCleanPayloads { continue }
            out.counts.countFindings(of: reports[k])
            if reports[k].hasUniqueClaims {
                let claims = reports[k].gatheredUniqueClaims ?? out.claims.take(from: &reports[k])
                let start = out.bytes.count
                let firstFinding = out.findings.count
                for d in reports[k].diagnostics where !quiet || d.severity == .error {
                    let at = out.bytes.count
                    JSONLinesReporter.append(d, of: reports[k], to: &out.bytes)
                    out.findings.append((UniquenessLedger.orderKey(d), at, out.bytes.count))
                }
                let names = namesIndex(reports[k].document, reports[k].file)
                out.pending.append(PendingReport(start: start, end: out.bytes.count, names: names,
                                                 record: reports[k].record, claims: claims,
                                                 findings: firstFinding..<out.findings.count))
                continue
            }
            render(reports[k], to: &out.bytes)
        }
        flushUnreported(through: nil)
        return .rendered(out)
    }

    /// Appends what the consumer would write for `report` (after `--quiet` filtering).
    func render(_ report: borrowing Report, to bytes: inout [UInt8]) {
        switch format {
        case .jsonl:
            JSONLinesReporter.append(report, errorsOnly: quiet, to: &bytes)
        case .github, .native:
            var r = copy report
            if quiet { r.diagnostics.removeAll { $0.severity != .error } }
            let text: String
            if format == .native {
                text = renderNative([r])
            } else {
                var reporter = GitHubReporter()
                text = reporter.render([r], run: run)
            }
            bytes.append(contentsOf: text.utf8)
        }
    }
}
