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
    // Stored as five pairs of words, each written by one 16-byte store. Why: the validator copies
    // each event right after the reader built it, and the copy loads 16 bytes at a time; a load
    // that spans two 8-byte stores still in flight cannot be forwarded from them and waits for
    // both to reach the cache (the drain loop's hottest instruction). Pairs: (kind, flags and
    // traits | depth), (offset | line), (column | byteCount), (scalarCount | start), (end | 0).
    @usableFromInline var p0: SIMD2<Int>
    @usableFromInline var p1: SIMD2<Int>
    @usableFromInline var p2: SIMD2<Int>
    @usableFromInline var p3: SIMD2<Int>
    @usableFromInline var p4: SIMD2<Int>

    @inlinable public var kind: JSONEventKind {
        // The raw values are the cases' declaration order (0...9), which is their representation.
        get { unsafeBitCast(UInt8(truncatingIfNeeded: p0[0]), to: JSONEventKind.self) }
        set { p0[0] = (p0[0] & ~0xFF) | Int(newValue.rawValue) }
    }
    /// Nesting depth of the token: 0 for a top-level value; the members of a top-level object
    /// and their names are at depth 1. Container ends have their container's depth.
    @inlinable public var depth: Int {
        get { p0[1] }
        set { p0[1] = newValue }
    }
    /// 0-based byte offset of the token's first byte in the input (NDJSON: in the whole stream).
    @inlinable public var offset: Int {
        get { p1[0] }
        set { p1[0] = newValue }
    }
    /// 1-based line and byte column of the token's first byte.
    @inlinable public var line: Int {
        get { p1[1] }
        set { p1[1] = newValue }
    }
    @inlinable public var column: Int {
        get { p2[0] }
        set { p2[0] = newValue }
    }
    /// Strings and keys: length of the decoded value in UTF-8 bytes. Numbers: length of the text.
    @inlinable public var byteCount: Int {
        get { p2[1] }
        set { p2[1] = newValue }
    }
    /// Strings and keys: number of Unicode scalars (code points) of the decoded value.
    @inlinable public var scalarCount: Int {
        get { p3[0] }
        set { p3[0] = newValue }
    }
    /// Strings and keys: whether the source text contains a backslash escape.
    @inlinable public var hasEscapes: Bool {
        get { p0[0] & 0x100 != 0 }
        set { p0[0] = newValue ? p0[0] | 0x100 : p0[0] & ~0x100 }
    }
    /// Strings and keys: what the scan learnt on the way (see `StringTraits`, `isASCII`,
    /// `isDuplicateKey`), so that common checks need no second pass.
    @inlinable public var traits: StringTraits {
        get { StringTraits(rawValue: UInt8(truncatingIfNeeded: p0[0] &>> 16)) }
        set { p0[0] = (p0[0] & ~0xFF_0000) | (Int(newValue.rawValue) &<< 16) }
    }
    /// Where the token's bytes sit in the reader's buffer (inside the quotes for strings).
    @inlinable var start: Int {
        get { p3[1] }
        set { p3[1] = newValue }
    }
    @inlinable var end: Int {
        get { p4[0] }
        set { p4[0] = newValue }
    }

    /// An event at a position, with no token bytes (for callers that synthesise events).
    @inlinable
    public init(kind: JSONEventKind, depth: Int, offset: Int, line: Int, column: Int) {
        p0 = SIMD2(Int(kind.rawValue), depth)
        p1 = SIMD2(offset, line)
        p2 = SIMD2(column, 0)
        p3 = SIMD2(0, 0)
        p4 = SIMD2(0, 0)
    }

    @inlinable
    init(kind: JSONEventKind, depth: Int, offset: Int, line: Int, column: Int, byteCount: Int, scalarCount: Int,
         hasEscapes: Bool, traits: StringTraits, start: Int, end: Int) {
        p0 = SIMD2(Int(kind.rawValue) | (hasEscapes ? 0x100 : 0) | (Int(traits.rawValue) &<< 16), depth)
        p1 = SIMD2(offset, line)
        p2 = SIMD2(column, byteCount)
        p3 = SIMD2(scalarCount, start)
        p4 = SIMD2(end, 0)
    }

    /// What `JSONReader.nextOrNone()` returns at the end of the available input (depth -1).
    public static let none = JSONEvent(kind: .null, depth: -1, offset: 0, line: 0, column: 0)

    /// Whether this is `JSONEvent.none`.
    @inlinable public var isNone: Bool { p0[1] < 0 }

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
