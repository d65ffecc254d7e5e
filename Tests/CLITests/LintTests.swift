import Foundation
import Testing

/// End-to-end tests of `payloadlint lint` that need no rule files (well-formedness only).
@Suite struct LintTests {
    @Test func cleanInputPrintsNothingAndExitsZero() throws {
        let dir = try TempDir()
        try dir.write("good.json", Inputs.good)
        for format in ["text", "jsonl", "github"] {
            let r = try CLI.run(["lint", "--format", format, "good.json"], cwd: dir.url)
            #expect(r.status == 0, "\(format): \(r.stderr)")
            #expect(r.stdout.isEmpty, "\(format): \(r.stdout)")
        }
    }

    @Test func syntaxErrorExitsOneWithCompilerStyleLine() throws {
        let dir = try TempDir()
        try dir.write("bad.json", Inputs.syntaxError)
        let r = try CLI.run(["lint", "bad.json"], cwd: dir.url)
        #expect(r.status == 1)
        #expect(r.stdout.contains("bad.json:3:12: error: "))
        #expect(r.stdout.contains("[syntax_error]"))
        // The source line and a caret under the offending value.
        #expect(r.stdout.contains("  \"email\": tru\n"))
        #expect(r.stdout.contains("\n             ^"))
        #expect(!r.stdout.contains("\u{1B}["), "no color when stdout is not a terminal")
    }

    @Test func missingFileIsNamedAndOtherInputsAreStillLinted() throws {
        let dir = try TempDir()
        try dir.write("bad.json", Inputs.syntaxError)
        try dir.write("good.json", Inputs.good)
        let r = try CLI.run(["lint", "--format", "jsonl", "nope.json", "bad.json", "good.json"], cwd: dir.url)
        #expect(r.status == 2)
        let errorLines = r.stderr.split(separator: "\n")
        #expect(errorLines.count == 1)
        #expect(errorLines.first?.contains("nope.json") == true)
        #expect(r.stdout.contains("\"file\":\"bad.json\""))
    }

    @Test func usageErrorsExitTwo() throws {
        let dir = try TempDir()
        try dir.write("good.json", Inputs.good)
        #expect(try CLI.run(["lint", "--bogus", "good.json"], cwd: dir.url).status == 2)
        #expect(try CLI.run(["lint", "--format", "xml", "good.json"], cwd: dir.url).status == 2)
        #expect(try CLI.run(["lint", "--param", "uuid=x", "good.json"], cwd: dir.url).status == 2)
        #expect(try CLI.run(["lint", "--jobs", "0", "good.json"], cwd: dir.url).status == 2)
        #expect(try CLI.run(["frobnicate"], cwd: dir.url).status == 2)
    }

    @Test func stdinWithDashAndWithoutPaths() throws {
        let dir = try TempDir()
        let dash = try CLI.run(["lint", "-"], cwd: dir.url, stdin: Data(Inputs.syntaxError.utf8))
        #expect(dash.status == 1)
        #expect(dash.stdout.contains("<stdin>:3:12: error:"))
        let implicit = try CLI.run(["lint", "--format", "jsonl"], cwd: dir.url, stdin: Data(Inputs.duplicateKeys.utf8))
        #expect(implicit.status == 1)
        let object = try parseJSON(implicit.stdout.split(separator: "\n").first.map(String.init) ?? "") as? [String: Any]
        #expect(object?["file"] as? String == "-")
        #expect(object?["code"] as? String == "duplicate_key")
        let clean = try CLI.run(["lint"], cwd: dir.url, stdin: Data(Inputs.good.utf8))
        #expect(clean.status == 0)
        #expect(clean.stdout.isEmpty)
    }

