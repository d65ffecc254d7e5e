// libFuzzer target: the rule-file loader and compiler, then a few payloads through what loaded.
//
// The input is a rule file; a line `---8<---` splits off a second file, `schema.yaml`, beside it
// (for `$ref`s). Both are loaded from memory (`InMemoryRuleSource`) and from a real folder
// (`DirectoryRuleSource`, where `$ref`s that leave the folder must be refused); a rule file that
// compiles lints a handful of payloads.
//
// Oracles: no trap, no sanitizer report, no hang, bounded memory (libFuzzer's -rss_limit_mb);
// the in-memory and the folder loads agree on whether the rule file loads.
//
// Built by `make fuzz` with `-sanitize=fuzzer,address -DFUZZING`; without `FUZZING` it runs the
// files given as arguments (`swift run FuzzRules crash-…`).
import PayloadLint
import FuzzSupport

#if canImport(Glibc)
import Glibc
#endif

/// A private folder for the folder-based load (inside it a `rules/` folder, so that `../` has
/// somewhere to go that is outside the rules folder).
let folder: String = {
    var template = Array("/tmp/payloadlint-fuzz-rules-XXXXXX".utf8CString)
    guard let p = mkdtemp(&template) else { fatalError("mkdtemp failed") }
    let dir = String(cString: p)
    mkdir(dir + "/rules", 0o700)
    let secret = fopen(dir + "/outside.yaml", "w")
    fputs("type: string\n", secret)
    fclose(secret)
    return dir + "/rules"
}()

let payloads: [String] = [
    "{}", "[]", "null", "0", "\"\"",
    #"{"a": "x", "b": [1, 2.5, -3], "c": {"d": null, "e": true}, "id": "abc"}"#,
    #"{"data": {"type": "User", "id": "u-1", "attributes": {"email": "a@b.co"}}}"#,
    #""aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!""#,
    #"[[[[[[[[[[[[[[[[[[[[["x"]]]]]]]]]]]]]]]]]]]]]"#,
]

func write(_ path: String, _ bytes: ArraySlice<UInt8>) {
    guard let f = fopen(path, "w") else { fatalError("cannot write \(path)") }
    _ = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, f) }
    fclose(f)
}

func check(_ input: UnsafeRawBufferPointer) {
    let bytes = Array(input)
    let separator = Array("\n---8<---\n".utf8)
    var rule = bytes[...]
    var schema: ArraySlice<UInt8>? = nil
    if let at = firstIndex(of: separator, in: bytes) {
        rule = bytes[..<at]
        schema = bytes[(at + separator.count)...]
    }
    var files = ["rule.yaml": String(decoding: rule, as: UTF8.self)]
    if let schema { files["schema.yaml"] = String(decoding: schema, as: UTF8.self) }
    let memory = RuleLoader.load(from: InMemoryRuleSource(files: files))
    for d in memory.documents { _ = d.id }

    write(folder + "/rule.yaml", rule)
    if let schema { write(folder + "/schema.yaml", schema) } else { unlink(folder + "/schema.yaml") }
    let loaded = RuleLoader.load(file: "rule.yaml", from: DirectoryRuleSource(root: folder))
    for e in loaded.errors + loaded.warnings { _ = e.description }
    // A rule file that is not UTF-8 is refused from a folder; from memory it was decoded with
    // replacement characters. Otherwise both must agree.
    var utf8 = true
    var it = rule.makeIterator()
    var decoder = UTF8()
    loop: while true {
        switch decoder.decode(&it) {
        case .scalarValue: continue
        case .emptyInput: break loop
        case .error: utf8 = false; break loop
        }
    }
    if utf8 && !memory.documents.isEmpty {
        precondition(!loaded.documents.isEmpty || !loaded.errors.isEmpty, "folder load lost a rule file silently")
    }
    guard !loaded.documents.isEmpty else { return }
    var options = LintOptions()
    options.now = 1_700_000_000
    guard let linter = try? PayloadLinter(rules: .files([folder + "/rule.yaml"]), options: options) else { return }
    for id in linter.documentIDs {
        for p in payloads {
            guard let report = try? linter.lint(p, document: id, parameters: ["path.id": "x", "query.q": "1,2"]) else {
                fatalError("lint threw for a known document")
            }
            _ = report.nativeResponse()
        }
    }
}

func firstIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
    guard haystack.count >= needle.count else { return nil }
    for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] {
        if Array(haystack[i..<(i + needle.count)]) == needle { return i }
    }
    return nil
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRules(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard size <= 1 << 16 else { return 0 }
    check(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}

@main
enum FuzzRulesMain {
    static func main() { FuzzDriver.main(fuzzRules) }
}
