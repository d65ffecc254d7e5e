import Foundation
import PayloadLint

/// `PayloadLintBench formats`: `FormatChecker` alone on the `profileUrl` (uri), `email` (email)
/// and URL host (hostname) strings of the PubNub corpus. The strings are extracted once with
/// JSONSerialization and packed into one byte buffer before timing; the timed loop only calls
/// `FormatChecker.check` on each string's bytes. Verdict counts are printed so that a change of
/// verdict between two builds shows.
enum FormatsBench {
    /// Strings packed back to back: `bytes[offsets[k]..<offsets[k + 1]]` is string `k`.
    struct Strings {
        var bytes: [UInt8] = []
        var offsets: [Int] = [0]
        var count: Int { offsets.count - 1 }
        mutating func append(_ s: String) {
            bytes.append(contentsOf: s.utf8)
            offsets.append(bytes.count)
        }
    }

    static func extract(_ path: String) -> (uri: Strings, email: Strings, host: Strings)? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        var uri = Strings(), email = Strings(), host = Strings()
        var lineStart = data.startIndex
        func take(_ line: Data) {
            guard let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any] else { return }
            if let s = object["profileUrl"] as? String {
                uri.append(s)
                // The authority's host, when there is one: after "//", before "/", "?", "#",
                // ":" and after any "@".
                if let r = s.range(of: "://") {
                    var h = s[r.upperBound...]
                    if let e = h.firstIndex(where: { "/?#".contains($0) }) { h = h[..<e] }
                    if let at = h.lastIndex(of: "@") { h = h[h.index(after: at)...] }
                    if let c = h.firstIndex(of: ":") { h = h[..<c] }
                    host.append(String(h))
                }
            }
            if let s = object["email"] as? String { email.append(s) }
        }
        while let nl = data[lineStart...].firstIndex(of: UInt8(ascii: "\n")) {
            take(data[lineStart..<nl])
            lineStart = nl + 1
        }
        if lineStart < data.endIndex { take(data[lineStart...]) }
        return (uri, email, host)
    }

    /// Number of strings of `s` that conform to `format`.
    @inline(never)
    static func checkAll(_ format: FormatName, _ s: Strings) -> Int {
        var valid = 0
        s.bytes.withUnsafeBytes { all in
            s.offsets.withUnsafeBufferPointer { o in
                for k in 0..<(o.count - 1) {
                    let slice = UnsafeRawBufferPointer(rebasing: all[o[k]..<o[k + 1]])
                    if FormatChecker.check(format, slice) { valid += 1 }
                }
            }
        }
        return valid
    }

    static func run(cache: String, runs: Int) {
        guard let dir = ValidationBench.corpus(cache) else {
            print("formats: no corpus in \(cache)/peers/corpus/ndjson (make bench-peers generates it)")
            return
        }
        let path = dir + "/pubnub.ndjson"
        print("formats: FormatChecker on the strings of \(path), CPU time, median of \(runs) runs × 10 passes")
        guard let (uri, email, host) = extract(path) else { print("formats: cannot read \(path)"); return }
        let passes = 10
        for (name, format, strings) in [("uri", FormatName.uri, uri), ("email", .email, email), ("hostname", .hostname, host)] {
            var valid = 0
            _ = checkAll(format, strings)
            let t = Measure.median(runs) { for _ in 0..<passes { valid = checkAll(format, strings) } }
            let n = strings.count * passes
            let ns = t.cpu * 1e9 / Double(n)
            let mbs = Double(strings.bytes.count * passes) / 1_048_576 / t.cpu
            print("  \(name.padding(toLength: 8, withPad: " ", startingAt: 0)) \(strings.count) strings, \(strings.bytes.count) bytes, \(valid) valid: "
                + String(format: "%.1f ns/string, %.0f MB/s", ns, mbs))
        }
    }
}
