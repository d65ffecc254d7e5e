/// Rule files held in memory (the built-in rules, tests): path → text.
public struct InMemoryRuleSource: RuleSource {
    public let files: [String: String]

    /// - Parameter files: `/`-separated relative path → file text.
    public init(files: [String: String]) {
        var normalized: [String: String] = [:]
        for (path, text) in files { normalized[RulePath.normalize(path) ?? path] = text }
        self.files = normalized
    }

    public func read(_ path: String) throws(RuleFileError) -> String {
        guard let key = RulePath.normalize(path) else { throw RulePath.outside(path) }
        guard let text = files[key] else {
            throw RuleFileError(file: path, message: "no such rule or schema file `\(path)`")
        }
        guard text.utf8.count <= RulePath.maxFileBytes else {
            throw RuleFileError(file: path, message: "file is larger than \(RulePath.maxFileBytes) bytes")
        }
        return text
    }

    public func list() throws(RuleFileError) -> [String] {
        files.keys.filter(RulePath.isRuleFileName).sorted()
    }
}
