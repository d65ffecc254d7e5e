import Foundation
import Testing

/// A large NDJSON file is split into blocks linted in parallel: the output must be the one of a
/// sequential run, line numbers, offsets and record numbers included, across block boundaries,
/// with bad records (syntax errors) anywhere.
@Suite struct ParallelNDJSONTests {
    @Test func parallelBlocksGiveTheSequentialOutput() throws {
        let dir = try TempDir()
        var text = ""
        var i = 0
        // ~6 MB: 1 MiB blocks, then quarter blocks over the last 4 MiB (`BlockQueue.fill`); every
        // 97th record too long, every 1,001st not JSON.
        while text.utf8.count < 6_000_000 {
            i += 1
            if i % 1001 == 0 {
                text += "{\"name\": \"broken\", \n"
                continue
            }
            let name = i % 97 == 0 ? String(repeating: "n", count: 2_100) : "user \(i)"
            text += "{\"name\": \"\(name)\", \"email\": \"u\(i)@example.com\", \"custom\": {\"tier\": \(i % 5)}}\n"
            if i % 13 == 0 { text += "\n" }  // blank lines are skipped, not records
        }
        let file = try dir.write("big.ndjson", text)
        let args = ["lint", "--document", "pubnub.set-uuid-metadata", "--format", "jsonl", file.path]
        let sequential = try CLI.run(args + ["--jobs", "1"])
        let parallel = try CLI.run(args + ["--jobs", "2"])
        #expect(sequential.status == 1)
        #expect(parallel.status == sequential.status)
        #expect(sequential.stdout.split(separator: "\n").count > 50)
        #expect(parallel.stdout == sequential.stdout)
    }

    /// Fewer NDJSON files than jobs: each file is split into blocks, and each file's thread gets
    /// `jobs - 1` helpers: as many as there are cores started ahead of the rules and parked
    /// (`ThreadReserve`), the others when needed (64 jobs: 128 threads at once). The output is the
    /// one of one job, file after file.
    @Test func severalFilesSplitIntoBlocksGiveTheSequentialOutput() throws {
        let dir = try TempDir()
        var files: [String] = []
        for f in 0..<2 {
            var text = ""
            var i = 0
            while text.utf8.count < 1_200_000 {
                i += 1
                let name = (i + f) % 89 == 0 ? String(repeating: "n", count: 2_100) : "user \(i)"  // too long
                text += "{\"name\": \"\(name)\", \"email\": \"u\(i)@example.com\", \"custom\": {\"tier\": \(i % 5)}}\n"
            }
            files.append(try dir.write("part\(f).ndjson", text).path)
        }
        let args = ["lint", "--document", "pubnub.set-uuid-metadata", "--format", "jsonl"] + files
        let sequential = try CLI.run(args + ["--jobs", "1"])
        #expect(sequential.status == 1)
        for jobs in ["3", "5", "64"] {
            let parallel = try CLI.run(args + ["--jobs", jobs])
            #expect(parallel.status == sequential.status, "--jobs \(jobs)")
            #expect(parallel.stdout == sequential.stdout, "--jobs \(jobs)")
        }
        #expect(sequential.stdout.contains("part0.ndjson") && sequential.stdout.contains("part1.ndjson"))
    }

