import Foundation
import PayloadLint

/// One input to lint: a file or stdin, with what applies to it.
struct InputUnit: Sendable {
    /// The name shown in reports (`-` for stdin).
    var name: String
    /// nil: stdin.
    var path: String?
    var ndjson: Bool
    var document: String?
    /// nil: the request's parameters are unknown (a bare body file) and are not checked.
    var parameters: [String: String]?
    /// Where the previous version comes from.
    var previous: PreviousSource
    /// code (or `*`) → severity; nil severity drops the finding.
    var severityOverrides: [String: Severity?]

    enum PreviousSource: Sendable {
        case none
        case file(String)
        /// `git show REV:./name` run in the file's folder.
        case git(revision: String)
    }
}

/// `<name>.params.json` beside an input: `{"document", "params", "previous"}`.
struct Sidecar {
    var document: String?
    /// nil when the sidecar has no `params` (then the request's parameters are unknown).
    var parameters: [String: String]? = nil
    /// Resolved against the sidecar's folder.
    var previous: String?

    /// The sidecar path of an input file (`a/b.json` → `a/b.params.json`).
    static func path(for input: String) -> String {
        // On UTF-8 bytes: URL and NSString path operations cost ~90k instructions per input,
        // more than linting a small file.
        let (folder, stem, _) = PathParts.split(input)
        return folder + stem + ".params.json"
    }

    /// nil when there is no sidecar; throws a message when it is not usable.
    static func load(for input: String) throws(InputError) -> Sidecar? {
        let path = path(for: input)
        guard path != input, FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError("\(path): cannot read the sidecar file")
        }
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data) } catch {
            throw InputError("\(path): the sidecar is not valid JSON")
        }
        guard let dict = object as? [String: Any] else { throw InputError("\(path): the sidecar must be a JSON object") }
        var sidecar = Sidecar()
        for (key, value) in dict {
            switch key {
            case "document":
                guard let s = value as? String else { throw InputError("\(path): \"document\" must be a string") }
                sidecar.document = s
            case "params", "parameters":
                guard let p = value as? [String: Any] else { throw InputError("\(path): \"params\" must be an object") }
                sidecar.parameters = sidecar.parameters ?? [:]
                for (name, v) in p {
                    switch v {
                    case let s as String: sidecar.parameters?[name] = s
                    case let n as NSNumber: sidecar.parameters?[name] = n.stringValue
                    case let a as [Any]: sidecar.parameters?[name] = a.map { "\($0)" }.joined(separator: ",")
                    default: throw InputError("\(path): parameter \"\(name)\" must be text")
                    }
                }
            case "previous":
                guard let s = value as? String else { throw InputError("\(path): \"previous\" must be a path") }
                let dir = (path as NSString).deletingLastPathComponent
                sidecar.previous = s.hasPrefix("/") || dir.isEmpty ? s : dir + "/" + s
            default:
                break  // other keys belong to the fixture harness (expectations, notes)
            }
        }
        return sidecar
    }
}

struct InputError: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}

/// Expands the command line's paths into files, in a stable order.
struct InputCollector {
    var config: LintConfig
    static let extensions: Set<String> = ["json", "ndjson", "jsonl"]

    /// Files and stdin markers (`-`) in order; errors for paths that do not exist.
    func collect(_ paths: [String]) -> (files: [String], errors: [String]) {
        var files: [String] = []
        var errors: [String] = []
        var seen: Set<String> = []
        let fm = FileManager.default
        for path in paths {
            if path == "-" { files.append("-"); continue }
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                errors.append("\(path): no such file or directory")
                continue
            }
            if isDir.boolValue {
                for f in walk(path) where seen.insert(f).inserted { files.append(f) }
            } else if !config.isExcluded(path), seen.insert(path).inserted {
                files.append(path)
            }
        }
        return (files, errors)
    }

    /// Payload files under a folder (recursive; hidden folders skipped; sorted).
    func walk(_ dir: String) -> [String] {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: dir) else { return [] }
        var out: [String] = []
        let base = dir.hasSuffix("/") ? dir : dir + "/"
        for name in names.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) where !name.hasPrefix(".") {
            let path = base + name
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else { continue }
            if isDir.boolValue {
                out += walk(path)
            } else if InputCollector.extensions.contains(PathParts.split(name).extension.lowercased()),
                      !config.isExcluded(path)
            {
                out.append(path)
            }
        }
        return out
    }
}

/// A file path's folder (with its trailing slash, "" for none), stem and extension ("" for none),
/// split on its UTF-8 bytes. Like `URL`'s path components for file paths: a leading dot (`.env`)
/// does not start an extension, nor does a trailing one (`b.`).
enum PathParts {
    static func split(_ path: String) -> (folder: String, stem: String, extension: String) {
        let bytes = Array(path.utf8)
        var end = bytes.count
        while end > 1 && bytes[end - 1] == UInt8(ascii: "/") { end -= 1 }
        let nameStart = bytes[..<end].lastIndex(of: UInt8(ascii: "/")).map { $0 + 1 } ?? 0
        var stemEnd = end
        if let dot = bytes[nameStart..<end].lastIndex(of: UInt8(ascii: ".")), dot > nameStart, dot < end - 1 { stemEnd = dot }
        let folder = String(decoding: bytes[..<nameStart], as: UTF8.self)
        let stem = String(decoding: bytes[nameStart..<stemEnd], as: UTF8.self)
        let ext = stemEnd < end ? String(decoding: bytes[(stemEnd + 1)..<end], as: UTF8.self) : ""
        return (folder, stem, ext)
    }
}
