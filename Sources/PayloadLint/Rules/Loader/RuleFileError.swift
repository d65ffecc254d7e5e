/// A problem in a rule file (or in a schema document it `$ref`s), with where it is written.
///
/// `description` reads like a compiler message: `rules/pubnub/set.yaml:12:7: error: message`.
/// Problems that belong to a whole file (unreadable, too large) have `line` and `column` 0 and
/// print as `file: error: message`.
public struct RuleFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file as the rule source displays it.
    public var file: String
    /// 1-based line and column (0 when the problem is the whole file).
    public var line: Int
    public var column: Int
    public var message: String
    /// `.error` makes the rule file unusable; `.warning` does not.
    public var severity: Severity

    public init(file: String, line: Int = 0, column: Int = 0, message: String, severity: Severity = .error) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.severity = severity
    }

    public var description: String {
        let position = line > 0 ? "\(file):\(line):\(column)" : file
        return "\(position): \(severity.rawValue): \(message)"
    }
}