    @Test func ndjsonBadRecordInTheMiddle() throws {
        let dir = try TempDir()
        let lines = ["{\"n\": 1}", "{\"n\": 2}", "{\"n\": tru}", "{\"n\": 4}", "{\"n\": 5, \"n\": 6}", "{\"n\": 6}"]
        try dir.write("stream.ndjson", lines.joined(separator: "\n") + "\n")
        let r = try CLI.run(["lint", "--format", "jsonl", "stream.ndjson"], cwd: dir.url)
        #expect(r.status == 1)
        let objects = try r.stdout.split(separator: "\n").map { try parseJSON(String($0)) as? [String: Any] }
        #expect(objects.count == 2)
        #expect(objects.first??["record"] as? Int == 3)
        #expect(objects.first??["line"] as? Int == 3)
        #expect(objects.first??["code"] as? String == "syntax_error")
        #expect(objects.last??["record"] as? Int == 5)
        #expect(objects.last??["line"] as? Int == 5)
        #expect(objects.last??["code"] as? String == "duplicate_key")

        // --ndjson: the same through stdin; `.jsonl` files are NDJSON by extension.
        let piped = try CLI.run(["lint", "--ndjson", "--format", "jsonl", "-"], cwd: dir.url,
                                stdin: Data((lines.joined(separator: "\n") + "\n").utf8))
        #expect(piped.stdout.split(separator: "\n").count == 2)
        try dir.write("stream.jsonl", lines.joined(separator: "\n") + "\n")
        let jsonl = try CLI.run(["lint", "--format", "json", "stream.jsonl"], cwd: dir.url)
        let summary = (try parseJSON(jsonl.stdout) as? [String: Any])?["summary"] as? [String: Any]
        #expect(summary?["payloads"] as? Int == 6)
        #expect(summary?["errors"] as? Int == 2)

        // Text: the record's own line is quoted.
        let text = try CLI.run(["lint", "stream.ndjson"], cwd: dir.url)
        #expect(text.stdout.contains("stream.ndjson:3:7: error:"), "\(text.stdout)")
        #expect(text.stdout.contains("  {\"n\": tru}\n"), "\(text.stdout)")
    }

    @Test func parallelOutputIsInInputOrder() throws {
        let dir = try TempDir()
        for i in 0..<50 {
            let name = String(format: "p%02d.json", i)
            switch i % 3 {
            case 0: try dir.write("payloads/" + name, Inputs.syntaxError)
            case 1: try dir.write("payloads/" + name, Inputs.duplicateKeys)
            default: try dir.write("payloads/" + name, Inputs.good)
            }
        }
        try dir.write("payloads/sub/records.ndjson", String(repeating: Inputs.duplicateKeys, count: 200))
        for format in ["jsonl", "text", "junit"] {
            let one = try CLI.run(["lint", "--format", format, "--jobs", "1", "payloads"], cwd: dir.url)
            let four = try CLI.run(["lint", "--format", format, "--jobs", "4", "payloads"], cwd: dir.url)
            #expect(one.status == 1)
            #expect(four.status == 1)
            #expect(one.stdout == four.stdout, "\(format): --jobs 4 differs from --jobs 1")
            #expect(!one.stdout.isEmpty)
        }
        let jsonl = try CLI.run(["lint", "--format", "jsonl", "payloads"], cwd: dir.url)
        let files = try jsonl.stdout.split(separator: "\n").compactMap { (try parseJSON(String($0)) as? [String: Any])?["file"] as? String }
        #expect(files == files.sorted())
        #expect(files.count == 17 + 17 + 200)
    }

    @Test func outputFileIsWrittenAtomically() throws {
        let dir = try TempDir()
        try dir.write("bad.json", Inputs.syntaxError)
        try dir.write("report.json", "old content")
        let r = try CLI.run(["lint", "--format", "json", "--output", "report.json", "bad.json"], cwd: dir.url)
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        let written = try String(contentsOf: dir.url.appendingPathComponent("report.json"), encoding: .utf8)
        let object = try parseJSON(written) as? [String: Any]
        #expect((object?["diagnostics"] as? [Any])?.count == 1)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.url.path).filter { $0.contains("payloadlint-") }
        #expect(leftovers.isEmpty)
        // The input is never written to.
        #expect(try String(contentsOf: dir.url.appendingPathComponent("bad.json"), encoding: .utf8) == Inputs.syntaxError)
    }

    @Test func sigpipeIsACleanStop() throws {
        let dir = try TempDir()
        try dir.write("many.ndjson", String(repeating: "{\"a\": tru}\n", count: 50_000))
        let r = try CLI.shell("'\(CLI.binary)' lint many.ndjson | head -1; echo \"status=${PIPESTATUS[0]}\"", cwd: dir.url)
        #expect(r.stdout.hasPrefix("many.ndjson:1:7: error:"))
        #expect(r.stdout.contains("status=1") || r.stdout.contains("status=0"), "\(r.stdout)")
        #expect(!r.stderr.contains("Fatal"), "\(r.stderr)")
    }

