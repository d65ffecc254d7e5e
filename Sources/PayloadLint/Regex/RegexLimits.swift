/// Resource limits applied to every match, so that no pattern can hang the engine.
///
/// Why these defaults (measured on PCRE2 10.42, x86_64, JIT; see `RegexTests`):
/// - PCRE2 counts "match limit" ticks per backtracking point (a group iteration or an
///   alternative tried), not per character. Linear patterns on real payloads use far less
///   than one tick per subject byte (`^(\w+\s?)*$` on 5 MB: 1.7 M ticks; the Frontier
///   avatar pattern on a *valid* 200 KB image: 3 ticks). Exponential patterns burn
///   ~300 M ticks/s under JIT (~70 M/s in the interpreter).
/// - So the limit scales with the subject: `matchLimit + matchLimitPerByte × length`
///   (1 M + 8/byte: 1.5 M for anything up to 64 KiB, 2.6 M for 200 KB, 41 M for 5 MB).
///   The literal avatar pattern on a 200 KB bad image gives up in a few milliseconds.
/// - Memory is the real bound on depth: `heapLimit` caps the interpreter's backtracking
///   frames and is also the maximum size of the JIT stack used when the default 32 KiB
///   machine-stack area is too small (about 6 M iterations of a group with alternatives).
///   `depthLimit` is left at PCRE2's default; the heap limit binds first.
///
/// Not covered by any PCRE2 limit: polynomial blow-ups inside single-character
/// iterators under JIT (`\d*\d*\D` on megabytes of digits is O(n²) but costs only
/// 2 ticks per start position). `catastrophicBacktrackingWarning` flags the common
/// exponential shapes at rule-load time.
public struct RegexLimits: Sendable, Equatable {
    /// Match-limit ticks allowed regardless of subject length (`pcre2_set_match_limit`).
    public var matchLimit: UInt32
    /// Extra match-limit ticks per subject byte.
    public var matchLimitPerByte: UInt32
    /// Backtracking depth for the interpreter (`pcre2_set_depth_limit`; ignored by JIT).
    public var depthLimit: UInt32
    /// Heap for the interpreter's backtracking frames, and maximum JIT stack, in KiB.
    public var heapLimit: UInt32

    /// Creates limits; see the type's documentation for the defaults' rationale.
    ///
    /// - Parameters:
    ///   - matchLimit: Ticks allowed for any subject.
    ///   - matchLimitPerByte: Ticks added per subject byte.
    ///   - depthLimit: Interpreter backtracking depth.
    ///   - heapLimit: Interpreter heap and maximum JIT stack, in KiB.
    public init(
        matchLimit: UInt32 = 1_000_000,
        matchLimitPerByte: UInt32 = 8,
        depthLimit: UInt32 = 10_000_000,
        heapLimit: UInt32 = 131_072
    ) {
        self.matchLimit = matchLimit
        self.matchLimitPerByte = matchLimitPerByte
        self.depthLimit = depthLimit
        self.heapLimit = heapLimit
    }

    /// 1 M ticks + 8 per byte, PCRE2's default depth, 128 MiB heap / JIT stack.
    public static let `default` = RegexLimits()

    /// The match limit for a subject of `length` bytes, saturating at `UInt32.max`.
    ///
    /// - Parameter length: Subject length in bytes.
    /// - Returns: `matchLimit + matchLimitPerByte × length`.
    public func effectiveMatchLimit(subjectLength length: Int) -> UInt32 {
        let perByte = UInt64(matchLimitPerByte).multipliedReportingOverflow(by: UInt64(max(0, length)))
        let total = perByte.partialValue.addingReportingOverflow(UInt64(matchLimit))
        guard !perByte.overflow, !total.overflow, total.partialValue <= UInt64(UInt32.max) else {
            return UInt32.max
        }
        return UInt32(total.partialValue)
    }
}
