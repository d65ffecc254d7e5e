/// What `RuleLoader` produced: the usable rule documents and every problem found on the way.
///
/// A rule file with at least one error is left out of `documents`; warnings never exclude it.
public struct RuleLoadResult: Sendable {
    public var documents: [RuleDocument]
    public var errors: [RuleFileError]
    public var warnings: [RuleFileError]

    public init(documents: [RuleDocument] = [], errors: [RuleFileError] = [], warnings: [RuleFileError] = []) {
        self.documents = documents
        self.errors = errors
        self.warnings = warnings
    }

    /// True when no rule file had an error.
    public var isSuccess: Bool { errors.isEmpty }
}
