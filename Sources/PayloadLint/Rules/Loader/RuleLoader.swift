import Foundation

/// Reads rule files (YAML or JSON) into `RuleDocument`s, validating them on the way: every
/// problem is a `RuleFileError` naming `file:line:column`.
///
/// A file is a rule file when its top level has an `id`; other `.yaml`/`.yml`/`.json` files of
/// the source are schema documents, read only when a rule `$ref`s them (`# ` there means that
/// document's root). Work runs on a thread with a large stack, so the deepest input libyaml
/// accepts (1,000 levels) never endangers the caller's stack.
public enum RuleLoader {
    /// Stack for the loading thread: 1,000 nested YAML levels through Yams and the builder.
    static let stackSize = 64 << 20

    /// Every rule file of `source`.
    ///
    /// - Parameter source: where the files are (a folder or memory).
    /// - Returns: the documents of the rule files without errors, every error and every warning.
    ///   Two rule files with the same `id` are an error at the second one.
    public static func load(from source: some RuleSource) -> RuleLoadResult {
        onLargeStack { loadAll(from: source) }
    }

    /// The rule file at `path` of `source`.
    ///
    /// - Returns: its document (when it has no errors), and what was found wrong with it and with
    ///   the schema documents it `$ref`s.
    public static func load(file path: String, from source: some RuleSource) -> RuleLoadResult {
        onLargeStack { loadOnThisStack(file: path, from: source) }
    }

    /// `load(file:from:)` on the caller's thread, which must have `stackSize` bytes of stack.
    static func loadOnThisStack(file path: String, from source: some RuleSource) -> RuleLoadResult {
        var result = RuleLoadResult()
        let cache = DocumentCache(source: source)
        loadOne(path, cache: cache, requireID: true, into: &result)
        collectParseWarnings(cache, into: &result)
        return result
    }

    /// Parses YAML or JSON text into a `JSONValue` (YAML 1.2 core scalars, numbers exact).
    ///
    /// - Parameters:
    ///   - yaml: the text.
    ///   - file: the name used in errors.
    /// - Throws: `RuleFileError` with line and column: not YAML, `.inf`/`.nan`, an alias bomb, an
    ///   empty document.
    public static func parseJSONValue(yaml: String, file: String) throws(RuleFileError) -> JSONValue {
        let result: Result<JSONValue, RuleFileError> = onLargeStack {
            var reader = YAMLReader(file: file)
            let node: YAMLNode
            do throws(RuleFileError) {
                guard let parsed = try reader.read(yaml) else {
                    return .failure(RuleFileError(file: file, line: 1, column: 1, message: "the document is empty"))
                }
                node = parsed
            } catch {
                return .failure(error)
            }
            let builder = RuleDocumentBuilder(cache: DocumentCache(source: InMemoryRuleSource(files: [:])), ruleFile: file)
            if let value = builder.json(node, in: file) { return .success(value) }
            return .failure(builder.errors.first ?? RuleFileError(file: file, message: "not a JSON value"))
        }
        switch result {
        case .success(let value): return value
        case .failure(let error): throw error
        }
    }

    // MARK: Implementation

    private static func loadAll(from source: some RuleSource) -> RuleLoadResult {
        var result = RuleLoadResult()
        let paths: [String]
        do throws(RuleFileError) {
            paths = try source.list()
        } catch {
            result.errors.append(error)
            return result
        }
        let cache = DocumentCache(source: source)
        var firstByID: [String: RuleFileError] = [:]
        for path in paths {
            let before = result.documents.count
            loadOne(path, cache: cache, requireID: false, into: &result)
            guard result.documents.count > before, let document = result.documents.last else { continue }
            let idPosition = idLocation(path, cache: cache)
            if let first = firstByID[document.id] {
                result.documents.removeLast()
                result.errors.append(RuleFileError(
                    file: idPosition.file, line: idPosition.line, column: idPosition.column,
                    message: "duplicate rule id `\(document.id)` (already used in \(first.file):\(first.line):\(first.column))"))
            } else {
                firstByID[document.id] = idPosition
            }
        }
        collectParseWarnings(cache, into: &result)
        return result
    }

    private static func idLocation(_ path: String, cache: DocumentCache) -> RuleFileError {
        if case .parsed(let root?) = cache.document(path), let id = root.entry("id") {
            return RuleFileError(file: cache.display(path), line: id.value.line, column: id.value.column, message: "")
        }
        return RuleFileError(file: cache.display(path), message: "")
    }

    private static func loadOne(_ path: String, cache: DocumentCache, requireID: Bool, into result: inout RuleLoadResult) {
        let root: YAMLNode
        switch cache.document(path) {
        case .unreadable(let error), .invalid(let error):
            append([error], to: &result.errors)
            return
        case .parsed(nil):
            if requireID {
                result.errors.append(RuleFileError(file: cache.display(path), message: "the rule file is empty"))
            }
            return
        case .parsed(let node?):
            root = node
        }
        if !requireID {
            switch root.kind {
            case .mapping:
                if root.entry("id") == nil { return }  // a schema document
            case .bool:
                return  // a boolean schema document
            default:
                break  // reported by build(): not a mapping
            }
        }
        let builder = RuleDocumentBuilder(cache: cache, ruleFile: path)
        let document = builder.build(root)
        append(builder.errors, to: &result.errors)
        append(builder.warnings, to: &result.warnings)
        if let document, builder.errors.isEmpty { result.documents.append(document) }
    }

    private static func collectParseWarnings(_ cache: DocumentCache, into result: inout RuleLoadResult) {
        for path in cache.warnings.keys.sorted() {
            append(cache.warnings[path] ?? [], to: &result.warnings)
        }
    }

    /// Appends what is not already there (schema documents shared by rule files report once).
    private static func append(_ new: [RuleFileError], to list: inout [RuleFileError]) {
        for error in new where !list.contains(error) { list.append(error) }
    }

    /// Runs `body` on a thread with `stackSize` bytes of stack and waits for it.
    static func onLargeStack<T: Sendable>(_ body: @escaping @Sendable () -> T) -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.value = body()
            done.signal()
        }
        thread.stackSize = stackSize
        thread.start()
        done.wait()
        return box.value ?? body()
    }
}

/// Carries a result out of the loading thread (written before the semaphore is signalled,
/// read after it is waited for).
private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}
