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
        // ~3 MB: several 1 MiB blocks; every 97th record too long, every 1,001st not JSON.
        while text.utf8.count < 3_000_000 {
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
}
