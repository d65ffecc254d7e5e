/// How the API renders its own error responses (`errors:` in a rule file).
public enum NativeErrorStyle: String, Sendable, CaseIterable {
    case fullstory
    case pubnub
    case googleRPC = "google-rpc"
    case jsonapi
}

/// A request parameter the operation takes.
public struct ParameterSpec: Sendable {
    public var source: ValueSource
    public var name: String
    public var schema: SchemaID
    public var required: Bool
    public var location: RuleLocation

    public init(source: ValueSource, name: String, schema: SchemaID, required: Bool, location: RuleLocation) {
        self.source = source
        self.name = name
        self.schema = schema
        self.required = required
        self.location = location
    }

    /// `path.uuid`, `query.include`, `header.Content-Type`.
    public var qualifiedName: String { "\(source.rawValue).\(name)" }
}

/// One expected finding of a rule file example.
public struct ExpectedFinding: Sendable, Hashable {
    public var code: DiagnosticCode
    public var pointer: String
    public var source: ValueSource?
    public var severity: Severity?

    public init(code: DiagnosticCode, pointer: String, source: ValueSource? = nil, severity: Severity? = nil) {
        self.code = code
        self.pointer = pointer
        self.source = source
        self.severity = severity
    }
}

/// `examples: {valid: [...], invalid: [...]}` of a rule file: run by one generic test.
public struct RuleExample: Sendable {
    public var name: String
    public var isValid: Bool
    /// nil: the request has no body.
    public var body: JSONValue?
    /// `path.uuid` → text, as on the command line.
    public var parameters: [String: String]
    public var previous: JSONValue?
    public var expect: [ExpectedFinding]
    public var location: RuleLocation

    public init(name: String, isValid: Bool, body: JSONValue?, parameters: [String: String] = [:],
                previous: JSONValue? = nil, expect: [ExpectedFinding] = [], location: RuleLocation)
    {
        self.name = name
        self.isValid = isValid
        self.body = body
        self.parameters = parameters
        self.previous = previous
        self.expect = expect
        self.location = location
    }
}

/// Document-wide limits (`limits:` in a rule file).
public struct DocumentLimits: Sendable {
    public var maxDepth: Keyword<Int>?
    public var maxBytes: Keyword<Int>?

    public init(maxDepth: Keyword<Int>? = nil, maxBytes: Keyword<Int>? = nil) {
        self.maxDepth = maxDepth
        self.maxBytes = maxBytes
    }
}

/// One API operation's rules, as loaded from `rules/<vendor>/<operation>.yaml`.
public struct RuleDocument: Sendable {
    /// Stable id used by `--document` and configs (`pubnub.set-uuid-metadata`).
    public var id: String
    public var title: String?
    public var source: String?
    public var method: String?
    public var path: String?
    public var errors: NativeErrorStyle?
    public var parameters: [ParameterSpec]
    /// `parameterRules: {dependentRequired: {"query.signature": ["query.timestamp"]}}`.
    public var parameterDependencies: Keyword<[(name: String, requires: [String])]>?
    public var body: SchemaID?
    public var bodyRequired: Bool
    public var limits: DocumentLimits
    public var examples: [RuleExample]
    /// The rule file's path as loaded.
    public var file: String
    /// Every schema of the document (its own, its `$defs`, and those of `$ref`ed files).
    public var nodes: [SchemaNode]

    public init(id: String, file: String) {
        self.id = id
        self.file = file
        self.parameters = []
        self.bodyRequired = true
        self.limits = DocumentLimits()
        self.examples = []
        self.nodes = []
    }
}
