import Yams

/// Text → `YAMLNode`: Yams composes the node graph; this converts it with YAML 1.2 core schema
/// tag resolution, counting every node visited so that alias bombs stop early.
///
/// Example: `maxLength: 0x40` → `.number(64)`, `on: yes` → the string `"yes"` (YAML 1.2: only
/// `true`/`false` are booleans; a warning says so), `x: .inf` → `.nonFinite`, which any place
/// that wants a JSON value rejects.
struct YAMLReader {
    /// Nodes visited while converting one file (aliases count every time they are expanded).
    /// The shipped rule files have about 2,000; 200,000 keeps an alias bomb's expansion under
    /// about 20 MB (it was 1,000,000: 86 MB peak RSS for `rules check` on a billion-laughs file).
    static let maxNodes = 200_000
    /// libyaml's own nesting limit; deeper input is a parse error, reported in these words.
    static let maxNesting = 1000

    let file: String
    private(set) var warnings: [RuleFileError] = []
    private var visited = 0

    init(file: String) {
        self.file = file
    }

    /// Parses `text`; nil for an empty document.
    mutating func read(_ text: String) throws(RuleFileError) -> YAMLNode? {
        guard text.utf8.count <= RulePath.maxFileBytes else {
            throw RuleFileError(file: file, message: "file is larger than \(RulePath.maxFileBytes) bytes")
        }
        if let (line, column) = Self.aliasKeyPosition(text) {
            throw RuleFileError(
                file: file, line: line, column: column,
                message: "`?` complex keys and aliases used as keys are not supported in rule files (with anchors, they can expand exponentially)")
        }
        let root: Node?
        do {
            // `.basic`: tags are resolved here (YAML 1.2 core schema, `resolve`), never by Yams; its
            // `.default` resolver compiled seven NSRegularExpressions on first use, about 3 ms
            // of every run.
            root = try Self.compose(file.hasSuffix(".json") ? Self.joinSurrogatePairs(text) : text)
        } catch {
            throw Self.describe(error, file: file, text: text)
        }
        guard let root else { return nil }
        return try convert(root)
    }

    /// Yams's node graph of `text`, for rule files and configs alike: tags are resolved by the
    /// reader (`.basic`, see `read`), and Yams gets a constructor with no tag maps (it only keeps
    /// it in the nodes' tags; nothing here constructs values through it) and an explicit UTF-8
    /// encoding. Why: the defaults cost a million instructions of every run's start-up, half of
    /// it building the default constructor's maps and half reading the process environment (for
    /// `YAMS_DEFAULT_ENCODING`, which, when set, also made Yams print a line to stdout).
    static func compose(_ text: String) throws -> Node? {
        try Yams.compose(yaml: text, .basic, Constructor([:], [:], [:]), .utf8)
    }

    private mutating func convert(_ node: Node) throws(RuleFileError) -> YAMLNode {
        visited += 1
        let mark = node.mark
        let line = mark?.line ?? 0
        let column = mark?.column ?? 0
        if visited > Self.maxNodes {
            throw RuleFileError(
                file: file, line: line, column: column,
                message: "more than \(Self.maxNodes) YAML nodes after expanding aliases (an alias bomb?)")
        }
        switch node {
        case .scalar(let scalar):
            return YAMLNode(kind: try resolve(scalar, line: line, column: column), line: line, column: column)
        case .sequence(let sequence):
            try checkCollectionTag(sequence.tag.description, allowed: Tag.Name.seq.rawValue, line: line, column: column)
            var items: [YAMLNode] = []
            items.reserveCapacity(sequence.count)
            for item in sequence { items.append(try convert(item)) }
            return YAMLNode(kind: .sequence(items), line: line, column: column)
        case .mapping(let mapping):
            try checkCollectionTag(mapping.tag.description, allowed: Tag.Name.map.rawValue, line: line, column: column)
            var entries: [YAMLEntry] = []
            entries.reserveCapacity(mapping.count)
            for (key, value) in mapping {
                visited += 1
                guard case .scalar(let keyScalar) = key else {
                    throw RuleFileError(
                        file: file, line: key.mark?.line ?? line, column: key.mark?.column ?? column,
                        message: "mapping keys must be plain text, found a \(key.sequence != nil ? "sequence" : "mapping")")
                }
                if keyScalar.string == "<<" && keyScalar.style == .plain {
                    throw RuleFileError(
                        file: file, line: keyScalar.mark?.line ?? line, column: keyScalar.mark?.column ?? column,
                        message: "YAML merge keys (`<<`) are not supported; write the members out or use `allOf`")
                }
                entries.append(YAMLEntry(
                    key: keyScalar.string, line: keyScalar.mark?.line ?? line,
                    column: keyScalar.mark?.column ?? column, value: try convert(value)))
            }
            return YAMLNode(kind: .mapping(entries), line: line, column: column)
        case .alias:
            // Yams resolves aliases while composing; kept for completeness.
            throw RuleFileError(file: file, line: line, column: column, message: "unresolved YAML alias")
        }
    }

