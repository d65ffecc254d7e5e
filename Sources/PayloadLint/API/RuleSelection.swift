/// Which rule documents a linter uses.
public enum RuleSelection: Sendable {
    /// The four APIs' rules shipped inside the library.
    case builtin
    /// Rule files under these folders only.
    case directories([String])
    /// The built-in rules, then these folders (a folder's document replaces a built-in one with the same id).
    case builtinAnd(directories: [String])
}

/// A problem in a rule file: where it is and what is wrong.
public struct RuleProblem: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String
    public var severity: Severity

    public init(file: String, line: Int, column: Int, message: String, severity: Severity) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.severity = severity
    }

    /// `rules/x.yaml:12:5: error: unknown keyword …`
    public var description: String { "\(file):\(line):\(column): \(severity.rawValue): \(message)" }
}

/// Rule files that could not be loaded or compiled.
public struct RuleSetError: Error, Sendable, CustomStringConvertible {
    public var problems: [RuleProblem]
    public init(problems: [RuleProblem]) { self.problems = problems }
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
