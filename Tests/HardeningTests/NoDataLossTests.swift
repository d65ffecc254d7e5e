import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// No data loss: inputs are never written to, a report file is complete or untouched, and an
/// interrupted run (SIGINT, SIGPIPE) stops cleanly with the documented status.
@Suite("No data loss", .serialized)
struct NoDataLossTests {
    static func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("payloadlint-dataloss-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// `--output` naming an input (directly or through a link) is refused: it used to replace
    /// the input with the report.
    @Test func outputOverAnInputIsRefused() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("in.json")
        try Data(#"{"a": tru}"#.utf8).write(to: input)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("link.json").path, withDestinationPath: input.path)
        for output in ["in.json", "link.json"] {
            let r = try Child.run(["lint", "in.json", "--output", output], cwd: dir, stdin: Data())
            #expect(r.status == 2)
            #expect(r.stderr.contains("--output \(output) is the input"), "\(r.stderr)")
            #expect(try String(contentsOf: input, encoding: .utf8) == #"{"a": tru}"#)
        }
        // --previous is an input too.
        let p = try Child.run(["lint", "in.json", "--previous", "in.json", "--output", "in.json"], cwd: dir, stdin: Data())
        #expect(p.status == 2)
        #expect(try String(contentsOf: input, encoding: .utf8) == #"{"a": tru}"#)
    }

    /// Read-only inputs in every format: linted, unchanged (content and modification time).
    @Test func inputsAreNeverWrittenTo() throws {
        let dir = try Self.tempDir()
        defer {
            chmod(dir.path, 0o755)
            try? FileManager.default.removeItem(at: dir)
        }
        let files = ["a.json": #"{"a": 1, "a": 2}"#, "b.ndjson": "{}\n[1,\n{\"x\": tru}\n", "c.jsonl": "\"\u{FEFF}\"\n"]
        var before: [String: (Data, Date)] = [:]
        for (name, text) in files {
            let url = dir.appendingPathComponent(name)
            try Data(text.utf8).write(to: url)
            chmod(url.path, 0o444)
            let date = try FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date ?? Date()
            before[name] = (Data(text.utf8), date)
        }
        chmod(dir.path, 0o555)
        for format in ["text", "json", "jsonl", "sarif", "github", "junit", "native"] {
            let r = try Child.run(["lint", "--format", format, "."], cwd: dir, stdin: Data())
            #expect(r.status == 1, "\(format): \(r.stderr)")
        }
        for (name, (data, date)) in before {
            let url = dir.appendingPathComponent(name)
            #expect(try Data(contentsOf: url) == data)
            #expect(try FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date == date)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == files.keys.sorted())
    }

    /// SIGINT while stdin is still streaming: exit 130; the `--output` file keeps its old content
    /// and no temporary file is left beside it.
    @Test func interruptedRunLeavesTheOutputUntouched() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let report = dir.appendingPathComponent("report.jsonl")
        try Data("previous report\n".utf8).write(to: report)
        let r = try Child.run(["lint", "--ndjson", "--format", "jsonl", "--output", "report.jsonl", "-"], cwd: dir,
                              measure: false) { w in
            let line = Array("{\"a\": tru}\n".utf8)
            w.repeatWrite(line, times: 20_000)
            usleep(200_000)
            kill(w.pid, SIGINT)
            // Keep the pipe open a little: the interrupt, not the end of input, ends the run.
            usleep(200_000)
        }
        #expect(r.status == 130, "\(r.stderr)")
        #expect(try String(contentsOf: report, encoding: .utf8) == "previous report\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["report.jsonl"])
    }

    /// Piped into `head`: the first finding, then a quiet stop (no error text, no crash) with the
    /// findings' status, while the producer is still writing.
    @Test func sigpipeIntoHead() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = """
            yes '{"a": tru}' | head -n 500000 | '\(Child.binary)' lint --ndjson - | head -1
            echo "status=${PIPESTATUS[2]}"
            """
        let r = try Child.shell(script, cwd: dir)
        #expect(r.stdout.hasPrefix("<stdin>:1:7: error: invalid literal"), "\(r.stdout)")
        #expect(r.stdout.contains("status=1"), "\(r.stdout)")
        // (The producer's own `head` may complain that payloadlint stopped reading; payloadlint
        // itself says nothing.)
        #expect(!r.stderr.contains("payloadlint") && !r.stderr.contains("Fatal"), "\(r.stderr)")
    }
}

extension Child {
    /// Runs a bash script (pipelines) and returns its stdout and stderr.
    static func shell(_ script: String, cwd: URL) throws -> (stdout: String, stderr: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = ["-c", script]
        p.currentDirectoryURL = cwd
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }
}
