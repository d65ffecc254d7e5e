import Foundation

/// Rule files in a folder. Paths are relative to `root`; a path that leads outside it (through
/// `..` or a symbolic link) is refused.
public struct DirectoryRuleSource: RuleSource {
    /// The folder as given (used for display).
    public let root: String

    public init(root: String) {
        self.root = root
    }

    public func displayPath(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        return root.hasSuffix("/") ? root + path : root + "/" + path
    }

    public func read(_ path: String) throws(RuleFileError) -> String {
        let shown = displayPath(path)
        let rootReal = try realRoot()
        let candidate = path.hasPrefix("/") ? path : rootReal + "/" + path
        guard let real = Self.realPath(candidate) else {
            // Missing: say whether it would even be inside the folder.
            let lexical = URL(fileURLWithPath: candidate).standardizedFileURL.path
            if !Self.isInside(lexical, rootReal) { throw RulePath.outside(shown) }
            throw RuleFileError(file: shown, message: "no such rule or schema file `\(shown)`")
        }
        guard Self.isInside(real, rootReal) else { throw RulePath.outside(shown) }
        let size = (try? FileManager.default.attributesOfItem(atPath: real)[.size] as? NSNumber)?.intValue ?? 0
        guard size <= RulePath.maxFileBytes else {
            throw RuleFileError(file: shown, message: "file is larger than \(RulePath.maxFileBytes) bytes (\(size))")
        }
        guard let data = FileManager.default.contents(atPath: real) else {
            throw RuleFileError(file: shown, message: "cannot read the file")
        }
        guard data.count <= RulePath.maxFileBytes else {
            throw RuleFileError(file: shown, message: "file is larger than \(RulePath.maxFileBytes) bytes")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw RuleFileError(file: shown, message: "the file is not valid UTF-8")
        }
        return text
    }

    public func list() throws(RuleFileError) -> [String] {
        let rootReal = try realRoot()
        guard let enumerator = FileManager.default.enumerator(atPath: rootReal) else {
            throw RuleFileError(file: root, message: "cannot list the rules folder")
        }
        var paths: [String] = []
        while let next = enumerator.nextObject() as? String {
            let hidden = next.split(separator: "/").contains { $0.hasPrefix(".") }
            if !hidden && RulePath.isRuleFileName(next) { paths.append(next) }
        }
        return paths.sorted()
    }

    private func realRoot() throws(RuleFileError) -> String {
        guard let real = Self.realPath(root) else {
            throw RuleFileError(file: root, message: "no such rules folder")
        }
        return real
    }

    private static func isInside(_ path: String, _ root: String) -> Bool {
        if root == "/" { return true }
        return path == root || path.hasPrefix(root + "/")
    }

    /// The canonical absolute path (symbolic links and `..` resolved); nil when it does not exist.
    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
