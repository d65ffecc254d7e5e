import Foundation
import JSONStream
import PayloadLint

/// Validation throughput against bare JSONStream on the same NDJSON bytes (the engine issue's
/// target: validation at least 60% of the reader), one thread, in process, reports discarded.
enum ValidationBench {
    static let documents = [
        ("pubnub", "pubnub.set-uuid-metadata"), ("fullstory", "fullstory.update-user"),
        ("frontier", "frontier.update-user"), ("pace", "pace.update-user"),
    ]

    /// The shared peer corpus (`make bench-peers` generates it), else the quick one.
    static func corpus(_ cache: String) -> String? {
        // BENCH_CORPUS=DIR: another folder of `<api>.ndjson` files (e.g. slices for callgrind).
        if let dir = ProcessInfo.processInfo.environment["BENCH_CORPUS"] { return dir }
        for dir in ["peers/corpus/ndjson", "corpus/ndjson"] {
            let path = cache + "/" + dir
            if FileManager.default.fileExists(atPath: path + "/pubnub.ndjson") { return path }
        }
        return nil
    }

    /// Lints every record of `path`; returns the number of findings. The file is read as
    /// `Measure.stream` reads it (read(2) into one reused 64 KiB buffer), so that both sides of
    /// the ratio do the same I/O: `FileHandle.read(upToCount:)` allocated and grew a `Data` per
    /// chunk, 1.8 M instructions on the 4 MB PubNub slice that the bare reader never paid.
    @inline(never)
    static func validate(_ linter: PayloadLinter, _ document: String, _ path: String) -> Int {
        guard let stream = try? linter.makeStream(document: document, file: path, ndjson: true) else { return 0 }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return 0 }
        defer { close(fd) }
        let chunkSize = 64 << 10
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { chunk.deallocate() }
        var findings = 0
        while true {
            let n = read(fd, chunk.baseAddress, chunkSize)
            if n <= 0 { break }
            for r in stream.feed(UnsafeRawBufferPointer(rebasing: chunk[0..<n])) { findings += r.diagnostics.count }
        }
        for r in stream.finish() { findings += r.diagnostics.count }
        return findings
    }

    static func run(cache: String, runs: Int, apis: Set<String>? = nil) {
        guard let dir = corpus(cache) else {
            print("\nvalidation: no corpus in \(cache)/peers/corpus (run `make bench-peers ARGS=--quick` once); skipped")
            return
        }
        var options = LintOptions()
        options.now = 1_700_000_000
        guard let linter = try? PayloadLinter(rules: .builtin, options: options) else {
            print("\nvalidation: the built-in rules do not load; skipped")
            return
        }
        print("\nvalidation (one thread, in process) on \(dir):")
        print("  document                   MB   JSONStream MB/s  validation MB/s  ratio   findings")
        for (api, id) in documents where apis?.contains(api) ?? true {
            let path = dir + "/" + api + ".ndjson"
            guard let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? Int else { continue }
            _ = Measure.stream(path, ndjson: true)
            // BENCH_VALIDATION_ONLY=1: skip the bare reader (for a profile of validation alone).
            let bare = ProcessInfo.processInfo.environment["BENCH_VALIDATION_ONLY"] == "1"
                ? (wall: 1.0, cpu: 1.0) : Measure.median(runs) { _ = Measure.stream(path, ndjson: true) }
            var findings = 0
            let checked = Measure.median(runs) { findings = validate(linter, id, path) }
            let r = bare.cpu / checked.cpu
            print("  \(id.padding(toLength: 26, withPad: " ", startingAt: 0)) \(pad(f1(Double(size) / 1_048_576), 5))  \(pad(f1(mbps(size, bare.cpu)), 15))  \(pad(f1(mbps(size, checked.cpu)), 15))  \(pad(String(format: "%.0f%%", r * 100), 5))  \(pad(String(findings), 9))")
        }
        print("  target: validation ≥ 60% of bare JSONStream on the same bytes")
    }
}