    private func checkCollectionTag(_ tag: String, allowed: String, line: Int, column: Int) throws(RuleFileError) {
        guard tag.isEmpty || tag == "!" || tag == allowed else {
            throw RuleFileError(file: file, line: line, column: column, message: "unsupported YAML tag `\(tag)`")
        }
    }

    private mutating func resolve(_ scalar: Node.Scalar, line: Int, column: Int) throws(RuleFileError) -> YAMLNode.Kind {
        let text = scalar.string
        let tag = scalar.tag.description
        switch tag {
        case "":
            guard scalar.style == .plain else { return .string(text) }
            let kind = Self.resolvePlain(text)
            if case .string = kind, Self.yaml11Booleans.contains(text) {
                warnings.append(RuleFileError(
                    file: file, line: line, column: column,
                    message: "`\(text)` is the string \"\(text)\" (YAML 1.2); write true/false for a boolean, or quote it",
                    severity: .warning))
            }
            return kind
        case "!", Tag.Name.str.rawValue:
            return .string(text)
        case Tag.Name.null.rawValue:
            return .null
        case Tag.Name.bool.rawValue:
            switch text.lowercased() {
            case "true", "yes", "on": return .bool(true)
            case "false", "no", "off": return .bool(false)
            default: break
            }
        case Tag.Name.int.rawValue, Tag.Name.float.rawValue:
            switch Self.resolvePlain(text) {
            case .number(let n): return .number(n)
            case .nonFinite(let s): return .nonFinite(s)
            default: break
            }
        default:
            throw RuleFileError(file: file, line: line, column: column, message: "unsupported YAML tag `\(tag)`")
        }
        throw RuleFileError(file: file, line: line, column: column, message: "`\(text)` is not a valid `\(tag)`")
    }

