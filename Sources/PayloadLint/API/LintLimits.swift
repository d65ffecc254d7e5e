/// Input limits as a config file (`limits:`) or the command line sets them; nil keeps the value
/// already in `LintOptions` (the defaults, or what an earlier layer set).
///
/// ```yaml
/// limits: { maxDocumentBytes: 64M, maxDepth: 256, maxStringBytes: 1M, maxNumberLength: 100, maxDiagnostics: 200 }
/// ```
/// Sizes take a binary suffix (`K`, `M`, `G`); `0` means no limit for `maxDocumentBytes` and
/// `maxDiagnostics`.
public struct LintLimits: Sendable, Equatable {
    /// Largest payload (NDJSON: record) in bytes → `document_too_large`.
    public var maxDocumentBytes: Int?
    /// Deepest container nesting → `depth_limit`.
    public var maxDepth: Int?
    /// Longest string, in source bytes between the quotes → `string_limit`.
    public var maxStringBytes: Int?
    /// Longest number text → `number_limit`.
    public var maxNumberLength: Int?
    /// Findings kept per payload → `diagnostic_limit` for the rest.
    public var maxDiagnostics: Int?

    /// The names used in config files, in order.
    public static let keys = ["maxDocumentBytes", "maxDepth", "maxStringBytes", "maxNumberLength", "maxDiagnostics"]

    public init(maxDocumentBytes: Int? = nil, maxDepth: Int? = nil, maxStringBytes: Int? = nil,
                maxNumberLength: Int? = nil, maxDiagnostics: Int? = nil)
    {
        self.maxDocumentBytes = maxDocumentBytes
        self.maxDepth = maxDepth
        self.maxStringBytes = maxStringBytes
        self.maxNumberLength = maxNumberLength
        self.maxDiagnostics = maxDiagnostics
    }

    /// These limits with the ones `other` sets replacing them (the command line over the config).
    public func overridden(by other: LintLimits) -> LintLimits {
        LintLimits(maxDocumentBytes: other.maxDocumentBytes ?? maxDocumentBytes, maxDepth: other.maxDepth ?? maxDepth,
                   maxStringBytes: other.maxStringBytes ?? maxStringBytes,
                   maxNumberLength: other.maxNumberLength ?? maxNumberLength,
                   maxDiagnostics: other.maxDiagnostics ?? maxDiagnostics)
    }

    /// Writes the limits that are set into `options`.
    public func apply(to options: inout LintOptions) {
        if let v = maxDocumentBytes { options.reader.maxDocumentBytes = v == 0 ? nil : v }
        if let v = maxDepth { options.reader.maxDepth = v }
        if let v = maxStringBytes { options.reader.maxStringBytes = v }
        if let v = maxNumberLength { options.reader.maxNumberLength = v }
        if let v = maxDiagnostics { options.maxDiagnosticsPerPayload = v == 0 ? nil : v }
    }

    /// Sets the limit named `key` (one of `keys`) from its text; returns an error message when the
    /// key is unknown or the value is not a size.
    public mutating func set(_ key: String, _ text: String) -> String? {
        guard let value = LintLimits.parseSize(text) else {
            return "\(key) must be a whole number, optionally with K, M or G (binary units): found \"\(text)\""
        }
        let zeroAllowed = key == "maxDocumentBytes" || key == "maxDiagnostics"
        if value == 0 && !zeroAllowed { return "\(key) must be at least 1" }
        switch key {
        case "maxDocumentBytes": maxDocumentBytes = value
        case "maxDepth": maxDepth = value
        case "maxStringBytes": maxStringBytes = value
        case "maxNumberLength": maxNumberLength = value
        case "maxDiagnostics": maxDiagnostics = value
        default: return "unknown limit \"\(key)\" (\(LintLimits.keys.joined(separator: ", ")))"
        }
        return nil
    }

    /// `1000`, `64K`, `16M`, `1G` (binary multiples; a trailing `B`/`iB` is accepted) → the number;
    /// nil for anything else, negative values and overflows.
    public static func parseSize(_ text: String) -> Int? {
        var t = Substring(text)
        while t.first == " " { t = t.dropFirst() }
        while t.last == " " { t = t.dropLast() }
        if t.hasSuffix("iB") { t = t.dropLast(2) } else if t.count > 1, t.last == "B" || t.last == "b" {
            if let c = t.dropLast().last, "KMGkmg".contains(c) { t = t.dropLast() }
        }
        var shift = 0
        switch t.last {
        case "K", "k": shift = 10
        case "M", "m": shift = 20
        case "G", "g": shift = 30
        default: break
        }
        if shift > 0 { t = t.dropLast() }
        guard !t.isEmpty, t.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(t) else { return nil }
        let (v, overflow) = n.multipliedReportingOverflow(by: 1 << shift)
        return overflow ? nil : v
    }
}
