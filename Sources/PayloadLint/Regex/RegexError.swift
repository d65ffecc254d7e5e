/// A pattern that PCRE2 (or the ECMA-262 translator in front of it) refused to compile.
///
/// `message` is PCRE2's own wording (`pcre2_get_error_message_8`) or the translator's;
/// `offset` is a UTF-8 byte offset into the pattern *as written in the rule*, not into
/// the translated PCRE2 pattern.
public struct RegexError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Human-readable reason, e.g. `missing closing parenthesis`.
    public let message: String
    /// UTF-8 byte offset in the original pattern where the problem was detected.
    public let offset: Int
    /// PCRE2's numeric error code, or `nil` when the translator rejected the pattern.
    public let pcre2Code: Int?

    init(message: String, offset: Int, pcre2Code: Int? = nil) {
        self.message = message
        self.offset = offset
        self.pcre2Code = pcre2Code
    }

    public var description: String {
        "invalid regular expression at offset \(offset): \(message)"
    }
}
