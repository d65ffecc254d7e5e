/// Which rule documents a linter uses.
public enum RuleSelection: Sendable {
    /// The four APIs' rules shipped inside the library.
    case builtin
    /// Rule files under these folders only.
    case directories([String])
    /// The built-in rules, then these folders (a folder's document replaces a built-in one with the same id).
    case builtinAnd(directories: [String])
    /// These rule files only (each read from its own folder, where its `$ref`s resolve).
    case files([String])
}

/// A problem in a rule file: where it is and what is wrong (`RuleFileError`).
public typealias RuleProblem = RuleFileError

/// Rule files that could not be loaded or compiled.
public struct RuleSetError: Error, Sendable, CustomStringConvertible {
    public var problems: [RuleProblem]
    public init(problems: [RuleProblem]) { self.problems = problems }
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
