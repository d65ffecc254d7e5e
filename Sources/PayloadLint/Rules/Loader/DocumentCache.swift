/// Reads and parses each file of a rule source once, for every rule file that `$ref`s it.
final class DocumentCache {
    enum Entry {
        case parsed(YAMLNode?)
        /// Missing, outside the root, too large: reported where the file is asked for.
        case unreadable(RuleFileError)
        /// Read, but not valid YAML: reported at its own position.
        case invalid(RuleFileError)
    }

    let source: any RuleSource
    private var entries: [String: Entry] = [:]
    /// Warnings from parsing (YAML 1.1 booleans), each file's once.
    private(set) var warnings: [String: [RuleFileError]] = [:]

    init(source: any RuleSource) {
        self.source = source
    }

    func display(_ path: String) -> String { source.displayPath(path) }

    func document(_ path: String) -> Entry {
        if let entry = entries[path] { return entry }
        let entry: Entry
        do throws(RuleFileError) {
            let text = try source.read(path)
            var reader = YAMLReader(file: display(path))
            do throws(RuleFileError) {
                entry = .parsed(try reader.read(text))
            } catch {
                entry = .invalid(error)
            }
            warnings[path] = reader.warnings
        } catch {
            entry = .unreadable(error)
        }
        entries[path] = entry
        return entry
    }
}
