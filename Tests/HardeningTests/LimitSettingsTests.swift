import Foundation
import JSONStream
import PayloadLint
import Testing

/// Limits as settings: each has a default, is reachable from the library, the config file and the
/// command line, and gives its own diagnostic when hit.
@Suite("Limit settings")
struct LimitSettingsTests {
    static let defaults = LintOptions()

    @Test func defaults() {
        let o = LimitSettingsTests.defaults
        #expect(o.reader.maxDocumentBytes == 256 << 20)
        #expect(o.reader.maxDepth == 1024)
        #expect(o.reader.maxStringBytes == 16 << 20)
        #expect(o.reader.maxNumberLength == 4096)
        #expect(o.maxDiagnosticsPerPayload == 1000)
    }

    /// Library: each limit through `LintOptions`, each with its own code, limit figure and position.
    @Test(arguments: [
        ("maxDocumentBytes", "[1,2,3,4,5,6]", 5, "document_too_large", "the document is larger than 5 bytes", 6),
        ("maxDepth", "[[[1]]]", 2, "depth_limit", "nesting is deeper than 2 levels", 3),
        ("maxStringBytes", #"["abcdef"]"#, 3, "string_limit", "the string is longer than 3 bytes", 2),
        ("maxNumberLength", "[123456]", 3, "number_limit", "the number is longer than 3 characters", 2),
    ])
    func libraryLimit(key: String, payload: String, value: Int, code: String, message: String, column: Int) throws {
        var limits = LintLimits()
        #expect(limits.set(key, String(value)) == nil)
        var options = LintOptions()
        limits.apply(to: &options)
        let report = try PayloadLinter(compiled: [], options: options).lint(payload, document: nil)
        let d = try #require(report.diagnostics.first)
        #expect(report.diagnostics.count == 1)
        #expect(d.code.rawValue == code)
        #expect(d.message == message)
        #expect(d.limit == String(value))
        #expect(d.line == 1 && d.column == column)
        // Within the limit: clean.
        var roomy = LintOptions()
        #expect(LintLimits(maxDocumentBytes: 100, maxDepth: 10, maxStringBytes: 10, maxNumberLength: 10) != LintLimits())
        LintLimits(maxDocumentBytes: 100, maxDepth: 10, maxStringBytes: 10, maxNumberLength: 10).apply(to: &roomy)
        #expect(try PayloadLinter(compiled: [], options: roomy).lint(payload, document: nil).diagnostics.isEmpty)
    }

    @Test func diagnosticLimitKeepsTheFirstAndCountsTheRest() throws {
        var options = LintOptions()
        options.maxDiagnosticsPerPayload = 2
        let payload = "{" + (0..<10).map { "\"a\":\($0)" }.joined(separator: ",") + "}"
        let report = try PayloadLinter(compiled: [], options: options).lint(payload, document: nil)
        #expect(report.diagnostics.map(\.code.rawValue) == ["duplicate_key", "duplicate_key", "diagnostic_limit"])
        let last = try #require(report.diagnostics.last)
        #expect(last.severity == .warning)
        #expect(last.message == "7 more findings not reported (the limit is 2 per payload)")
        #expect(last.limit == "2" && last.actual == "9")
        // 0 in settings: no limit.
        var all = LintOptions()
        LintLimits(maxDiagnostics: 0).apply(to: &all)
        #expect(try PayloadLinter(compiled: [], options: all).lint(payload, document: nil).diagnostics.count == 9)
    }

    @Test func sizesTakeBinarySuffixes() {
        #expect(LintLimits.parseSize("1000") == 1000)
        #expect(LintLimits.parseSize("64K") == 64 << 10)
        #expect(LintLimits.parseSize("16M") == 16 << 20)
        #expect(LintLimits.parseSize("16MiB") == 16 << 20)
        #expect(LintLimits.parseSize("1G") == 1 << 30)
        #expect(LintLimits.parseSize("2gb") == 2 << 30)
        for bad in ["", "-1", "1.5", "M", "12X", "99999999999999999999G"] { #expect(LintLimits.parseSize(bad) == nil) }
        var l = LintLimits()
        #expect(l.set("maxDepth", "0") == "maxDepth must be at least 1")
        #expect(l.set("maxDocumentBytes", "0") == nil)
        #expect(l.set("maxDepht", "3")?.hasPrefix("unknown limit \"maxDepht\"") == true)
    }

    @Test func configFileLimits() throws {
        let config = try LintConfig.parse(
            "limits: { maxDocumentBytes: 64M, maxDepth: 256, maxStringBytes: 1M, maxNumberLength: 100, maxDiagnostics: 200 }\n",
            file: ".payloadlint.yaml", directory: "/tmp")
        #expect(config.limits == LintLimits(maxDocumentBytes: 64 << 20, maxDepth: 256, maxStringBytes: 1 << 20,
                                            maxNumberLength: 100, maxDiagnostics: 200))
        // The command line wins over the config.
        var options = LintOptions()
        config.limits.overridden(by: LintLimits(maxDepth: 8)).apply(to: &options)
        #expect(options.reader.maxDepth == 8)
        #expect(options.reader.maxStringBytes == 1 << 20)
        #expect(options.maxDiagnosticsPerPayload == 200)
        #expect(throws: LintConfig.ConfigError.self) {
            try LintConfig.parse("limits: { maxDepth: deep }\n", file: "c.yaml", directory: "/tmp")
        }
        #expect(throws: LintConfig.ConfigError.self) {
            try LintConfig.parse("limits: [1]\n", file: "c.yaml", directory: "/tmp")
        }
    }

    @Test(arguments: [
        (["--max-document-bytes", "5"], "[1,2,3,4,5,6]", "document_too_large"),
        (["--max-depth", "2"], "[[[1]]]", "depth_limit"),
        (["--max-string-bytes", "3"], #"["abcdef"]"#, "string_limit"),
        (["--max-number-length", "3"], "[123456]", "number_limit"),
        (["--max-diagnostics", "1"], #"{"a":1,"a":2,"a":3}"#, "diagnostic_limit"),
    ])
    func commandLineLimit(flags: [String], payload: String, code: String) throws {
        let r = try Child.run(["lint", "--format", "jsonl"] + flags + ["-"], stdin: Data(payload.utf8))
        #expect(r.status == 1)
        #expect(r.stdout.contains("\"code\":\"\(code)\""))
    }

    @Test func commandLineRejectsBadLimits() throws {
        let r = try Child.run(["lint", "--max-depth", "lots", "-"], stdin: Data("1".utf8))
        #expect(r.status == 64 || r.status == 2)
        #expect(r.stderr.contains("--max-depth"))
    }

    @Test func configFileLimitOnTheCommandLine() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("payloadlint-limits-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "limits: { maxDepth: 2 }\n".write(to: dir.appendingPathComponent(".payloadlint.yaml"), atomically: true, encoding: .utf8)
        let r = try Child.run(["lint", "--format", "jsonl", "-"], cwd: dir, stdin: Data("[[[1]]]".utf8))
        #expect(r.stdout.contains("\"code\":\"depth_limit\""))
        let r2 = try Child.run(["lint", "--format", "jsonl", "--max-depth", "3", "-"], cwd: dir, stdin: Data("[[[1]]]".utf8))
        #expect(r2.status == 0)
    }
}
