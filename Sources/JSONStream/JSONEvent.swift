/// What a `JSONReader` reports, one token at a time.
public enum JSONEventKind: UInt8, Sendable, CustomStringConvertible {
    case objectStart
    case objectEnd
    case arrayStart
    case arrayEnd
    /// A member name. Followed by the member's value.
    case key
    case string
    case number
    case `true`
    case `false`
    case null

    public var description: String {
        switch self {
        case .objectStart: "object start"
        case .objectEnd: "object end"
        case .arrayStart: "array start"
        case .arrayEnd: "array end"
        case .key: "member name"
        case .string: "string"
        case .number: "number"
        case .true: "true"
        case .false: "false"
        case .null: "null"
        }
    }

    /// True for the events that are a whole value by themselves (strings, numbers, literals).
    @inlinable public var isScalar: Bool { rawValue >= JSONEventKind.string.rawValue }
}

/// One token of the input with its position.
///
/// For strings, keys and numbers the token's bytes stay readable through the reader
/// (`JSONReader.withRawBytes(_:_:)`, `withDecodedBytes(_:_:)`) until the next call to `next()` or
/// `feed(_:)`; the figures below are known without decoding anything.
public struct JSONEvent: Sendable, Equatable {
    public var kind: JSONEventKind
    /// Nesting depth of the token: 0 for a top-level value; the members of a top-level object
    /// and their names are at depth 1. Container ends have their container's depth.
    public var depth: Int
    /// 0-based byte offset of the token's first byte in the input (NDJSON: in the whole stream).
    public var offset: Int
    /// 1-based line and byte column of the token's first byte.
    public var line: Int
    public var column: Int
    /// Strings and keys: length of the decoded value in UTF-8 bytes. Numbers: length of the text.
    public var byteCount: Int
    /// Strings and keys: number of Unicode scalars (code points) of the decoded value.
    public var scalarCount: Int
    /// Strings and keys: whether the source text contains a backslash escape.
    public var hasEscapes: Bool
    /// Strings and keys: what the scan learnt on the way (see `StringTraits`, `isASCII`,
    /// `isDuplicateKey`), so that common checks need no second pass.
    public var traits: StringTraits
    /// Where the token's bytes sit in the reader's buffer (inside the quotes for strings).
    @usableFromInline var start: Int
    @usableFromInline var end: Int

    /// An event at a position, with no token bytes (for callers that synthesise events).
    @inlinable
    public init(kind: JSONEventKind, depth: Int, offset: Int, line: Int, column: Int) {
        self.kind = kind
        self.depth = depth
        self.offset = offset
        self.line = line
        self.column = column
        self.byteCount = 0
        self.scalarCount = 0
        self.hasEscapes = false
        self.traits = []
        self.start = 0
        self.end = 0
    }

    @inlinable
    init(kind: JSONEventKind, depth: Int, offset: Int, line: Int, column: Int, byteCount: Int, scalarCount: Int,
         hasEscapes: Bool, traits: StringTraits, start: Int, end: Int) {
        self.kind = kind
        self.depth = depth
        self.offset = offset
        self.line = line
        self.column = column
        self.byteCount = byteCount
        self.scalarCount = scalarCount
        self.hasEscapes = hasEscapes
        self.traits = traits
        self.start = start
        self.end = end
    }

    /// Byte length of the token's source text, quotes included for strings.
    @inlinable @inline(__always)
    public var sourceLength: Int { kind == .string || kind == .key ? end &- start &+ 2 : end &- start }
}

/// Content classes of a string, gathered while it is scanned.
public struct StringTraits: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// A byte >= 0x80 (the decoded value is not pure ASCII).
    public static let nonASCII = StringTraits(rawValue: 1)
    /// Keys: the name occurs earlier in the same object.
    public static let duplicate = StringTraits(rawValue: 2)
}
