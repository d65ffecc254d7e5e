import Foundation
import Testing
import PayloadLint

/// Builds a diagnostic the way the validator would report it.
func diag(_ code: DiagnosticCode, _ pointer: String, _ message: String, in source: ValueSource = .body,
          severity: Severity = .error, line: Int = 1, column: Int = 1) -> Diagnostic
{
    Diagnostic(code: code, severity: severity, message: message, pointer: pointer, source: source,
               line: line, column: column, offset: max(0, column - 1))
}

func report(_ style: NativeErrorStyle?, _ diagnostics: [Diagnostic]) -> Report {
    Report(document: nil, file: "payload.json", diagnostics: diagnostics, errorStyle: style)
}

/// Golden files under `Fixtures/native/<style>/<name>.json`: `{"status", "contentType", "body"}`,
/// compared structurally (key order and whitespace do not matter). `PAYLOADLINT_UPDATE_GOLDEN=1`
/// rewrites them from the current output.
enum NativeGolden {
    static var packageRoot: URL {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }  // this file, Native, PayloadLintTests, Tests
        return url
    }

    static var fixtures: URL { packageRoot.appendingPathComponent("Fixtures/native") }

    /// `<package>/../shared/seeds`
    static var seeds: URL { packageRoot.deletingLastPathComponent().appendingPathComponent("shared/seeds") }

    static var updating: Bool { ProcessInfo.processInfo.environment["PAYLOADLINT_UPDATE_GOLDEN"] == "1" }

    /// Parses the body (it must be valid, compact JSON) and returns it.
    @discardableResult
    static func parsedBody(_ response: NativeResponse, sourceLocation: SourceLocation = #_sourceLocation) throws -> Any {
        #expect(!response.body.contains("\n"), "body is not compact", sourceLocation: sourceLocation)
        return try JSONSerialization.jsonObject(with: Data(response.body.utf8))
    }

    static func check(_ response: NativeResponse?, _ style: NativeErrorStyle, _ name: String,
                      sourceLocation: SourceLocation = #_sourceLocation) throws
    {
        let r = try #require(response, "expected an error response", sourceLocation: sourceLocation)
        let body = try parsedBody(r, sourceLocation: sourceLocation)
        let actual: NSDictionary = ["status": r.status, "contentType": r.contentType, "body": body]
        let url = fixtures.appendingPathComponent(style.rawValue).appendingPathComponent(name + ".json")
        if updating {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            var data = try JSONSerialization.data(withJSONObject: actual, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            data.append(0x0A)
            try data.write(to: url)
            return
        }
        guard FileManager.default.fileExists(atPath: url.path) else {
            Issue.record("missing golden file \(url.path); run with PAYLOADLINT_UPDATE_GOLDEN=1", sourceLocation: sourceLocation)
            return
        }
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? NSDictionary
        #expect(expected == actual, "\(style.rawValue)/\(name).json differs; got \(r.status) \(r.body)",
                sourceLocation: sourceLocation)
    }

    /// The seed document's text, nil (test skipped) when the seeds are not beside the package.
    static func seed(_ prefix: String) throws -> String? {
        let dir = seeds
        guard let name = try? FileManager.default.contentsOfDirectory(atPath: dir.path).first(where: { $0.hasPrefix(prefix) }) else {
            print("skipping: seed \(prefix)* not found in \(dir.path)")
            return nil
        }
        return try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
    }

    /// The first balanced `{…}` block after `marker` in `text`.
    static func jsonBlock(in text: String, after marker: String) -> String? {
        guard let m = text.range(of: marker), let start = text[m.upperBound...].firstIndex(of: "{") else { return nil }
        var depth = 0
        var inString = false
        var escaped = false
        var i = start
        while i < text.endIndex {
            let c = text[i]
            if inString {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false }
            } else if c == "\"" {
                inString = true
            } else if c == "{" {
                depth += 1
            } else if c == "}" {
                depth -= 1
                if depth == 0 { return String(text[start...i]) }
            }
            i = text.index(after: i)
        }
        return nil
    }

    /// JSON text without the whitespace outside strings (the seed's examples are pretty-printed).
    static func compact(_ json: String) -> String {
        var out = ""
        var inString = false
        var escaped = false
        for c in json {
            if inString {
                out.append(c)
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false }
            } else if c == "\"" {
                inString = true
                out.append(c)
            } else if !c.isWhitespace {
                out.append(c)
            }
        }
        return out
    }
}

/// The body parsed as a dictionary.
func bodyObject(_ response: NativeResponse?, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
    let r = try #require(response, sourceLocation: sourceLocation)
    return try #require(try NativeGolden.parsedBody(r, sourceLocation: sourceLocation) as? [String: Any], sourceLocation: sourceLocation)
}
