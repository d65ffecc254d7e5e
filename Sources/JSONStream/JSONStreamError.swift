/// Why the input is not well-formed JSON, and where.
///
/// `description` reads like a compiler message: `expected ',' or '}' after member value, found ']'
/// at 3:17`.
public struct JSONStreamError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Not JSON grammar (RFC 8259).
        case syntax
        /// Bytes that are not UTF-8, or an escaped lone surrogate.
        case encoding
        /// Deeper nesting than `JSONReader.Options.maxDepth`.
        case depthLimit
        /// A string or number longer than the reader's limits, or a document over its size limit.
        case sizeLimit
    }

    /// Which limit of `JSONReader.Options` was hit (`depthLimit` and `sizeLimit` errors).
    public enum Limit: String, Sendable, Equatable {
        /// `maxDepth`.
        case depth
        /// `maxStringBytes`.
        case stringBytes
        /// `maxNumberLength`.
        case numberLength
        /// `maxDocumentBytes`.
        case documentBytes
    }

    public var kind: Kind
    /// The limit hit, for `depthLimit` and `sizeLimit` errors; nil otherwise.
    public var limit: Limit?
    /// The limit's value, when `limit` is set.
    public var limitValue: Int?
    /// What was expected and what was found, without the position.
    public var message: String
    public var offset: Int
    public var line: Int
    public var column: Int
    /// JSON pointer of the innermost value being read when the error was found.
    public var pointer: String
    /// NDJSON mode: the 1-based line number of the record.
    public var record: Int?

    public init(kind: Kind, message: String, offset: Int, line: Int, column: Int, pointer: String = "", record: Int? = nil,
                limit: Limit? = nil, limitValue: Int? = nil) {
        self.kind = kind
        self.limit = limit
        self.limitValue = limitValue
        self.message = message
        self.offset = offset
        self.line = line
        self.column = column
        self.pointer = pointer
        self.record = record
    }

    public var description: String { "\(message) at \(line):\(column)" }
}
