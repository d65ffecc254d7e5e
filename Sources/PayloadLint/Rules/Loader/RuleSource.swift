/// Where rule files come from: the file system (restricted to root folders) or memory (built-in rules).
///
/// Paths are relative to the source's root, `/`-separated (`pubnub/set-uuid-metadata.yaml`).
/// A source refuses any path that leads outside its root.
public protocol RuleSource: Sendable {
    /// The text of the file at `path`.
    ///
    /// - Throws: `RuleFileError` naming the file when it is missing, unreadable, too large or
    ///   outside the root.
    func read(_ path: String) throws(RuleFileError) -> String
    /// Every `.yaml`, `.yml` and `.json` file of the source, sorted.
    func list() throws(RuleFileError) -> [String]
    /// How `path` is shown in messages and `RuleLocation.file` (default: `path` itself).
    func displayPath(_ path: String) -> String
}

extension RuleSource {
    public func displayPath(_ path: String) -> String { path }
}

/// Lexical path handling shared by the sources and the loader's `$ref` resolution.
enum RulePath {
    /// Largest rule or schema file read (10 MiB).
    static let maxFileBytes = 10 * 1024 * 1024

    static let extensions = [".yaml", ".yml", ".json"]

    static func isRuleFileName(_ path: String) -> Bool {
        extensions.contains { path.hasSuffix($0) }
    }

    /// `a/./b/../c` → `a/c`; nil when `..` climbs above the start.
    static func normalize(_ path: String) -> String? {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if parts.isEmpty { return nil }
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }

    /// `other.yaml` written in `pubnub/set.yaml` → `pubnub/other.yaml` (nil: outside the root).
    static func resolve(_ reference: String, relativeTo file: String) -> String? {
        if reference.hasPrefix("/") { return normalize(reference) }
        let directory = file.split(separator: "/", omittingEmptySubsequences: false).dropLast()
            .joined(separator: "/")
        return normalize(directory.isEmpty ? reference : directory + "/" + reference)
    }

    static func outside(_ path: String) -> RuleFileError {
        RuleFileError(file: path, message: "`\(path)` refers outside the rules folder")
    }
}