    @Test func maxErrorsStopsReporting() throws {
        let dir = try TempDir()
        try dir.write("many.ndjson", String(repeating: "{\"a\": tru}\n", count: 100))
        let r = try CLI.run(["lint", "--format", "jsonl", "--max-errors", "5", "many.ndjson"], cwd: dir.url)
        #expect(r.status == 1)
        #expect(r.stdout.split(separator: "\n").count == 5)
        #expect(r.stderr.contains("--max-errors"))
    }

    @Test func colorAlwaysAndNever() throws {
        let dir = try TempDir()
        try dir.write("bad.json", Inputs.syntaxError)
        let always = try CLI.run(["lint", "--color", "always", "bad.json"], cwd: dir.url)
        #expect(always.stdout.contains("\u{1B}[1;31merror:"))
        let never = try CLI.run(["lint", "--color", "never", "bad.json"], cwd: dir.url, environment: ["NO_COLOR": "1"])
        #expect(!never.stdout.contains("\u{1B}["))
    }

    @Test func foldersSkipDefaultExcludesAndOtherExtensions() throws {
        let dir = try TempDir()
        try dir.write("f/a.json", Inputs.syntaxError)
        try dir.write("f/a.params.json", "{}")
        try dir.write("f/a.expect.json", "not json")
        try dir.write("f/a.expected.txt", "not json")
        try dir.write("f/notes.txt", "not json")
        try dir.write("f/.hidden/x.json", "not json")
        let r = try CLI.run(["lint", "--format", "jsonl", "f"], cwd: dir.url)
        let files = Set(try r.stdout.split(separator: "\n").compactMap { (try parseJSON(String($0)) as? [String: Any])?["file"] as? String })
        #expect(files == ["f/a.json"])
    }

    @Test func configSeverityOverridesAndExcludes() throws {
        let dir = try TempDir()
        try dir.write(".payloadlint.yaml", """
            exclude: ["legacy/**"]
            severity:
              "**/*.json": { duplicate_key: warning }
              "quiet/**": { duplicate_key: off }
            """)
        try dir.write("data/dup.json", Inputs.duplicateKeys)
        try dir.write("quiet/dup.json", Inputs.duplicateKeys)
        try dir.write("legacy/bad.json", Inputs.syntaxError)
        try dir.write("data/sub/x.params.json", "{}")
        let r = try CLI.run(["lint", "--format", "jsonl", "."], cwd: dir.url)
        #expect(r.status == 0, "warnings do not fail: \(r.stdout)\(r.stderr)")
        let objects = try r.stdout.split(separator: "\n").compactMap { try parseJSON(String($0)) as? [String: Any] }
        #expect(objects.count == 1)
        #expect(objects.first?["severity"] as? String == "warning")
        #expect(objects.first?["file"] as? String == "./data/dup.json")
        // --strict: warnings fail; --quiet: only errors are listed.
        #expect(try CLI.run(["lint", "--strict", "data"], cwd: dir.url).status == 1)
        let quiet = try CLI.run(["lint", "--quiet", "data"], cwd: dir.url)
        #expect(quiet.status == 0)
        #expect(!quiet.stdout.contains("duplicate_key"))
        // The config is found from a subfolder too.
        let sub = try CLI.run(["lint", "--format", "jsonl", "dup.json"], cwd: dir.url.appendingPathComponent("data"))
        #expect(sub.stdout.contains("\"severity\":\"warning\""))
    }

    @Test func badConfigIsAUsageError() throws {
        let dir = try TempDir()
        try dir.write(".payloadlint.yaml", "severity:\n  \"**\": { no_such_code: warning }\n")
        try dir.write("good.json", Inputs.good)
        let r = try CLI.run(["lint", "good.json"], cwd: dir.url)
        #expect(r.status == 2)
        #expect(r.stderr.contains(".payloadlint.yaml:2:"))
        #expect(r.stderr.contains("no_such_code"))
    }

