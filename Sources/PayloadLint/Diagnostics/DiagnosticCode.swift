/// A stable, machine-readable diagnostic code (`too_long`, `pattern_mismatch`, …).
///
/// Codes are part of the public contract (DESIGN.md): new ones may be added, none is ever renamed.
/// A struct rather than an enum so that adding a code is not a source-breaking change for callers
/// that switch over them.
public struct DiagnosticCode: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }

    public static let syntaxError: DiagnosticCode = "syntax_error"
    public static let invalidEncoding: DiagnosticCode = "invalid_encoding"
    public static let duplicateKey: DiagnosticCode = "duplicate_key"
    public static let depthLimit: DiagnosticCode = "depth_limit"
    public static let requiredField: DiagnosticCode = "required_field"
    public static let unknownProperty: DiagnosticCode = "unknown_property"
    public static let typeMismatch: DiagnosticCode = "type_mismatch"
    public static let enumMismatch: DiagnosticCode = "enum_mismatch"
    public static let tooShort: DiagnosticCode = "too_short"
    public static let tooLong: DiagnosticCode = "too_long"
    public static let tooManyBytes: DiagnosticCode = "too_many_bytes"
    public static let tooFewBytes: DiagnosticCode = "too_few_bytes"
    public static let patternMismatch: DiagnosticCode = "pattern_mismatch"
    public static let formatMismatch: DiagnosticCode = "format_mismatch"
    public static let blankValue: DiagnosticCode = "blank_value"
    public static let forbiddenCharacter: DiagnosticCode = "forbidden_character"
    public static let tooManyProperties: DiagnosticCode = "too_many_properties"
    public static let tooFewProperties: DiagnosticCode = "too_few_properties"
    public static let invalidPropertyName: DiagnosticCode = "invalid_property_name"
    public static let keyPathTooLong: DiagnosticCode = "key_path_too_long"
    public static let tooDeep: DiagnosticCode = "too_deep"
    public static let outOfRange: DiagnosticCode = "out_of_range"
    public static let notMultiple: DiagnosticCode = "not_multiple"
    public static let tooManyItems: DiagnosticCode = "too_many_items"
    public static let tooFewItems: DiagnosticCode = "too_few_items"
    public static let duplicateItems: DiagnosticCode = "duplicate_items"
    public static let containsMismatch: DiagnosticCode = "contains_mismatch"
    public static let immutableField: DiagnosticCode = "immutable_field"
    public static let notUnique: DiagnosticCode = "not_unique"
    public static let inconsistentValue: DiagnosticCode = "inconsistent_value"
    public static let regexLimit: DiagnosticCode = "regex_limit"
    public static let unsupportedMediaType: DiagnosticCode = "unsupported_media_type"
    public static let notAcceptable: DiagnosticCode = "not_acceptable"
    public static let schemaMismatch: DiagnosticCode = "schema_mismatch"
    public static let clearedField: DiagnosticCode = "cleared_field"
    public static let stale: DiagnosticCode = "stale_timestamp"
    public static let documentTooLarge: DiagnosticCode = "document_too_large"
    public static let limitExceeded: DiagnosticCode = "limit_exceeded"
    /// A string longer than the reader's `maxStringBytes` (`--max-string-bytes`).
    public static let stringLimit: DiagnosticCode = "string_limit"
    /// A number whose text is longer than the reader's `maxNumberLength` (`--max-number-length`).
    public static let numberLimit: DiagnosticCode = "number_limit"
    /// More findings than `maxDiagnosticsPerPayload` (`--max-diagnostics`): the rest are counted, not kept.
    public static let diagnosticLimit: DiagnosticCode = "diagnostic_limit"
}