    /// `unique:` values repeat across blocks: the findings the consumer settles in input order are
    /// merged into reports rendered on worker threads, in every format, with and without --quiet.
    @Test func uniqueClaimsAcrossBlocksGiveTheSequentialOutput() throws {
        let dir = try TempDir()
        var text = ""
        var i = 0
        // ~1.5 MB (two blocks); names and emails repeat (not_unique), some records fail other rules too.
        while text.utf8.count < 1_500_000 {
            i += 1
            if i % 1009 == 0 {
                text += "{\"name\": \"broken\", \n"
                continue
            }
            let name = i % 89 == 0 ? "Bad Name \(i)" : "user-\(i % 4000)"
            text += "{\"name\": \"\(name)\", \"email\": \"u\(i % 5000)@example.com\", \"title\": \"t \u{2028} \\\" \\u0001\", "
                + "\"metadata\": {\"k\": \(i % 7)}}\n"
        }
        let file = try dir.write("users.ndjson", text)
        for (format, quiet) in [("jsonl", false), ("jsonl", true), ("github", false), ("native", true)] {
            do {
                let args = ["lint", "--document", "frontier.update-user", "--format", format, "--now", "1767225600", file.path]
                    + (quiet ? ["--quiet"] : [])
                let sequential = try CLI.run(args + ["--jobs", "1"])
                let parallel = try CLI.run(args + ["--jobs", "2"])
                #expect(sequential.status == 1)
                #expect(parallel.status == sequential.status, "\(format) quiet: \(quiet)")
                #expect(parallel.stdout == sequential.stdout, "\(format) quiet: \(quiet)")
                if format == "jsonl" { #expect(sequential.stdout.contains("\"code\":\"not_unique\"")) }
            }
        }
    }

    /// NDJSON on stdin with two jobs is read in chunks by one stream (no blocks), rendered on a
    /// worker: its `unique:` claims are gathered chunk by chunk, and the record a chunk cuts keeps
    /// its claims for the next. The output is the one of one job (no rendering on workers).
    @Test func uniqueClaimsFromStdinInChunksGiveTheSequentialOutput() throws {
        let text = Self.claimRecords(bytes: 700_000)
        let args = ["lint", "--document", "frontier.update-user", "--format", "jsonl", "--now", "1767225600", "--ndjson", "-"]
        let sequential = try CLI.run(args + ["--jobs", "1"], stdin: Data(text.utf8))
        let piped = try CLI.run(args + ["--jobs", "2"], stdin: Data(text.utf8))
        #expect(sequential.status == 1)
        #expect(sequential.stdout.contains("\"code\":\"not_unique\""))
        #expect(piped.status == sequential.status)
        #expect(piped.stdout == sequential.stdout)
    }

    /// Records whose only output is their claims get no report on the workers (they are listed
    /// with the claims, `ClaimBatch.unreported`): their not_unique lines still come in record
    /// order among the other records' findings, across blocks, with and without --quiet.
    @Test func recordsWithOnlyClaimsGiveTheSequentialOutput() throws {
        let dir = try TempDir()
        let file = try dir.write("claims.ndjson", Self.claimRecords(bytes: 2_500_000))
        for quiet in [false, true] {
            let args = ["lint", "--document", "frontier.update-user", "--format", "jsonl", "--now", "1767225600", file.path]
                + (quiet ? ["--quiet"] : [])
            let sequential = try CLI.run(args + ["--jobs", "1"])
            let parallel = try CLI.run(args + ["--jobs", "2"])
            #expect(sequential.status == 1)
            #expect(sequential.stdout.contains("\"code\":\"not_unique\""))
            #expect(sequential.stdout.contains("\"code\":\"unknown_property\""))
            #expect(parallel.status == sequential.status)
            #expect(parallel.stdout == sequential.stdout, "quiet: \(quiet)")
        }
    }

    /// A record whose value is followed by junk on its line hands its claims over when the value
    /// ends, then its syntax error: the not_unique line comes first, as with one job, also when
    /// the claims were listed without a report.
    @Test func claimsBeforeASyntaxErrorOnTheSameLine() throws {
        let dir = try TempDir()
        var text = Self.claimRecords(bytes: 300_000)
        text += "{\"name\": \"user-1\", \"email\": \"u1@example.com\"} x\n"
        text += "{\"name\": \"user-2\", \"email\": \"u2@example.com\"} {\"name\": \"user-3\"}\n"
        text += Self.claimRecords(bytes: 10_000)
        let file = try dir.write("junk.ndjson", text)
        for quiet in [false, true] {
            let args = ["lint", "--document", "frontier.update-user", "--format", "jsonl", "--now", "1767225600", file.path]
                + (quiet ? ["--quiet"] : [])
            let sequential = try CLI.run(args + ["--jobs", "1"])
            let parallel = try CLI.run(args + ["--jobs", "2"])
            let stdin = ["lint", "--document", "frontier.update-user", "--format", "jsonl", "--now", "1767225600",
                         "--ndjson", "-"] + (quiet ? ["--quiet"] : [])
            let pipedSequential = try CLI.run(stdin + ["--jobs", "1"], stdin: Data(text.utf8))
            let piped = try CLI.run(stdin + ["--jobs", "2"], stdin: Data(text.utf8))
            #expect(sequential.stdout.contains("\"code\":\"syntax_error\""))
            #expect(parallel.stdout == sequential.stdout, "quiet: \(quiet)")
            #expect(piped.stdout == pipedSequential.stdout, "stdin, quiet: \(quiet)")
        }
    }

    /// NDJSON users for frontier.update-user: names and emails repeat (not_unique), every
    /// seventh record also has a member the rules do not allow; the others are valid but for
    /// their repeats, so their only output is their claims.
    static func claimRecords(bytes: Int) -> String {
        var text = ""
        var i = 0
        while text.utf8.count < bytes {
            i += 1
            let extra = i % 7 == 0 ? ", \"metadata\": {\"k\": \(i % 5)}" : ""
            text += "{\"name\": \"user-\(i % 3000)\", \"email\": \"u\(i % 2000)@example.com\"\(extra)}\n"
        }
        return text
    }

    /// A bad record that ends a block (the 256 KiB ones near a file's end) gets the message it
    /// gets in a sequential run, where the next line follows it: an escape or a UTF-8 sequence
    /// cut short by its line's end is judged on the line's bytes, not as the input's end.
    @Test(arguments: [Array("{\"a\": \"\\u\"}".utf8), [0x22, 0xF0, 0x22]])
    func aBadRecordEndingABlock(bad: [UInt8]) throws {
        let dir = try TempDir()
        // Padding lines up to where `bad` and its newline end the first 256 KiB exactly.
        let end = 256 << 10
        var bytes: [UInt8] = []
        while end - bytes.count - bad.count - 1 >= 2000 {
            bytes += [0x7B] + [UInt8](repeating: 0x20, count: 997) + [0x7D, 0x0A]
        }
        bytes += [0x7B] + [UInt8](repeating: 0x20, count: end - bytes.count - bad.count - 1 - 3) + [0x7D, 0x0A]
        bytes += bad + [0x0A] + Array("{}\n".utf8)
        #expect(bytes.count == end + 3)
        let file = dir.url.appendingPathComponent("cut.ndjson")
        try Data(bytes).write(to: file)
        let args = ["lint", "--format", "jsonl", file.path]
        let sequential = try CLI.run(args + ["--jobs", "1"])
        let parallel = try CLI.run(args + ["--jobs", "2"])
        #expect(sequential.stdout.contains("\"code\":\"syntax_error\"") || sequential.stdout.contains("invalid_encoding"))
        #expect(!sequential.stdout.contains("unterminated") && !sequential.stdout.contains("truncated"))
        #expect(parallel.stdout == sequential.stdout)
    }

    /// A record longer than a block is read whole, not cut in two.
    @Test func aRecordLongerThanABlock() throws {
        let dir = try TempDir()
        var lines: [String] = []
        for i in 0..<6000 {
            lines.append("{\"name\": \"user \(i % 500)\", \"email\": \"u\(i)@example.com\", \"custom\": {\"tier\": \(i % 5)}}")
        }
        lines[3000] = "{\"name\": \"" + String(repeating: "x", count: 2_500_000) + "\", \"email\": \"big@example.com\"}"
        let file = try dir.write("long.ndjson", lines.joined(separator: "\n") + "\n")
        let args = ["lint", "--document", "pubnub.set-uuid-metadata", "--format", "jsonl", file.path]
        let sequential = try CLI.run(args + ["--jobs", "1"])
        let parallel = try CLI.run(args + ["--jobs", "2"])
        #expect(sequential.stdout.contains("\"record\":3001"))
        #expect(parallel.status == sequential.status)
        #expect(parallel.stdout == sequential.stdout)
    }
}
