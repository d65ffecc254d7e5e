internal import CPCRE2

/// A JSON Schema `pattern` compiled once with PCRE2 and shared by all threads.
///
/// The pattern is ECMA-262 (see `ECMARegexTranslator`); it is compiled with
/// `PCRE2_UTF | PCRE2_DOLLAR_ENDONLY | PCRE2_MATCH_UNSET_BACKREF` (no UCP, so `\d`, `\w`,
/// `\b` are ASCII as in ECMA-262) and JIT-compiled when the library supports it.
///
/// Matching is a *search*, as JSON Schema requires: `"b"` matches `"abc"`; anchor with
/// `^…$` to test the whole string. Every match runs under `RegexLimits`, and a match
/// PCRE2 gives up on is `.limitExceeded`, never `.match` or `.noMatch`.
///
/// Thread safety: the compiled (and JIT-compiled) code and the shared match context are
/// read-only after `init`. Each call allocates its own match data: a whole call, JIT,
/// `^[a-z]+$` on "hello", measured 35–45 ns in a release build (C with one reused
/// match data: 38 ns). A lock-protected pool could save at most ~10 ns and would add a
/// lock round-trip, contention between validator threads, and `Synchronization.Mutex`,
/// which needs macOS 15 while the package supports macOS 14. A match context is
/// allocated only for subjects over 64 KiB, a JIT stack only when a match outgrows
/// PCRE2's 32 KiB default.
public final class CompiledRegex: Sendable {
    /// The pattern as written in the rule (ECMA-262 syntax).
    public let pattern: String
    /// The limits every match runs under.
    public let limits: RegexLimits
    /// The PCRE2 pattern actually compiled.
    let translatedPattern: String
    /// Whether matches run JIT-compiled code (false: PCRE2's interpreter).
    let usesJIT: Bool

    /// The pattern as a `SimplePattern` when it has that shape (matched without PCRE2).
    let simple: SimplePattern?
    /// Its DFA when it has one (see `AutomatonPattern`): a match it finds is a match. For the
    /// `SimplePattern` shape its "no" is exact too (one table step per byte instead of the
    /// bit-parallel simulation); for other patterns PCRE2 decides what it does not match.
    let automaton: AutomatonPattern?

    private let code: Handle
    /// Context for subjects up to `sharedContextMaxLength` bytes (read-only, shared).
    private let sharedContext: Handle

    /// Subjects up to this many bytes share one precomputed match context; the limit
    /// they get is the one for a subject of exactly this length.
    static let sharedContextMaxLength = 64 * 1024

    /// Compiles an ECMA-262 pattern.
    ///
    /// - Parameters:
    ///   - pattern: The pattern as written in the rule.
    ///   - limits: Resource limits for every match.
    /// - Throws: `RegexError` with PCRE2's (or the translator's) message and the byte
    ///   offset in `pattern`.
    public convenience init(_ pattern: String, limits: RegexLimits = .default) throws(RegexError) {
        try self.init(pattern, limits: limits, jit: true)
    }

