// TEMPORARY (not committed): stands in for the regex and format helpers' work until merged.
public final class CompiledRegex: Sendable {
    public let pattern: String
    public init(_ pattern: String) throws { self.pattern = pattern }
    public func matches(_ utf8: UnsafeRawBufferPointer) -> RegexMatch { .match }
}
public enum RegexMatch: Sendable, Equatable { case match, noMatch, limitExceeded(reason: String) }
public func catastrophicBacktrackingWarning(_ pattern: String) -> String? { nil }
