/// A keyword's value in a rule file, with where it is written and its own overrides.
///
/// Every keyword may take a long form in the rule file, `{value: 64, severity: warning,
/// message: "…"}`, which overrides the node's `severity`/`message` for that keyword alone.
public struct Keyword<Value: Sendable>: Sendable {
    public var value: Value
    public var location: RuleLocation
    public var severity: Severity?
    public var message: String?

    public init(_ value: Value, at location: RuleLocation, severity: Severity? = nil, message: String? = nil) {
        self.value = value
        self.location = location
        self.severity = severity
        self.message = message
    }
}