    /// Where a `?` explicit key or an alias used as a key starts, in a text that defines anchors.
    ///
    /// Yams hashes mapping keys to find duplicates before the loader sees them, so an alias bomb in
    /// a key would be expanded there, out of reach of the node count. A lexical scan (quotes and
    /// comments skipped) finds such keys first; texts without `&` and `*` skip it.
    static func aliasKeyPosition(_ text: String) -> (Int, Int)? {
        let bytes = Array(text.utf8)
        guard bytes.contains(UInt8(ascii: "&")), bytes.contains(UInt8(ascii: "*")) else { return nil }
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        func startsToken(_ i: Int) -> Bool {
            i == 0 || isSpace(bytes[i - 1]) || [UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ",")].contains(bytes[i - 1])
        }
        var line = 1
        var lineStart = 0
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x0A {
                line += 1
                lineStart = i + 1
                i += 1
                continue
            }
            if b == UInt8(ascii: "#") && startsToken(i) {
                while i < bytes.count && bytes[i] != 0x0A { i += 1 }
                continue
            }
            if (b == UInt8(ascii: "'") || b == UInt8(ascii: "\"")) && (startsToken(i) || (i > 0 && bytes[i - 1] == UInt8(ascii: ":"))) {
                i += 1
                while i < bytes.count && bytes[i] != b {
                    if b == UInt8(ascii: "\"") && bytes[i] == UInt8(ascii: "\\") { i += 1 }
                    if i < bytes.count && bytes[i] == 0x0A { line += 1; lineStart = i + 1 }
                    i += 1
                }
                i += 1
                continue
            }
            if b == UInt8(ascii: "?") && startsToken(i) && (i + 1 == bytes.count || isSpace(bytes[i + 1])) {
                return (line, String(decoding: bytes[lineStart..<i], as: UTF8.self).unicodeScalars.count + 1)
            }
            if b == UInt8(ascii: "*") && startsToken(i) {
                var j = i + 1
                while j < bytes.count && !isSpace(bytes[j]) && ![UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}")].contains(bytes[j]) {
                    j += 1
                }
                while j < bytes.count && (bytes[j] == 0x20 || bytes[j] == 0x09) { j += 1 }
                if j < bytes.count && bytes[j] == UInt8(ascii: ":") {
                    return (line, String(decoding: bytes[lineStart..<i], as: UTF8.self).unicodeScalars.count + 1)
                }
            }
            i += 1
        }
        return nil
    }

    /// JSON writes characters beyond U+FFFF as UTF-16 escape pairs (`\uD83D\uDCA9`), which YAML
    /// (libyaml) rejects; rewrites each pair as YAML's `\U0001F4A9`. Columns after a pair on the
    /// same line shift left by 2.
    static func joinSurrogatePairs(_ text: String) -> String {
        guard text.contains("\\u") else { return text }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        func hex(_ at: Int) -> UInt32? {
            guard at + 4 <= bytes.count else { return nil }
            return UInt32(String(decoding: bytes[at..<at + 4], as: UTF8.self), radix: 16)
        }
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            guard byte == UInt8(ascii: "\\"), i + 1 < bytes.count else {
                out.append(byte)
                i += 1
                continue
            }
            if bytes[i + 1] == UInt8(ascii: "u"), let high = hex(i + 2), (0xD800...0xDBFF).contains(high),
                i + 7 < bytes.count, bytes[i + 6] == UInt8(ascii: "\\"), bytes[i + 7] == UInt8(ascii: "u"),
                let low = hex(i + 8), (0xDC00...0xDFFF).contains(low)
            {
                let scalar = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                let digits = String(scalar, radix: 16, uppercase: true)
                out.append(contentsOf: Array(("\\U" + String(repeating: "0", count: 8 - digits.count) + digits).utf8))
                i += 12
            } else {
                out.append(byte)
                out.append(bytes[i + 1])
                i += 2
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let yaml11Booleans: Set<String> = [
        "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "y", "Y", "n", "N",
    ]

    /// YAML 1.2 core schema resolution of a plain scalar.
    static func resolvePlain(_ text: String) -> YAMLNode.Kind {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
            ".nan", ".NaN", ".NAN":
            return .nonFinite(text)
        default:
            if let number = YAMLNumber.parse(text) { return .number(number) }
            return .string(text)
        }
    }

    /// A Yams error as a `RuleFileError` at the position libyaml reported.
    static func describe(_ error: any Error, file: String, text: String) -> RuleFileError {
        guard let yamlError = error as? YamlError else {
            return RuleFileError(file: file, line: 1, column: 1, message: "not valid YAML: \(error)")
        }
        func problem(_ context: YamlError.Context?, _ problem: String, _ mark: Mark) -> RuleFileError {
            if problem.contains("Maximum nesting level") {
                return RuleFileError(
                    file: file, line: mark.line, column: mark.column,
                    message: "nesting deeper than \(maxNesting) levels")
            }
            var message = "not valid YAML: \(problem)"
            if let context, !context.text.isEmpty {
                message += " (\(context.text) started at \(context.mark.line):\(context.mark.column))"
            }
            return RuleFileError(file: file, line: mark.line, column: mark.column, message: message)
        }
        switch yamlError {
        case .scanner(let context, let text, let mark, _),
            .parser(let context, let text, let mark, _),
            .composer(let context, let text, let mark, _):
            return problem(context, text, mark)
        case .reader(let readerProblem, let offset, _, _):
            let (line, column) = position(ofUTF8Offset: offset ?? 0, in: text)
            return RuleFileError(file: file, line: line, column: column, message: "not valid YAML: \(readerProblem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = duplicates.map { "`\($0)`" }.joined(separator: ", ")
            return RuleFileError(
                file: file, line: context.mark.line, column: context.mark.column,
                message: "duplicate key \(names) in this mapping")
        default:
            return RuleFileError(file: file, line: 1, column: 1, message: "not valid YAML: \(yamlError)")
        }
    }

    private static func position(ofUTF8Offset offset: Int, in text: String) -> (Int, Int) {
        var line = 1
        var column = 1
        for (index, scalar) in text.unicodeScalars.enumerated() {
            if index >= offset { break }
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }
}
