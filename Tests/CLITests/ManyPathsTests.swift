import Foundation
import Testing

/// A long list of paths at the end of the command line is taken off before argument parsing
/// (`TrailingPaths`): the result must be what the parser alone gives, whatever precedes the list.
@Suite struct ManyPathsTests {
    @Test func longPathListsLintLikeShortOnes() throws {
        let dir = try TempDir()
        var files: [String] = []
        for i in 0..<60 {
            let name = String(format: "p%02d.json", i)
            // Every fifth file is broken, so the output names files in order.
            _ = try dir.write(name, i % 5 == 0 ? "{\"a\": tru}" : "{\"a\": \(i)}")
            files.append(name)
        }
        // Options after the paths: nothing is taken off, argument-parser sees everything.
        let reference = try CLI.run(["lint"] + files + ["--format", "jsonl", "--jobs", "2"], cwd: dir.url)
        #expect(reference.status == 1)
        #expect(reference.stdout.split(separator: "\n").count == 12)
        let variants: [[String]] = [
            ["lint", "--format", "jsonl", "--jobs", "2"] + files,  // a value before the list
            ["lint", "--format=jsonl", "--jobs=2", "--no-progress"] + files,  // a flag before it
            ["lint", "--format", "jsonl", "--jobs", "2", "--"] + files,  // the terminator
            ["lint"] + files.prefix(10) + ["--format", "jsonl", "--jobs", "2"] + files.dropFirst(10),
        ]
        for arguments in variants {
            let r = try CLI.run(arguments, cwd: dir.url)
            #expect(r.status == reference.status, "\(arguments.prefix(6))")
            #expect(r.stdout == reference.stdout, "\(arguments.prefix(6))")
        }
    }
}