    /// Compiles an ECMA-262 pattern, optionally without JIT (to test the interpreter) and
    /// without the `SimplePattern` and `AutomatonPattern` fast paths (to compare them with PCRE2).
    init(_ pattern: String, limits: RegexLimits, jit: Bool, simpleFastPath: Bool = true) throws(RegexError) {
        let translation = try ECMARegexTranslator.translate(pattern)
        let options = UInt32(PCRE2_UTF) | UInt32(PCRE2_DOLLAR_ENDONLY) | UInt32(PCRE2_MATCH_UNSET_BACKREF)
            | UInt32(PCRE2_NEVER_BACKSLASH_C) | UInt32(PCRE2_NO_UTF_CHECK)
        var errorCode: Int32 = 0
        var errorOffset = 0
        let compiled = translation.pattern.utf8.withContiguousStorageIfAvailable { bytes in
            pcre2_compile_8(bytes.baseAddress, bytes.count, options, &errorCode, &errorOffset, nil)
        } ?? Array(translation.pattern.utf8).withUnsafeBufferPointer { bytes in
            pcre2_compile_8(bytes.baseAddress, bytes.count, options, &errorCode, &errorOffset, nil)
        }
        guard let compiled else {
            throw RegexError(
                message: Self.errorMessage(errorCode),
                offset: translation.sourceOffset(forTranslatedOffset: errorOffset),
                pcre2Code: Int(errorCode))
        }
        guard let context = pcre2_match_context_create_8(nil) else {
            pcre2_code_free_8(compiled)
            throw RegexError(message: "out of memory", offset: 0)
        }
        pcre2_set_match_limit_8(
            context, limits.effectiveMatchLimit(subjectLength: Self.sharedContextMaxLength))
        pcre2_set_depth_limit_8(context, limits.depthLimit)
        pcre2_set_heap_limit_8(context, limits.heapLimit)

        // JIT is optional: unsupported platforms and out-of-memory fall back to the
        // interpreter, which honours the same limits (plus depth and heap).
        var jitSize = 0
        let jitted = jit && pcre2_jit_compile_8(compiled, UInt32(PCRE2_JIT_COMPLETE)) == 0
            && pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_JITSIZE), &jitSize) == 0 && jitSize > 0

        self.pattern = pattern
        let simple = simpleFastPath ? SimplePattern.parse(pattern) : nil
        self.simple = simple
        // A pattern of one class then a run of another is matched by `SimplePattern`'s table
        // (`match`), which is faster than the DFA and exact: no DFA is built for it.
        self.automaton = simpleFastPath && simple?.leadAndRun == nil ? AutomatonPattern.parse(pattern) : nil
        self.limits = limits
        self.translatedPattern = translation.pattern
        self.usesJIT = jitted
        self.code = Handle(compiled)
        self.sharedContext = Handle(context)
    }

    deinit {
        pcre2_match_context_free_8(sharedContext.pointer)
        pcre2_code_free_8(code.pointer)
    }

    /// Searches UTF-8 bytes for the pattern.
    ///
    /// Precondition: `utf8` is valid UTF-8 (the JSON reader has validated it). Release
    /// builds skip PCRE2's UTF-8 check (`PCRE2_NO_UTF_CHECK`); debug builds check and
    /// trap on invalid input.
    ///
    /// - Parameter utf8: The subject, valid UTF-8; may be empty.
    /// - Returns: `.match`, `.noMatch`, or `.limitExceeded` when PCRE2 gave up.
    public func matches(_ utf8: UnsafeRawBufferPointer) -> RegexMatch {
        #if DEBUG
        return match(utf8, checkUTF: true)
        #else
        return match(utf8, checkUTF: false)
        #endif
    }

    /// Searches a string for the pattern.
    ///
    /// - Parameter s: The subject.
    /// - Returns: `.match`, `.noMatch`, or `.limitExceeded` when PCRE2 gave up.
    public func matches(_ s: String) -> RegexMatch {
        var subject = s
        return subject.withUTF8 { match(UnsafeRawBufferPointer($0), checkUTF: false) }
    }

    // MARK: Matching

    private func match(_ subject: UnsafeRawBufferPointer, checkUTF: Bool) -> RegexMatch {
        // The table itself, not through `simple.matches`: reading the whole `SimplePattern` out
        // of the optional retains its three arrays (+3 M instructions on the Fullstory slice).
        if let leadAndRun = simple?.leadAndRun { return leadAndRun.matches(subject) ? .match : .noMatch }
        if let automaton {
            if automaton.matches(subject) { return .match }
            // An anchored sequence of ASCII atoms has no possessive part and cannot backtrack
            // badly: the DFA's "no" is PCRE2's.
            if simple != nil { return .noMatch }
        }
        if let simple { return simple.matches(subject) ? .match : .noMatch }
        guard let matchData = pcre2_match_data_create_8(1, nil) else {
            return .limitExceeded(reason: "out of memory")
        }
        defer { pcre2_match_data_free_8(matchData) }

        var ownContext: OpaquePointer?
        defer { if let ownContext { pcre2_match_context_free_8(ownContext) } }
        var context = sharedContext.pointer
        if subject.count > Self.sharedContextMaxLength {
            guard let copy = pcre2_match_context_copy_8(sharedContext.pointer) else {
                return .limitExceeded(reason: "out of memory")
            }
            pcre2_set_match_limit_8(copy, limits.effectiveMatchLimit(subjectLength: subject.count))
            ownContext = copy
            context = copy
        }

        var status = run(subject, matchData, context, checkUTF: checkUTF)
        if status == PCRE2_ERROR_JIT_STACKLIMIT {
            // The 32 KiB default JIT stack was too small: retry once with a stack that
            // may grow to `heapLimit` KiB (reserved, committed only as used).
            let maxBytes = Int(limits.heapLimit) * 1024
            guard let stack = pcre2_jit_stack_create_8(32 * 1024, max(maxBytes, 32 * 1024), nil) else {
                return .limitExceeded(reason: "out of memory for the JIT stack")
            }
            defer { pcre2_jit_stack_free_8(stack) }
            if ownContext == nil {
                guard let copy = pcre2_match_context_copy_8(context) else {
                    return .limitExceeded(reason: "out of memory")
                }
                ownContext = copy
                context = copy
            }
            pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(stack))
            status = run(subject, matchData, context, checkUTF: checkUTF)
        }
        return verdict(status)
    }

    private func run(
        _ subject: UnsafeRawBufferPointer, _ matchData: OpaquePointer, _ context: OpaquePointer,
        checkUTF: Bool
    ) -> Int32 {
        var empty: UInt8 = 0
        return withUnsafePointer(to: &empty) { emptyPointer in
            let base = subject.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? emptyPointer
            if usesJIT && !checkUTF {
                // The JIT fast path: no option or UTF-8 checks, same limits.
                return pcre2_jit_match_8(code.pointer, base, subject.count, 0, 0, matchData, context)
            }
            let options = checkUTF ? 0 : UInt32(PCRE2_NO_UTF_CHECK)
            return pcre2_match_8(code.pointer, base, subject.count, 0, options, matchData, context)
        }
    }

    private func verdict(_ status: Int32) -> RegexMatch {
        if status >= 0 { return .match }  // 0: matched, ovector too small for captures
        switch status {
        case PCRE2_ERROR_NOMATCH:
            return .noMatch
        case PCRE2_ERROR_MATCHLIMIT, PCRE2_ERROR_DEPTHLIMIT, PCRE2_ERROR_HEAPLIMIT,
            PCRE2_ERROR_JIT_STACKLIMIT, PCRE2_ERROR_NOMEMORY:
            return .limitExceeded(reason: Self.errorMessage(status))
        default:
            assert(
                !(PCRE2_ERROR_UTF8_ERR21...PCRE2_ERROR_UTF8_ERR1).contains(status),
                "CompiledRegex.matches: subject is not valid UTF-8")
            return .limitExceeded(reason: "PCRE2 error: \(Self.errorMessage(status))")
        }
    }

    @inline(never)
    static func errorMessage(_ code: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let length = buffer.withUnsafeMutableBufferPointer {
            pcre2_get_error_message_8(code, $0.baseAddress, $0.count)
        }
        guard length > 0 else { return "PCRE2 error \(code)" }
        return String(decoding: buffer[..<Int(length)], as: UTF8.self)
    }
}

/// A C pointer owned by a `CompiledRegex` and read-only after its `init`, hence safe to
/// share; the owner frees it in `deinit`.
private struct Handle: @unchecked Sendable {
    let pointer: OpaquePointer
    init(_ pointer: OpaquePointer) { self.pointer = pointer }
}
