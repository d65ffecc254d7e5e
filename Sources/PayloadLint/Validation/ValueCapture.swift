/// Builds `JSONValue`s for the subtrees a rule must see whole.
///
/// Which keywords buffer, and why: `enum`/`const` whose values include objects or arrays (the
/// instance is compared as a whole), `uniqueItems` (items are compared with each other),
/// `immutable` (compared with the previous version), `unique` and `equals` (compared with
/// values outside the payload). Everything else is checked as the bytes go by.
struct ValueCapture: Sendable {
    private struct Frame: Sendable {
        var isObject: Bool
        var items: [JSONValue] = []
        var members: [(key: String, value: JSONValue)] = []
        var key: String = ""
    }

    private var frames: [Frame] = []
    /// Depth of the outermost captured container, nil when not capturing.
    private(set) var rootDepth: Int? = nil

    var isActive: Bool { rootDepth != nil }

    mutating func begin(isObject: Bool, depth: Int) {
        if rootDepth == nil { rootDepth = depth }
        frames.append(Frame(isObject: isObject))
    }

    mutating func key(_ name: String) {
        frames[frames.count - 1].key = name
    }

    /// Adds a completed value to the innermost open container.
    mutating func add(_ value: JSONValue) {
        guard !frames.isEmpty else { return }
        let i = frames.count - 1
        if frames[i].isObject {
            frames[i].members.append((frames[i].key, value))
        } else {
            frames[i].items.append(value)
        }
    }

    /// Closes the innermost container and returns its value (also added to its parent).
    mutating func end(depth: Int) -> JSONValue? {
        guard let f = frames.popLast() else { return nil }
        let value: JSONValue = f.isObject ? .object(f.members) : .array(f.items)
        if depth == rootDepth {
            rootDepth = nil
        } else {
            add(value)
        }
        return value
    }

    mutating func reset() {
        frames.removeAll()
        rootDepth = nil
    }
}
