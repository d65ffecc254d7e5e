import JSONStream

/// What a validation needs besides the payload's bytes.
struct ValidationContext: Sendable {
    /// Request parameters as text, by qualified name (`path.userId`).
    var parameters: [String: String] = [:]
    /// Values of the previous version at the pointers `immutable` rules reach; nil: no previous
    /// version was given, so `immutable` has nothing to compare with.
    var previous: [String: JSONValue]? = nil
    /// The clock for `maxClockSkew` (Unix seconds).
    var now: Int = 0
    /// Prepended to every pointer (a parameter's `/name`).
    var pointerPrefix: String = ""
    var source: ValueSource = .body
    /// Parameters have no line and column.
    var positionless = false
    /// Reading the previous version: record the values `immutable` rules reach, report nothing.
    var captureOnly = false
    /// Diagnostics from this schema tree get this code instead of their own (`propertyNames`).
    var document: String? = nil
    /// Findings below this severity are not built at all (the caller drops them anyway); nil:
    /// every finding is built. See `LintOptions.minimumSeverity`.
    var minimumSeverity: Severity? = nil
    /// Findings kept per payload; past it they are only counted (`ValidationOutput.omitted`).
    var maxDiagnostics: Int? = nil
}

/// What a node's `unique:` rule says, shared by all its claims: one reference per claim
/// instead of six strings and arrays, each retained when a claim is made and released when it
/// is settled (on another thread).
final class UniqueRule: Sendable {
    let scope: String
    /// `scope`'s hash, combined into every claim's (`UniquenessLedger.hash`).
    let scopeHash: Int
    let known: [JSONValue]
    let location: RuleLocation
    let severity: Severity
    let customMessage: String?

    init(scope: String, known: [JSONValue], location: RuleLocation, severity: Severity, customMessage: String?) {
        self.scope = scope
        self.scopeHash = scope.hashValue
        self.known = known
        self.location = location
        self.severity = severity
        self.customMessage = customMessage
    }
}

/// A value that a `unique:` rule wants unique across the payloads linted together.
struct UniqueClaim: Sendable {
    var rule: UniqueRule
    var value: JSONValue
    /// Scope and value hashed where the claim is made (on a worker): the ledger only probes.
    var hash: Int
    /// Where the value is: the finding is built from these only when the value turns out to be
    /// taken (most claims are not, and describing a value costs more than claiming it).
    var pointer: String
    var source: ValueSource
    var position: (offset: Int, line: Int, column: Int)
    /// How messages name the value when it is not the pointer's last segment (a member name);
    /// nil: it is. Decoding the name costs more than the rest of a claim, and is rarely needed.
    var subject: String?
    // No document: the report the claim travels in names it (one string per claim, retained on
    // a worker and released on the ledger's thread, was what settling cost most).
}

/// What validating one payload (or one NDJSON record) produced.
struct ValidationOutput: Sendable {
    var diagnostics: [Diagnostic] = []
    /// Findings past `ValidationContext.maxDiagnostics`: counted, not kept.
    var omitted = 0
    var uniqueClaims: [UniqueClaim] = []
    /// Capture mode: pointer → value.
    var captured: [String: JSONValue] = [:]
    /// NDJSON: the record's line.
    var record: Int? = nil
}
