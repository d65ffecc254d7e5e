import Foundation
import Yams

/// `.payloadlint.yaml`: which rule set applies to which files, extra rule folders, severity
/// overrides and excluded files. Found by walking up from the current folder.
///
/// ```yaml
/// rules: [rules/local]                     # extra rule folders (relative to this file)
/// exclude: ["fixtures/broken/**"]          # added to the default excludes
/// defaultExcludes: true                    # *.expect.json, *.params.json, *.expected.*
/// documents:                               # first matching glob wins
///   "payloads/pubnub/**": pubnub.set-uuid-metadata
///   "payloads/pace/*.json": pace.update-user
/// severity:                                # every matching glob applies, in order
///   "payloads/legacy/**": { unknown_property: off, too_long: warning }
///   "**": { cleared_field: off }
/// limits:                                  # input limits (see `LintLimits`); flags override
///   { maxDocumentBytes: 64M, maxDepth: 256, maxStringBytes: 1M, maxNumberLength: 100, maxDiagnostics: 200 }
/// ```
public struct LintConfig: Sendable {
    /// The default `exclude` list (fixture sidecars and expected outputs).
    public static let defaultExcludes = ["*.expect.json", "*.params.json", "*.expected.*"]
    /// File names looked for, in order.
    public static let fileNames = [".payloadlint.yaml", ".payloadlint.yml"]

    /// Absolute folder of the config file (globs are relative to it); the cwd when there is none.
    public var directory: String
    /// The config file's path, nil for the defaults.
    public var file: String?
    /// Absolute rule folders.
    public var ruleDirectories: [String] = []
    public var excludes: [Glob] = LintConfig.defaultExcludes.map(Glob.init)
    public var documents: [(glob: Glob, document: String)] = []
    /// nil severity: `off` (the finding is dropped).
    public var severities: [(glob: Glob, overrides: [(code: String, severity: Severity?)])] = []
    /// Input limits (`limits:`); unset ones keep the defaults.
    public var limits = LintLimits()
    /// Where relative input paths start: the working directory when the configuration was made
    /// (read once rather than for every input file).
    public var workingDirectory = FileManager.default.currentDirectoryPath

    /// The defaults, relative to `directory`.
    public init(directory: String) {
        self.directory = directory
    }

    /// A config file that could not be read or understood.
    public struct ConfigError: Error, Sendable, CustomStringConvertible {
        public var file: String
        public var line: Int
        public var column: Int
        public var message: String
        public var description: String {
            line > 0 ? "\(file):\(line):\(column): error: \(message)" : "\(file): error: \(message)"
        }
    }

    /// The nearest `.payloadlint.yaml` from `start` upward, parsed; the defaults when there is none.
    public static func discover(from start: String) throws(ConfigError) -> LintConfig {
        var dir = URL(fileURLWithPath: start).standardizedFileURL.path
        while true {
            for name in fileNames {
                let candidate = dir == "/" ? "/" + name : dir + "/" + name
                if FileManager.default.fileExists(atPath: candidate) { return try load(candidate) }
            }
            if dir == "/" || dir.isEmpty { break }
            dir = (dir as NSString).deletingLastPathComponent
        }
        return LintConfig(directory: URL(fileURLWithPath: start).standardizedFileURL.path)
    }

