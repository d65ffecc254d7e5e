import ArgumentParser
import Dispatch
import Foundation
import PayloadLint

/// One `payloadlint lint` run: plans the inputs, loads rules when an input needs them, lints in
/// parallel and writes the report in input order.
struct LintRun {
    let options: LintSettings

    /// Returns the exit status of a run that stops before linting (a bad config or rule file, an
    /// unknown document id, no input, an output that names an input or cannot be created); a
    /// run that lints ends the process itself when its output is written (`end`).
    func execute() throws -> Int32 {
        // Config.
        let config: LintConfig
        do {
            config = try options.config.map { try LintConfig.load($0) }
                ?? LintConfig.discover(from: FileManager.default.currentDirectoryPath)
        } catch let error as LintConfig.ConfigError {
            Console.error(error.description)
            return 2
        }
        let cliParameters = try options.parameters()

        // Inputs.
        var paths = options.paths
        if paths.isEmpty {
            guard !Console.stdinIsTTY else {
                Console.error("payloadlint: no input: give files or folders, or pipe a payload into stdin (see --help)")
                return 2
            }
            paths = ["-"]
        }
        var inputProblem = false
        let collected = InputCollector(config: config).collect(paths)
        for e in collected.errors { Console.error("payloadlint: \(e)"); inputProblem = true }
        if let against = options.against, !GitPrevious.verify(revision: against) {
            Console.error("payloadlint: --against \(against): not a git revision here")
            return 2
        }

        var units: [InputUnit] = []
        var unitErrors: [Int: String] = [:]
        // Read once, not per file (see the consumer below: argument-parser's property wrappers).
        let ndjsonOption = options.ndjson
        let documentOption = options.document
        let previousOption = options.previous
        let againstOption = options.against
        for file in collected.files {
            if file == "-" {
                units.append(InputUnit(name: "-", path: nil, ndjson: ndjsonOption, document: documentOption,
                                       parameters: cliParameters.isEmpty ? nil : cliParameters,
                                       previous: previousOption.map { .file($0) } ?? .none, severityOverrides: [:]))
                continue
            }
            let ext = PathParts.split(file).extension.lowercased()
            var unit = InputUnit(name: file, path: file, ndjson: ndjsonOption || ext == "ndjson" || ext == "jsonl",
                                 document: nil, parameters: nil, previous: .none,
                                 severityOverrides: config.severityOverrides(for: file))
            var sidecar: Sidecar?
            do { sidecar = try Sidecar.load(for: file) } catch { unitErrors[units.count] = error.description }
            unit.document = documentOption ?? sidecar?.document ?? config.document(for: file)
            // Parameters are checked when the request's parameters are known: given by the
            // sidecar (even `{}`) or on the command line. A bare body file is checked alone.
            if sidecar?.parameters != nil || !cliParameters.isEmpty {
                unit.parameters = (sidecar?.parameters ?? [:]).merging(cliParameters) { _, cli in cli }
            }
            if let p = previousOption {
                unit.previous = .file(p)
            } else if let p = sidecar?.previous {
                unit.previous = .file(p)
            } else if let rev = againstOption {
                unit.previous = .git(revision: rev)
            }
            units.append(unit)
        }

        // The threads that will lint first, started while the rule document is still being read
        // (`ThreadReserve` says why): one per input up to `jobs`, and the helpers of one NDJSON
        // file split into blocks; no more than there are cores, which are all the threads that
        // can start at once. Others start when needed.
        let jobs = max(1, options.jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        let recordJobs = LintWorker.recordJobs(inputs: units.count, jobs: jobs)
        // The threads that claim inputs, at least one.
        let workers = min(jobs, max(1, units.count))
        if !units.isEmpty {
            let splits = units.contains { LintWorker.splitsIntoBlocks($0, recordJobs: recordJobs) }
            let first = workers + (splits ? recordJobs - 1 : 0)
            ThreadReserve.shared.prestart(min(first, ProcessInfo.processInfo.activeProcessorCount))
        }

        // Rules: loaded only when some input has a rule set (well-formedness needs none).
        var lintOptions = LintOptions()
        lintOptions.now = options.now
        // --quiet drops infos and warnings at output: the linter need not build them, unless a
        // summary counts them (text, json), they fail the run (--strict) or a config override
        // may raise their severity.
        if options.quiet, !options.strict, options.format != .text, options.format != .json,
           units.allSatisfy({ $0.severityOverrides.isEmpty })
        {
            lintOptions.minimumSeverity = .error
        }
        config.limits.overridden(by: try options.limits()).apply(to: &lintOptions)
        let linter: PayloadLinter
        let ruleDirectories = config.ruleDirectories + options.rules
        if units.contains(where: { $0.document != nil }) || !options.rules.isEmpty {
            do {
                // Only the built-in documents the inputs use are loaded: start-up time matters
                // for a pre-commit hook (an unknown id is reported below, with the known ones).
                let wanted = Set(units.compactMap(\.document))
                linter = try PayloadLinter(rules: ruleDirectories.isEmpty ? .builtin : .builtinAnd(directories: ruleDirectories),
                                           options: lintOptions, documents: wanted)
            } catch {
                for p in error.problems { Console.error(p.description) }
                return 2
            }
            if let id = options.document, linter.documents[id] == nil {
                let known = Set(PayloadLinter.builtinDocumentIDs).union(linter.documentIDs).sorted()
                Console.error("payloadlint: --document: unknown document id \"\(id)\" (known: \(known.joined(separator: ", ")))")
                return 2
            }
        } else {
            linter = PayloadLinter(compiled: [], options: lintOptions)
        }

        // Output: never over an input (nor the previous version), whatever path names it.
        if let output = options.output {
            var out = stat()
            if stat(output, &out) == 0 {
                let protected = units.compactMap(\.path) + [options.previous].compactMap { $0 }
                for path in protected {
                    var st = stat()
                    if stat(path, &st) == 0, st.st_dev == out.st_dev, st.st_ino == out.st_ino {
                        Console.error("payloadlint: --output \(output) is the input \(path); inputs are never written to")
                        return 2
                    }
                }
            }
        }
        let sink: OutputSink
        do {
            sink = try options.output.map { try OutputSink(file: $0) } ?? OutputSink()
        } catch {
            Console.error("payloadlint: \(error)")
            return 2
        }
        let colorOn: Bool = switch options.color {
        case .always: true
        case .never: false
        case .auto: options.output == nil && Console.stdoutIsTTY
            && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
            && ProcessInfo.processInfo.environment["TERM"] != "dumb"
        }
        let run = RunInfo(color: colorOn, failLevel: options.strict ? .warning : .error, excerpts: true)
        var reporter: (any Reporter)? = options.format == .native ? nil : Reporters.make(options.format.rawValue)

        // Workers.
        let pipeline = Pipeline(count: units.count, window: max(4, jobs * 2))
        // With fewer files than cores, a large NDJSON file is split into blocks linted in parallel.
        let worker = LintWorker(linter: linter, recordJobs: recordJobs)
        let workUnits = units
        let preErrors = unitErrors
        // With more than one job, workers render what needs no input-order state, so that the
        // consumer mostly writes bytes (with one job, the consumer is the second thread at work).
        let preRenderer = jobs > 1 && options.maxErrors == nil ? PreRenderer(format: options.format, quiet: options.quiet, run: run) : nil
        for _ in 0..<workers {
            ThreadReserve.shared.run {
                while let i = pipeline.claim() {
                    if let e = preErrors[i] { pipeline.finish(i, error: e); continue }
                    let unit = workUnits[i]
                    let prepare: LintWorker.Prepare
                    var omitClean = false
                    var gatherClaims = false
                    if let preRenderer, unit.severityOverrides.isEmpty {
                        prepare = { preRenderer.batch($0, clean: $1, claims: $2) }
                        omitClean = preRenderer.writesNothingForCleanPayloads
                        gatherClaims = preRenderer.settlesGatheredClaims
                    } else {
                        prepare = { reports, _, _ in .reports(reports) }
                    }
                    let coalescing = worker.splitsIntoBlocks(unit)
                    let error = worker.run(unit, omitClean: omitClean, gatherClaims: gatherClaims, prepare: prepare) {
                        pipeline.push(i, $0, coalescing: coalescing)
                    }
                    pipeline.finish(i, error: error)
                }
            }
        }

        // SIGINT: stop, flush, exit 130.
        signal(SIGINT, SIG_IGN)
        let interrupts = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        interrupts.setEventHandler {
            if pipeline.isInterrupted { _exit(130) }
            pipeline.interrupt()
        }
        interrupts.resume()

        let progress: ProgressLine? = !options.noProgress && Console.stderrIsTTY ? ProgressLine(total: units.count, pipeline: pipeline) : nil
        progress?.start_()
        let stdoutShared = options.output == nil && Console.stdoutIsTTY

        // Consumer: reports in input order. The options it reads per report, read once here:
        // argument-parser's property wrappers cost ~600 instructions per read (5% of a run).
        let quiet = options.quiet
        let maxErrors = options.maxErrors
        let format = options.format
        var summary = RunSummary()
        var ledger = UniquenessLedger()
        var settledBytes: [UInt8] = []
        var settledLines: [(key: (Int, Int), start: Int, end: Int, severity: Severity)] = []
        var mergeOrder: [(Int, Int, Int)] = []
        var stoppedByMaxErrors = false
        var brokenPipe = false
        var failure: String?
        func attempt(_ body: () throws(OutputSink.Failure) -> Void) -> Bool {
            if stdoutShared { progress?.clear() }
            do { try body() } catch {
                if case .brokenPipe = error { brokenPipe = true } else { failure = "\(error)" }
                pipeline.cancel()
                return false
            }
            return true
        }
        func write(_ text: String) -> Bool { attempt { () throws(OutputSink.Failure) in try sink.write(text) } }
        func write(_ bytes: ArraySlice<UInt8>) -> Bool {
            bytes.isEmpty || attempt { () throws(OutputSink.Failure) in try sink.write(bytes) }
        }

        if let begin = reporter?.begin(run: run), !write(begin) {}
        units: for i in units.indices {
            var payloads = 0
            while var taken = pipeline.take(i) {
                for b in taken.batches.indices {
                    // Moved out, not copied: the reports are then changed in place without a copy.
                    var batch = Batch.reports([])
                    swap(&batch, &taken.batches[b])
                    switch consume batch {
                    case .rendered(let rendered):
                        // Worker-rendered: settle the claims of pending reports, write the bytes
                        // (counted first, like reports: a closed stdout leaves the same exit status).
                        summary.add(rendered.counts)
                        payloads += rendered.counts.payloads
                        pipeline.countPayloads(rendered.counts.payloads)
                        // Each pending report's not_unique lines are written by the ledger into
                        // `settledBytes` and merged in among the report's own lines by order key.
                        var from = 0
                        if !rendered.pending.isEmpty { ledger.warm(for: rendered.claims) }
                        // The names change once per batch or so: read (retained) only then.
                        var namesIndex = -1
                        var names: (document: String?, file: String?) = (nil, nil)
                        for p in rendered.pending.indices {
                            let pending = rendered.pending[p]
                            if pending.names != namesIndex {
                                namesIndex = pending.names
                                names = rendered.names[namesIndex]
                            }
                            // Most reports settle without a finding: their lists stay empty, and
                            // emptying an empty array still cost a call of some 70 instructions.
                            if !settledLines.isEmpty {
                                settledBytes.removeAll(keepingCapacity: true)
                                settledLines.removeAll(keepingCapacity: true)
                            }
                            ledger.settleJSONL(rendered.claims, pending.claims, document: names.document, file: names.file,
                                               record: pending.record, errorsOnly: quiet, to: &settledBytes,
                                               lines: &settledLines)
                            if settledLines.isEmpty { continue }
                            for line in settledLines { summary.count(line.severity) }
                            guard write(rendered.bytes[from..<pending.start]) else { break units }
                            // In order of position: the report's own lines, then the added ones,
                            // sorted by (order key, index), as `UniquenessLedger.settle` orders findings.
                            let own = rendered.findings[pending.findings]
                            mergeOrder.removeAll(keepingCapacity: true)
                            for (j, f) in own.enumerated() { mergeOrder.append((f.key.0, f.key.1, j)) }
                            for (j, line) in settledLines.enumerated() where line.start < line.end {
                                mergeOrder.append((line.key.0, line.key.1, own.count + j))
                            }
                            mergeOrder.sort { $0 < $1 }
                            for (_, _, j) in mergeOrder {
                                let ok = j < own.count
                                    ? write(rendered.bytes[own[own.startIndex + j].start..<own[own.startIndex + j].end])
                                    : write(settledBytes[settledLines[j - own.count].start..<settledLines[j - own.count].end])
                                guard ok else { break units }
                            }
                            from = pending.end
                        }
                        guard write(rendered.bytes[from...]) else { break units }
                    case .reports(var reports):
                        var kept = 0
                        for k in reports.indices {
                            ledger.settle(&reports[k])
                            applyOverrides(&reports[k], units[i].severityOverrides)
                            if let max = maxErrors {
                                let remaining = max - summary.errors
                                var errors = 0
                                var cut: Int?
                                for (n, d) in reports[k].diagnostics.enumerated() where d.severity == .error {
                                    if errors >= remaining { stoppedByMaxErrors = true; cut = n; break }
                                    errors += 1
                                }
                                if let cut { reports[k].diagnostics.removeSubrange(cut...) }
                                if summary.errors + errors >= max { stoppedByMaxErrors = true }
                            }
                            summary.add(reports[k])
                            payloads += 1
                            if quiet, reports[k].diagnostics.contains(where: { $0.severity != .error }) {
                                reports[k].diagnostics.removeAll { $0.severity != .error }
                            }
                            kept = k + 1
                            if stoppedByMaxErrors { break }
                        }
                        if kept < reports.count { reports.removeSubrange(kept...) }
                        pipeline.countPayloads(reports.count)
                        if format == .jsonl {
                            var bytes: [UInt8] = []
                            for k in reports.indices { JSONLinesReporter.append(reports[k], to: &bytes) }
                            guard write(bytes[...]) else { break units }
                        } else {
                            let text = reporter.map { var r = $0; let t = r.render(reports, run: run); reporter = r; return t }
                                ?? renderNative(reports)
                            guard write(text) else { break units }
                        }
                        if stoppedByMaxErrors { pipeline.cancel(); break units }
                    }
                }
                if taken.done {
                    if let error = taken.error {
                        if stdoutShared { progress?.clear() }
                        Console.error("payloadlint: \(error)")
                        inputProblem = true
                    } else {
                        summary.files += 1
                    }
                    pipeline.advance(past: i, payloads: payloads)
                    break
                }
            }
            if pipeline.isCancelled { break }
        }
        progress?.stop()

        if !brokenPipe, failure == nil, let end = reporter?.end(run: run, summary: summary) {
            _ = write(end)
        }
        let interrupted = pipeline.isInterrupted
        if !brokenPipe, failure == nil {
            do {
                if interrupted && options.output != nil { sink.abandon() } else { try sink.commit() }
            } catch {
                if case .brokenPipe = error { brokenPipe = true } else { failure = "\(error)" }
            }
        } else {
            sink.abandon()
        }
        if let failure {
            Console.error("payloadlint: \(failure)")
            end(2)
        }
        if interrupted {
            Console.error("payloadlint: interrupted")
            end(130)
        }
        if stoppedByMaxErrors, let max = options.maxErrors {
            Console.error("payloadlint: stopped after \(max) error\(max == 1 ? "" : "s") (--max-errors)")
        }
        if inputProblem { end(2) }
        let failed = summary.errors > 0 || (options.strict && summary.warnings > 0)
        end(failed ? 1 : 0)
    }

    /// Ends the process once a run's output is complete (the sink committed; stderr and stdout
    /// are written with `write(2)`, unbuffered), without returning from `execute`.
    ///
    /// Why: returning released everything the run built (the compiled rules, the reports and
    /// their strings, the uniqueness ledger, the block buffers), and the SIGINT source's release
    /// had libdispatch start a thread to dispose of it: about 0.5 ms of a 5.3 ms run on one small
    /// file (BENCHMARKS.md, seventeenth pass), for memory the process hands back as it exits.
    func end(_ status: Int32) -> Never {
        exit(status)
    }

    /// Config severity overrides: a code's own entry, else `*`; nil drops the finding.
    func applyOverrides(_ report: inout Report, _ overrides: [String: Severity?]) {
        guard !overrides.isEmpty else { return }
        report.diagnostics = report.diagnostics.compactMap { d in
            guard let o = overrides[d.code.rawValue] ?? overrides["*"] else { return d }
            guard let severity = o else { return nil }
            var d = d
            d.severity = severity
            return d
        }
    }
}
