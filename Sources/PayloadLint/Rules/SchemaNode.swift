/// Index of a schema node in its `RuleDocument.nodes` table.
///
/// Schemas refer to each other by index, so `$ref` cycles (recursive schemas) are plain data.
public typealias SchemaID = Int

/// JSON Schema's type names.
public enum JSONType: String, Sendable, CaseIterable {
    case null, boolean, object, array, number, string, integer
}

/// What members that no schema describes get (`unknownProperties`).
public enum UnknownPropertyPolicy: String, Sendable {
    case ignore, warn, error
}

/// `immutable: always | once-set`.
public enum ImmutableMode: String, Sendable {
    /// The value must equal the previous version's value (absent stays absent).
    case always
    /// Only once the previous value is set and non-empty.
    case onceSet = "once-set"
}

/// `unique: <scope>` (plus `uniqueKnown: [...]`, values already taken).
public struct UniqueSpec: Sendable {
    public var scope: String
    public var known: [JSONValue]

    public init(scope: String, known: [JSONValue] = []) {
        self.scope = scope
        self.known = known
    }
}

/// One schema of a rule file, as loaded: JSON Schema 2020-12 keywords plus payloadlint's
/// extensions (DESIGN.md, "Rule files"). Subschemas are `SchemaID`s into the document's table.
///
/// Produced by `RuleLoader`; turned into the validator's program by `RuleCompiler`.
public struct SchemaNode: Sendable {
    /// Where the schema is written (`keywordPath` like `body/properties/name`).
    public var location: RuleLocation
    /// `true` / `false` schemas.
    public var boolean: Bool?
    /// Node-wide overrides for every keyword below that has none of its own.
    public var severity: Severity?
    public var message: String?

    // Any instance
    public var types: Keyword<[JSONType]>?
    public var enumValues: Keyword<[JSONValue]>?
    public var const: Keyword<JSONValue>?

    // Strings
    public var minLength: Keyword<Int>?
    public var maxLength: Keyword<Int>?
    /// UTF-8 byte length of a string; compact JSON text length of other values.
    public var minBytes: Keyword<Int>?
    public var maxBytes: Keyword<Int>?
    public var pattern: Keyword<String>?
    public var format: Keyword<String>?
    public var notBlank: Keyword<Bool>?
    public var forbidden: Keyword<[String]>?
    public var forbidControl: Keyword<Bool>?
    /// Header parameters: the media type a `Content-Type` must name / an `Accept` must allow.
    public var mediaType: Keyword<String>?
    public var accepts: Keyword<String>?

    // Numbers
    public var minimum: Keyword<JSONNumber>?
    public var maximum: Keyword<JSONNumber>?
    public var exclusiveMinimum: Keyword<JSONNumber>?
    public var exclusiveMaximum: Keyword<JSONNumber>?
    public var multipleOf: Keyword<JSONNumber>?
    /// A Unix timestamp (seconds) must be within this many seconds of the clock.
    public var maxClockSkew: Keyword<Int>?

    // Objects
    public var properties: Keyword<[(name: String, schema: SchemaID)]>?
    public var patternProperties: Keyword<[(pattern: String, schema: SchemaID)]>?
    public var additionalProperties: Keyword<SchemaID>?
    public var propertyNames: Keyword<SchemaID>?
    public var required: Keyword<[String]>?
    public var dependentRequired: Keyword<[(name: String, requires: [String])]>?
    public var dependentSchemas: Keyword<[(name: String, schema: SchemaID)]>?
    public var minProperties: Keyword<Int>?
    public var maxProperties: Keyword<Int>?
    public var unknownProperties: Keyword<UnknownPropertyPolicy>?
    /// Distinct member paths below this node, nested ones included.
    public var maxPropertyPaths: Keyword<Int>?
    /// Length (characters) of the separator-joined member names from this node down.
    public var maxKeyPathLength: Keyword<Int>?
    public var keyPathSeparator: String = "."
    /// Members the API clears when they are absent (an info diagnostic names each one).
    public var clearedIfAbsent: Keyword<[String]>?

    // Arrays
    public var prefixItems: Keyword<[SchemaID]>?
    public var items: Keyword<SchemaID>?
    public var contains: Keyword<SchemaID>?
    public var minContains: Keyword<Int>?
    public var maxContains: Keyword<Int>?
    public var minItems: Keyword<Int>?
    public var maxItems: Keyword<Int>?
    public var uniqueItems: Keyword<Bool>?

    // Applicators
    public var allOf: Keyword<[SchemaID]>?
    public var anyOf: Keyword<[SchemaID]>?
    public var oneOf: Keyword<[SchemaID]>?
    public var not: Keyword<SchemaID>?
    public var ifSchema: Keyword<SchemaID>?
    public var thenSchema: Keyword<SchemaID>?
    public var elseSchema: Keyword<SchemaID>?
    /// `$ref`, resolved by the loader.
    public var ref: Keyword<SchemaID>?

    // Extensions
    public var maxDepth: Keyword<Int>?
    public var immutable: Keyword<ImmutableMode>?
    public var unique: Keyword<UniqueSpec>?
    /// The value must equal a request parameter (`path.userId`).
    public var equals: Keyword<String>?

    public init(location: RuleLocation) {
        self.location = location
    }
}
