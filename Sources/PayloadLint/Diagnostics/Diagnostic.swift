/// Where a checked value comes from: the request body or one of its parameters.
public enum ValueSource: String, Sendable, Codable, Hashable, CaseIterable {
    case body
    case path
    case query
    case header
}

/// Where, in a rule file, the keyword that produced a finding is written.
public struct RuleLocation: Sendable, Hashable, Codable {
    /// The rule file's path as it was loaded (`rules/pubnub/set-uuid-metadata.yaml`).
    public var file: String
    /// The keyword's path inside the rule file (`body/properties/name/maxLength`).
    public var keywordPath: String
    /// 1-based line and column of the keyword in the rule file (0 when unknown).
    public var line: Int
    public var column: Int

    public init(file: String, keywordPath: String, line: Int = 0, column: Int = 0) {
        self.file = file
        self.keywordPath = keywordPath
        self.line = line
        self.column = column
    }
}

/// One finding about one value of one payload.
///
/// A plain value: reporters render it, callers filter it. Positions are 1-based; `offset` is the
/// 0-based byte offset of the offending value in its input (for NDJSON too: in the whole file,
/// and `line` is the file's line, which is the record's).
public struct Diagnostic: Sendable, Hashable, Codable {
    public var code: DiagnosticCode
    public var severity: Severity
    /// Human text naming the limit and the actual value.
    public var message: String
    /// RFC 6901 pointer of the offending value; for a missing member, the member's own pointer;
    /// for a parameter, `/<name>`.
    public var pointer: String
    /// Body or which kind of parameter.
    public var source: ValueSource
    public var line: Int
    public var column: Int
    public var offset: Int
    /// The keyword that produced it (nil for syntax and encoding errors).
    public var rule: RuleLocation?
    /// The limit and the actual figure, as text (`2048`, `2049`), when the check has them.
    public var limit: String?
    public var actual: String?
    /// The rule set (`pubnub.set-uuid-metadata`) applied, when there was one.
    public var document: String?
    /// The input file (`-` for stdin) and, for NDJSON input, the 1-based record number.
    public var file: String?
    public var record: Int?
    /// A second location that belongs to the finding (the first occurrence of a duplicate key).
    public var related: RelatedLocation?

    public init(
        code: DiagnosticCode, severity: Severity, message: String, pointer: String,
        source: ValueSource = .body, line: Int = 0, column: Int = 0, offset: Int = 0,
        rule: RuleLocation? = nil, limit: String? = nil, actual: String? = nil,
        document: String? = nil, file: String? = nil, record: Int? = nil,
        related: RelatedLocation? = nil
    ) {
        self.code = code
        self.severity = severity
        self.message = message
        self.pointer = pointer
        self.source = source
        self.line = line
        self.column = column
        self.offset = offset
        self.rule = rule
        self.limit = limit
        self.actual = actual
        self.document = document
        self.file = file
        self.record = record
        self.related = related
    }
}

/// A secondary position attached to a diagnostic.
public struct RelatedLocation: Sendable, Hashable, Codable {
    public var message: String
    public var line: Int
    public var column: Int
    public var offset: Int

    public init(message: String, line: Int, column: Int, offset: Int) {
        self.message = message
        self.line = line
        self.column = column
        self.offset = offset
    }
}
