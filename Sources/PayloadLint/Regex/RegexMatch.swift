/// The verdict of one `CompiledRegex.matches` call.
///
/// `limitExceeded` means PCRE2 gave up (match, depth, heap or JIT-stack limit, or
/// another run-time error): the subject was neither accepted nor rejected, and a
/// validator must report it as such (diagnostic code `regex_limit`), never as a
/// match or a mismatch.
public enum RegexMatch: Sendable, Equatable {
    case match
    case noMatch
    case limitExceeded(reason: String)
}
