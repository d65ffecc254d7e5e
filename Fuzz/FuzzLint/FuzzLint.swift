// libFuzzer target: the whole lint of one payload against every built-in rule set (and none),
// whole, as NDJSON, and fed to a `LintStream` in chunks chosen from the input's hash.
//
// Oracles: no trap, no sanitizer report, no hang; the findings of a payload do not depend on how
// its bytes were chunked; rendering every report (native bodies included) does not trap.
//
// Built by `make fuzz` with `-sanitize=fuzzer,address -DFUZZING`; without `FUZZING` it runs the
// files given as arguments (`swift run FuzzLint crash-…`).
import PayloadLint
import FuzzSupport

#if canImport(Glibc)
import Glibc
#endif

let linter: PayloadLinter = {
    var options = LintOptions()
    options.now = 1_700_000_000
    do { return try PayloadLinter(rules: .builtin, options: options) } catch {
        fatalError("built-in rules do not load: \(error)")
    }
}()

let documents: [String?] = [nil] + linter.documentIDs.map { Optional($0) }

/// Parameters every operation names, so that parameter checks and `equals:` run too.
let parameters = ["path.uuid": "u-1", "path.userId": "u-1", "path.id": "u-1", "query.include": "custom,type",
                  "header.Content-Type": "application/vnd.api+json"]

func fingerprint(_ reports: [Report]) -> [String] {
    reports.flatMap { r in
        r.diagnostics.map { "\($0.code) \($0.severity) \($0.pointer) \($0.line):\($0.column)@\($0.offset) \($0.record ?? 0) \($0.message)" }
    }
}

func chunked(_ input: UnsafeRawBufferPointer, document: String?, ndjson: Bool) -> [Report] {
    var state: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in input { state = (state ^ UInt64(b)) &* 0x100_0000_01b3 }
    if state == 0 { state = 1 }
    guard let stream = try? linter.makeStream(document: document, parameters: parameters, file: "fuzz", ndjson: ndjson)
    else { fatalError("makeStream failed for a known document") }
    var reports: [Report] = []
    var at = 0
    while at < input.count {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        let step = min(Int(state % 17) + 1, input.count - at)
        reports += stream.feed(UnsafeRawBufferPointer(rebasing: input[at..<(at + step)]))
        at += step
    }
    reports += stream.finish()
    return reports
}

func check(_ input: UnsafeRawBufferPointer) {
    let bytes = Array(input)
    for document in documents {
        let whole: Report
        do { whole = try linter.lint(bytes, document: document, parameters: parameters, file: "fuzz") } catch {
            fatalError("lint threw for a known document: \(error)")
        }
        _ = whole.nativeResponse()
        for d in whole.diagnostics {
            precondition(d.offset >= 0 && d.offset <= max(bytes.count, 1), "offset \(d.offset) outside the input")
        }
        // One document, whole or in chunks: the same findings. (`lint` also settles `unique:`
        // claims inside the payload, which a bare stream leaves to its caller; compare the rest.)
        let stream = chunked(input, document: document, ndjson: false)
        let a = fingerprint([whole]).filter { !$0.hasPrefix("not_unique") }
        let b = fingerprint(stream).filter { !$0.hasPrefix("not_unique") }
        precondition(a == b, "document \(document ?? "none"): whole and chunked findings differ\n\(a)\n\(b)")
        // NDJSON: every record, whatever the chunking.
        guard let nd = try? linter.makeStream(document: document, parameters: parameters, file: "fuzz", ndjson: true)
        else { fatalError("makeStream failed") }
        var ndReports = nd.feed(input)
        ndReports += nd.finish()
        for r in ndReports { _ = r.nativeResponse() }
        let ndChunked = chunked(input, document: document, ndjson: true)
        precondition(fingerprint(ndReports) == fingerprint(ndChunked), "document \(document ?? "none"): NDJSON findings depend on chunking")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLint(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard size <= 1 << 16 else { return 0 }
    check(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}

@main
enum FuzzLintMain {
    static func main() { FuzzDriver.main(fuzzLint) }
}