    @Test func explainKnowsEveryCode() throws {
        let source = try String(contentsOf: CLI.packageRoot.appendingPathComponent("Sources/PayloadLint/Diagnostics/DiagnosticCode.swift"), encoding: .utf8)
        let codes = source.split(separator: "\n").compactMap { line -> String? in
            guard line.contains("public static let"), let open = line.lastIndex(of: "\"") else { return nil }
            let before = line[..<open]
            guard let start = before.lastIndex(of: "\"") else { return nil }
            return String(line[line.index(after: start)..<open])
        }
        #expect(codes.count > 30)
        for code in codes {
            let r = try CLI.run(["explain", code])
            #expect(r.status == 0, "explain \(code)")
            #expect(r.stdout.contains("How to fix"), "explain \(code)")
        }
        let unknown = try CLI.run(["explain", "no_such_code"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("too_long"))
    }

    @Test func versionAndHelp() throws {
        let v = try CLI.run(["--version"])
        #expect(v.status == 0)
        #expect(v.stdout.hasPrefix("payloadlint "))
        let help = try CLI.run(["lint", "--help"])
        #expect(help.status == 0)
        for flag in ["--document", "--rules", "--format", "--output", "--previous", "--against", "--param", "--header",
                     "--ndjson", "--jobs", "--max-errors", "--strict", "--quiet", "--color", "--now"] {
            #expect(help.stdout.contains(flag), "lint --help lacks \(flag)")
        }
    }

    /// A `lint` line is parsed by `LintCommand` alone first (`PayloadLintCLI.parseCommandLine`):
    /// what that does not take must still answer as the root does, naming `payloadlint lint`.
    @Test func lintLinesAnswerAsTheRootDoes() throws {
        for flag in ["--help", "-h"] {
            let help = try CLI.run(["lint", flag])
            #expect(help.status == 0)
            #expect(help.stdout.contains("USAGE: payloadlint lint [<options>]"), "lint \(flag)")
            #expect(help.stdout.contains("--version"), "lint \(flag)")
        }
        let version = try CLI.run(["lint", "--version"])
        #expect(version.status == 0)
        #expect(version.stdout.hasPrefix("payloadlint "))
        let completion = try CLI.run(["lint", "--generate-completion-script", "bash"])
        #expect(completion.status == 0)
        #expect(completion.stdout.contains("__payloadlint"))
        for line in [["lint", "--no-such-flag", "x.json"], ["lint", "--format", "nope", "x.json"], ["lint", "--jobs", "abc"]] {
            let bad = try CLI.run(line)
            #expect(bad.status == 2, "\(line)")
            #expect(bad.stderr.contains("Usage: payloadlint lint [<options>]"), "\(line)")
        }
    }

    /// The common `lint` lines are read without argument-parser (`LintSettings.parseCommon`):
    /// every line here must answer exactly as argument-parser's reading of it does
    /// (`PAYLOADLINT_ARGUMENT_PARSER=1`): output, messages, exit status and the `--output` file.
    @Test func commonLinesAnswerAsArgumentParsersReadingDoes() throws {
        let dir = try TempDir()
        try dir.write("bad.json", Inputs.syntaxError)
        try dir.write("good.json", Inputs.good)
        try dir.write("records.ndjson", Inputs.good + Inputs.good)
        let doc = "pubnub.set-uuid-metadata"
        let lines: [[String]] = [
            ["lint", "good.json"], ["lint", "bad.json", "good.json"], ["lint", "-q", "bad.json"],
            ["lint", "--document", doc, "--format", "jsonl", "--quiet", "--now", "1700000000", "good.json"],
            ["lint", "good.json", "--document", doc, "--format", "sarif", "--jobs", "1"],
            ["lint", "--document", doc, "--format", "json", "--strict", "--no-progress", "bad.json"],
            ["lint", "--ndjson", "--document", doc, "--format", "native", "records.ndjson"],
            ["lint", "--format", "text", "--color", "always", "--max-errors", "1", "bad.json", "good.json"],
            ["lint", "--format", "github", "--output", "out.txt", "bad.json"],
            ["lint", "--config", "missing.yaml", "good.json"], ["lint", "--document", "no.such", "good.json"],
            ["lint", "missing.json"], ["lint", "--jobs", "0", "good.json"], ["lint", "--jobs", "+2", "good.json"],
            ["lint", "--max-errors", "0", "good.json"], ["lint", "--format", "JSON", "good.json"],
            ["lint", "--color", "sometimes", "good.json"], ["lint", "--now", "1.5", "good.json"],
            ["lint", "--now", "-5", "good.json"], ["lint", "--quiet", "--quiet", "good.json"],
            ["lint", "--jobs", "2", "--jobs", "3", "good.json"], ["lint", "--document"], ["lint", "", "good.json"],
            ["lint", "--document", "", "good.json"], ["lint", "--help"], ["lint", "--document=\(doc)", "good.json"],
        ]
        for line in lines {
            let fast = try CLI.run(line, cwd: dir.url)
            let fastOutput = try? String(contentsOf: dir.url.appendingPathComponent("out.txt"), encoding: .utf8)
            try? FileManager.default.removeItem(at: dir.url.appendingPathComponent("out.txt"))
            let parser = try CLI.run(line, cwd: dir.url, environment: ["PAYLOADLINT_ARGUMENT_PARSER": "1"])
            let parserOutput = try? String(contentsOf: dir.url.appendingPathComponent("out.txt"), encoding: .utf8)
            try? FileManager.default.removeItem(at: dir.url.appendingPathComponent("out.txt"))
            #expect(fast.status == parser.status, "\(line)")
            #expect(fast.stdout == parser.stdout, "\(line)")
            #expect(fast.stderr == parser.stderr, "\(line)")
            #expect(fastOutput == parserOutput, "\(line)")
        }
    }

    /// Yams prints a notice to stdout when YAMS_DEFAULT_ENCODING chooses its default encoding;
    /// the rule files are composed with an explicit one, so the report stays clean.
    @Test func yamsEncodingVariableLeavesTheReportAlone() throws {
        let dir = try TempDir()
        try dir.write("good.json", Inputs.good)
        let r = try CLI.run(["lint", "--document", "pubnub.set-uuid-metadata", "--format", "jsonl", "good.json"],
                            cwd: dir.url, environment: ["YAMS_DEFAULT_ENCODING": "utf16"])
        #expect(r.status == 0)
        #expect(r.stdout.isEmpty, "\(r.stdout)")
    }

    /// `--output` writes through a symbolic link (the link stays) and into a device in place
    /// (renaming a file over `/dev/stdout` replaced it: as root, with the device itself).
    @Test func outputThroughLinksAndDevices() throws {
        let dir = try TempDir()
        try dir.write("bad.json", Inputs.syntaxError)
        try dir.write("target.txt", "old\n")
        let link = dir.url.appendingPathComponent("link.txt").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "target.txt")
        let r = try CLI.run(["lint", "--format", "jsonl", "--output", "link.txt", "bad.json"], cwd: dir.url)
        #expect(r.status == 1)
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: link)) == "target.txt")
        let written = try String(contentsOf: dir.url.appendingPathComponent("target.txt"), encoding: .utf8)
        #expect(written.contains("syntax_error"))
        let device = try CLI.run(["lint", "--format", "jsonl", "--output", "/dev/stdout", "bad.json"], cwd: dir.url)
        #expect(device.status == 1)
        #expect(device.stdout.contains("syntax_error"))
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: "/dev/stdout")) != nil)
    }

    /// A failed write is described in words, and a huge `--jobs` is a usage error, not a trap.
    @Test func writeFailuresAndHugeJobCounts() throws {
        let dir = try TempDir()
        try dir.write("bad.json", Inputs.syntaxError)
        let full = try CLI.shell("\(CLI.binary) lint bad.json > /dev/full", cwd: dir.url)
        #expect(full.status == 2)
        #expect(full.stderr.contains("payloadlint: cannot write to stdout: No space left on device"), "\(full.stderr)")
        let jobs = try CLI.run(["lint", "--jobs", "9223372036854775807", "bad.json"], cwd: dir.url)
        #expect(jobs.status == 2)
        #expect(jobs.stderr.contains("--jobs must be at most 1024"))
    }

    @Test func nativeFormatGivesOneLinePerPayload() throws {
        let dir = try TempDir()
        try dir.write("bad.json", Inputs.syntaxError)
        try dir.write("good.json", Inputs.good)
        let r = try CLI.run(["lint", "--format", "native", "bad.json", "good.json"], cwd: dir.url)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect((try parseJSON(String(lines[0])) as? [String: Any])?["status"] as? Int == 400)
    }
}