    /// Parses a config file.
    public static func load(_ path: String) throws(ConfigError) -> LintConfig {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ConfigError(file: path, line: 0, column: 0, message: "cannot read the config file")
        }
        return try parse(String(decoding: data, as: UTF8.self), file: path,
                         directory: url.deletingLastPathComponent().path)
    }

    /// Parses config text; relative paths are relative to `directory`.
    public static func parse(_ text: String, file: String, directory: String) throws(ConfigError) -> LintConfig {
        var config = LintConfig(directory: directory)
        config.file = file
        func fail(_ node: Node?, _ message: String) -> ConfigError {
            ConfigError(file: file, line: node?.mark?.line ?? 0, column: node?.mark?.column ?? 0, message: message)
        }
        let root: Node?
        do { root = try YAMLReader.compose(text) } catch {
            throw ConfigError(file: file, line: 0, column: 0, message: "not valid YAML: \(error)")
        }
        guard let root else { return config }
        guard let map = root.mapping else { throw fail(root, "the config must be a mapping") }
        func strings(_ node: Node, _ key: String) throws(ConfigError) -> [String] {
            if let s = node.scalar?.string { return [s] }
            guard let seq = node.sequence else { throw fail(node, "\(key) must be a list of strings") }
            var out: [String] = []
            for item in seq {
                guard let s = item.scalar?.string else { throw fail(item, "\(key) must be a list of strings") }
                out.append(s)
            }
            return out
        }
        var extraExcludes: [String] = []
        var useDefaults = true
        for (keyNode, value) in map {
            let key = keyNode.scalar?.string ?? ""
            switch key {
            case "rules":
                config.ruleDirectories = try strings(value, key).map {
                    $0.hasPrefix("/") ? $0 : URL(fileURLWithPath: $0, relativeTo: URL(fileURLWithPath: directory + "/")).standardizedFileURL.path
                }
            case "exclude":
                extraExcludes = try strings(value, key)
            case "defaultExcludes":
                guard let b = value.bool else { throw fail(value, "defaultExcludes must be true or false") }
                useDefaults = b
            case "documents":
                guard let m = value.mapping else { throw fail(value, "documents must map globs to document ids") }
                for (g, d) in m {
                    guard let glob = g.scalar?.string, let id = d.scalar?.string else {
                        throw fail(d, "documents must map globs to document ids")
                    }
                    config.documents.append((Glob(glob), id))
                }
            case "severity":
                guard let m = value.mapping else { throw fail(value, "severity must map globs to {code: level}") }
                for (g, o) in m {
                    guard let glob = g.scalar?.string, let om = o.mapping else {
                        throw fail(o, "severity must map globs to {code: level}")
                    }
                    var overrides: [(code: String, severity: Severity?)] = []
                    for (c, l) in om {
                        guard let code = c.scalar?.string, let level = l.scalar?.string else {
                            throw fail(l, "severity overrides are code: error|warning|info|off")
                        }
                        if CodeExplanation.lookup(code) == nil && code != "*" {
                            throw fail(c, "unknown diagnostic code \"\(code)\" (see payloadlint explain)")
                        }
                        if level == "off" || level == "false" { overrides.append((code, nil)); continue }
                        guard let s = Severity(rawValue: level) else {
                            throw fail(l, "unknown severity \"\(level)\" (error, warning, info or off)")
                        }
                        overrides.append((code, s))
                    }
                    config.severities.append((Glob(glob), overrides))
                }
            case "limits":
                guard let m = value.mapping else {
                    throw fail(value, "limits must be a mapping {\(LintLimits.keys.joined(separator: ", "))}")
                }
                for (k, v) in m {
                    guard let name = k.scalar?.string, let text = v.scalar?.string else {
                        throw fail(v, "limits must map a limit name to a number")
                    }
                    if let problem = config.limits.set(name, text) { throw fail(LintLimits.keys.contains(name) ? v : k, problem) }
                }
            default:
                throw fail(keyNode, "unknown key \"\(key)\" (rules, exclude, defaultExcludes, documents, severity, limits)")
            }
        }
        config.excludes = ((useDefaults ? defaultExcludes : []) + extraExcludes).map(Glob.init)
        return config
    }

    /// `path` relative to the config folder (`/`-separated); the path itself when it lies outside.
    public func relativePath(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : workingDirectory + "/" + path
        let standardized = LintConfig.standardize(absolute)
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        if standardized.hasPrefix(prefix) { return String(standardized.dropFirst(prefix.count)) }
        return standardized
    }

    /// An absolute path with `.`, `..` and repeated slashes resolved lexically, like
    /// `URL.standardizedFileURL.path` (which resolves no symbolic links either), without
    /// building a URL for every input file.
    static func standardize(_ absolute: String) -> String {
        // On UTF-8 bytes: splitting a `String` walks grapheme clusters.
        var out: [UInt8] = []
        out.reserveCapacity(absolute.utf8.count)
        var starts: [Int] = []  // where each kept component's "/" is in `out`
        let bytes = Array(absolute.utf8)
        var i = 0
        while i < bytes.count {
            while i < bytes.count && bytes[i] == UInt8(ascii: "/") { i += 1 }
            var j = i
            while j < bytes.count && bytes[j] != UInt8(ascii: "/") { j += 1 }
            let length = j - i
            if length == 0 { break }
            if length == 1 && bytes[i] == UInt8(ascii: ".") {
                // "." adds nothing
            } else if length == 2 && bytes[i] == UInt8(ascii: ".") && bytes[i + 1] == UInt8(ascii: ".") {
                if let start = starts.popLast() { out.removeSubrange(start...) }
            } else {
                starts.append(out.count)
                out.append(UInt8(ascii: "/"))
                out.append(contentsOf: bytes[i..<j])
            }
            i = j
        }
        return out.isEmpty ? "/" : String(decoding: out, as: UTF8.self)
    }

    public func isExcluded(_ path: String) -> Bool {
        guard !excludes.isEmpty else { return false }
        let rel = relativePath(path)
        return excludes.contains { $0.matches(rel) }
    }

    /// The first `documents` glob that matches.
    public func document(for path: String) -> String? {
        guard !documents.isEmpty else { return nil }
        let rel = relativePath(path)
        return documents.first { $0.glob.matches(rel) }?.document
    }

    /// Severity overrides for a file: code (or `*`) → severity, nil meaning off; later globs win.
    public func severityOverrides(for path: String) -> [String: Severity?] {
        guard !severities.isEmpty else { return [:] }
        let rel = relativePath(path)
        var out: [String: Severity?] = [:]
        for entry in severities where entry.glob.matches(rel) {
            for o in entry.overrides { out[o.code] = .some(o.severity) }
        }
        return out
    }
}
