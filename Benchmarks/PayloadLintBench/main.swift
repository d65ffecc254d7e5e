// `make bench`: JSONStream throughput and memory against Foundation and yajl's json_verify.
// Inputs are generated deterministically into .bench-cache/ (git-ignored) when missing.
import Foundation
import JSONStream
import PayloadLint


let args = CommandLine.arguments

// Child mode: `PayloadLintBench peak FILE ndjson|json` prints peak RSS above baseline (KiB).
if args.count == 4 && args[1] == "peak" {
    let baseline = Measure.memory()
    _ = Measure.stream(args[2], ndjson: args[3] == "ndjson")
    let after = Measure.memory()
    print(max(0, after.hwm - baseline.rss))
    exit(0)
}

let cache = FileManager.default.currentDirectoryPath + "/.bench-cache"
try FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
let runs = Int(ProcessInfo.processInfo.environment["BENCH_RUNS"] ?? "") ?? 5
let only = args.count > 1 ? Set(args.dropFirst()) : nil

struct Input {
    var name: String, file: String, size: Int, ndjson: Bool
    var generate: (String, Int) throws -> Void
}
let inputs = [
    Input(name: "ndjson", file: "users-100MB.ndjson", size: 100 << 20, ndjson: true, generate: DataGenerator.ndjson),
    Input(name: "array", file: "users-100MB.json", size: 100 << 20, ndjson: false, generate: DataGenerator.array),
    Input(name: "strings", file: "long-strings-10MB.json", size: 10 << 20, ndjson: false, generate: DataGenerator.longStrings),
]

print("PayloadLintBench — JSONStream: 64 KiB read(2) chunks, median of \(runs) runs; Foundation and json_verify: median of 3")
print("inputs in \(cache) (generated when missing; delete to regenerate)\n")
let haveJSONVerify = FileManager.default.isExecutableFile(atPath: "/usr/bin/json_verify")
if !haveJSONVerify { print("json_verify not found at /usr/bin/json_verify (Debian: yajl-tools) — its column is skipped\n") }

func mbps(_ bytes: Int, _ seconds: Double) -> Double { Double(bytes) / 1_048_576 / seconds }
func f1(_ x: Double) -> String { String(format: "%.1f", x) }
func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : String(repeating: " ", count: n - s.count) + s }

var rows: [[String]] = []
for input in inputs where only == nil || only!.contains(input.name) {
    let path = cache + "/" + input.file
    if !FileManager.default.fileExists(atPath: path) {
        print("generating \(input.file)…")
        try input.generate(path, input.size)
    }
    let bytes = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    var events = 0
    _ = Measure.stream(path, ndjson: input.ndjson)  // warm the page cache
    let tStream = Measure.median(runs) { events = Measure.stream(path, ndjson: input.ndjson) }
    let data = FileManager.default.contents(atPath: path)!
    let tFoundation = Measure.median(3) { _ = Measure.foundation(data, ndjson: input.ndjson) }
    var tVerify: (wall: Double, cpu: Double)? = nil
    if haveJSONVerify {
        var status: Int32 = 0
        tVerify = Measure.median(3) { status = Measure.jsonVerify(path, ndjson: input.ndjson) ?? -1 }
        if status != 0 { print("json_verify exited with \(status) on \(input.file)") }
    }
    let peak = Measure.peakInChild(path, ndjson: input.ndjson)
    let s = mbps(bytes, tStream.cpu)
    rows.append([
        input.file, f1(Double(bytes) / 1_048_576), "\(events)", f1(s), f1(mbps(bytes, tStream.wall)),
        f1(mbps(bytes, tFoundation.cpu)), f1(tFoundation.cpu / tStream.cpu) + "×",
        tVerify.map { f1(mbps(bytes, $0.cpu)) } ?? "n/a", tVerify.map { f1($0.cpu / tStream.cpu) + "×" } ?? "n/a",
        peak.map { f1(Double($0) / 1024) } ?? "?",
    ])
    print("\(input.file): JSONStream \(f1(s)) MB/s CPU, \(f1(mbps(bytes, tStream.wall))) MB/s wall")
}

let header = ["input", "MB", "events", "JSONStream MB/s", "(wall)", "Foundation MB/s", "vs Foundation", "json_verify MB/s", "vs json_verify", "peak RSS MB"]
let widths = header.indices.map { i in max(header[i].count, rows.map { $0[i].count }.max() ?? 0) }
print("")
print(header.indices.map { pad(header[$0], widths[$0]) }.joined(separator: "  "))
for row in rows { print(row.indices.map { pad(row[$0], widths[$0]) }.joined(separator: "  ")) }
print("\n(MB/s from CPU time, user+system, median; '(wall)' = JSONStream by wall clock; MB = MiB; 'vs X' = how many times faster JSONStream is; peak RSS = VmHWM above the baseline VmRSS of a fresh child process)")
print("targets: NDJSON ≥ 500 MB/s, ≥ json_verify, ≥ 10× JSONSerialization; 100 MB array peak < 16 MB above baseline")

if only == nil || only!.contains("validate") {
    // `validate pubnub pace`: only those APIs' documents.
    let apis = Set(ValidationBench.documents.map(\.0)).intersection(only ?? [])
    ValidationBench.run(cache: cache, runs: runs, apis: apis.isEmpty ? nil : apis)
}

if only?.contains("formats") == true {  // not in the default run: `PayloadLintBench formats`
    FormatsBench.run(cache: cache, runs: runs)
}
