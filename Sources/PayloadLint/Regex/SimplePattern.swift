/// A fast matcher for the commonest shape of rule pattern: anchored at both ends, a sequence of
/// ASCII characters and non-negated ASCII classes, each optionally quantified — e.g.
/// `^[A-Za-z][A-Za-z0-9_]*$`, `^[a-z]{2}-[A-Z]{2}$`.
///
/// Why: such patterns are checked for every member name or value of a kind, and a PCRE2 call
/// (match data, JIT entry) costs far more than the comparison. The matcher simulates the
/// pattern's automaton with one bit per position in a 64-bit word: linear in the subject, no
/// backtracking, no allocation, so it gives PCRE2's verdict and can never exhaust a limit.
///
/// Equivalence with PCRE2 (`PCRE2_UTF | PCRE2_DOLLAR_ENDONLY`): `^` and `$` match only at the
/// subject's start and end; every atom here matches one ASCII character, so a byte >= 0x80 (part
/// of a non-ASCII character) matches no atom. Anything else — alternation, groups, `.`, negated
/// classes, escapes other than the few below, lazy or possessive quantifiers, more than 63
/// positions — makes `parse` return nil and the pattern goes to PCRE2.
struct SimplePattern: Sendable {
    /// Per ASCII byte: the positions whose atom matches it.
    private let classMasks: [UInt64]
    /// Positions that may be skipped (`?`, `*`, `{0,…}` copies).
    private let optional: UInt64
    /// Positions that repeat (`*`, `+`'s second copy, `{n,}`).
    private let repeating: UInt64
    /// The accepting state: past the last position.
    private let accept: UInt64
    /// `closure` of every state, precomputed when there are few positions (most patterns):
    /// one load per byte instead of a loop.
    private let closures: [UInt64]?
    /// The pattern is one character of a class then any run of another (`^[A-Za-z][A-Za-z0-9_]*$`,
    /// `^[a-z]+$`): see `LeadAndRun`.
    let leadAndRun: LeadAndRun?

    /// Per byte: bit 0 when it may start the subject, bit 1 when it may follow (never for bytes
    /// >= 0x80, parts of non-ASCII characters).
    struct LeadAndRun: Sendable {
        let table: [UInt8]

        init(lead: [Bool], run: [Bool]) {
            var t = [UInt8](repeating: 0, count: 256)
            for b in 0..<128 {
                if lead[b] { t[b] |= 1 }
                if run[b] { t[b] |= 2 }
            }
            table = t
        }

        /// Whether the whole of `subject` matches: eight bytes' table bits ANDed at a time. A
        /// member name against `^[A-Za-z][A-Za-z0-9_]*$` costs a few instructions a byte (the
        /// general automaton had cost a hundred per name before its first byte).
        @inline(__always)
        func matches(_ subject: UnsafeRawBufferPointer) -> Bool {
            table.withUnsafeBufferPointer { t in
                let n = subject.count
                guard n > 0, t[Int(subject[0])] & 1 != 0 else { return false }
                var all: UInt8 = 2
                var i = 1
                while i &+ 8 <= n {
                    all &= t[Int(subject[i])] & t[Int(subject[i &+ 1])] & t[Int(subject[i &+ 2])] & t[Int(subject[i &+ 3])]
                        & t[Int(subject[i &+ 4])] & t[Int(subject[i &+ 5])] & t[Int(subject[i &+ 6])] & t[Int(subject[i &+ 7])]
                    i &+= 8
                }
                while i < n {
                    all &= t[Int(subject[i])]
                    i &+= 1
                }
                return all != 0
            }
        }
    }

    private init(atoms: [(set: [Bool], optional: Bool, repeating: Bool)]) {
        var masks = [UInt64](repeating: 0, count: 128)
        var optional: UInt64 = 0
        var repeating: UInt64 = 0
        for (k, atom) in atoms.enumerated() {
            let bit: UInt64 = 1 << UInt64(k)
            for b in 0..<128 where atom.set[b] { masks[b] |= bit }
            if atom.optional { optional |= bit }
            if atom.repeating { repeating |= bit }
        }
        classMasks = masks
        self.optional = optional
        self.repeating = repeating
        accept = 1 << UInt64(atoms.count)
        if atoms.count == 2, !atoms[0].optional, !atoms[0].repeating, atoms[1].optional, atoms[1].repeating {
            leadAndRun = LeadAndRun(lead: atoms[0].set, run: atoms[1].set)
        } else {
            leadAndRun = nil
        }
        if atoms.count + 1 <= 10 {
            let optionalMask = optional
            closures = (0..<(1 << (atoms.count + 1))).map { SimplePattern.closure(UInt64($0), optional: optionalMask) }
        } else {
            closures = nil
        }
    }

    /// The matcher for `pattern` (ECMA-262 syntax), nil when it is not of the simple shape.
    static func parse(_ pattern: String) -> SimplePattern? {
        let p = Array(pattern.utf8)
        guard p.count >= 2, p.first == UInt8(ascii: "^"), p.last == UInt8(ascii: "$") else { return nil }
        var i = 1
        let end = p.count - 1
        var atoms: [(set: [Bool], optional: Bool, repeating: Bool)] = []
        while i < end {
            // Atom.
            var set = [Bool](repeating: false, count: 128)
            let c = p[i]
            if c == UInt8(ascii: "[") {
                guard let members = characterClass(p, &i, end) else { return nil }
                set = members
            } else if c == UInt8(ascii: "\\") {
                guard i + 1 < end else { return nil }
                guard let (lo, width) = escape(p[i + 1], into: &set) else { return nil }
                if let lo { set[Int(lo)] = true }
                i += width
            } else if isPlainLiteral(c) {
                set[Int(c)] = true
                i += 1
            } else {
                return nil
            }
            // Quantifier.
            var minimum = 1
            var maximum: Int? = 1
            if i < end {
                switch p[i] {
                case UInt8(ascii: "*"): minimum = 0; maximum = nil; i += 1
                case UInt8(ascii: "+"): minimum = 1; maximum = nil; i += 1
                case UInt8(ascii: "?"): minimum = 0; maximum = 1; i += 1
                case UInt8(ascii: "{"):
                    guard let (lo, hi, next) = braces(p, i, end) else { return nil }
                    minimum = lo
                    maximum = hi
                    i = next
                default: break
                }
                // Lazy or possessive forms: leave them to PCRE2.
                if i < end, p[i] == UInt8(ascii: "?") || p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "*")
                    || p[i] == UInt8(ascii: "{")
                {
                    return nil
                }
            }
            for _ in 0..<minimum { atoms.append((set, false, false)) }
            if let maximum {
                guard maximum >= minimum else { return nil }
                for _ in minimum..<maximum { atoms.append((set, true, false)) }
            } else {
                atoms.append((set, true, true))
            }
            if atoms.count > 63 { return nil }
        }
        return SimplePattern(atoms: atoms)
    }

    /// Whether the whole of `subject` matches.
    func matches(_ subject: UnsafeRawBufferPointer) -> Bool {
        if let leadAndRun { return leadAndRun.matches(subject) }
        return matchesBitParallel(subject)
    }

    /// `matches` by simulating every position at once (any simple pattern).
    func matchesBitParallel(_ subject: UnsafeRawBufferPointer) -> Bool {
        classMasks.withUnsafeBufferPointer { masks in
            if let closures {
                return closures.withUnsafeBufferPointer { table in
                    var state = table[1]
                    for byte in subject {
                        guard byte < 0x80 else { return false }
                        let m = state & masks[Int(byte)]
                        state = table[Int((m & repeating) | ((m & ~repeating) << 1))]
                        if state == 0 { return false }
                    }
                    return state & accept != 0
                }
            }
            var state = SimplePattern.closure(1, optional: optional)
            for byte in subject {
                guard byte < 0x80 else { return false }
                let m = state & masks[Int(byte)]
                state = SimplePattern.closure((m & repeating) | ((m & ~repeating) << 1), optional: optional)
                if state == 0 { return false }
            }
            return state & accept != 0
        }
    }

    /// Adds the states reachable by skipping optional positions.
    @inline(__always)
    private static func closure(_ s: UInt64, optional: UInt64) -> UInt64 {
        var s = s
        while true {
            let next = s | ((s & optional) << 1)
            if next == s { return s }
            s = next
        }
    }

    /// A non-negated class `[…]` starting at `p[i]` (the `[`): its ASCII members, with `i` moved
    /// past the `]`; nil for a class outside the subset both matchers share with PCRE2.
    static func characterClass(_ p: [UInt8], _ i: inout Int, _ end: Int) -> [Bool]? {
        var set = [Bool](repeating: false, count: 128)
        i += 1
        guard i < end, p[i] != UInt8(ascii: "^") else { return nil }
        var first = true
        while i < end && (p[i] != UInt8(ascii: "]") || first) {
            guard p[i] != UInt8(ascii: "]") else { return nil }  // `[]` matches nothing in ECMA
            first = false
            guard let (lo, next) = classChar(p, i, end, into: &set) else { return nil }
            i = next
            guard let lo else {
                // A shorthand (\d, \w) was added whole; as a range endpoint it is an error.
                if i + 1 < end, p[i] == UInt8(ascii: "-"), p[i + 1] != UInt8(ascii: "]") { return nil }
                continue
            }
            if i + 1 < end, p[i] == UInt8(ascii: "-"), p[i + 1] != UInt8(ascii: "]") {
                var scratch = [Bool](repeating: false, count: 128)
                guard let (hiOpt, after) = classChar(p, i + 1, end, into: &scratch), let hi = hiOpt, lo <= hi else {
                    return nil
                }
                for b in lo...hi { set[Int(b)] = true }
                i = after
            } else {
                set[Int(lo)] = true
            }
        }
        guard i < end else { return nil }
        i += 1  // ]
        return set
    }

    /// Literal characters outside classes that mean themselves in both ECMA-262 and PCRE2.
    static func isPlainLiteral(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: ":"),
             UInt8(ascii: "@"), UInt8(ascii: "/"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "="),
             UInt8(ascii: "!"), UInt8(ascii: "%"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "\""),
             UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "~"), UInt8(ascii: "`"), UInt8(ascii: "#"), UInt8(ascii: " "):
            return true
        default:
            return false
        }
    }

    /// One class member at `i`: a literal byte (returned) or a shorthand added to `set` (nil).
    static func classChar(_ p: [UInt8], _ i: Int, _ end: Int, into set: inout [Bool]) -> (UInt8?, Int)? {
        let c = p[i]
        if c == UInt8(ascii: "\\") {
            guard i + 1 < end else { return nil }
            guard let (lo, width) = escape(p[i + 1], into: &set) else { return nil }
            return (lo, i + width)
        }
        // `[` inside a class is literal in ECMA-262 but may start a POSIX class in PCRE2.
        guard c < 0x80, c >= 0x20, c != UInt8(ascii: "[") else { return nil }
        return (c, i + 1)
    }

    /// An escape `\x`: a literal (returned with the escape's width, 2) or a shorthand added to
    /// `set` (nil). Only escapes that mean the same in ECMA-262 and PCRE2 (without UCP).
    static func escape(_ e: UInt8, into set: inout [Bool]) -> (UInt8?, Int)? {
        switch e {
        case UInt8(ascii: "d"):
            for b in UInt8(ascii: "0")...UInt8(ascii: "9") { set[Int(b)] = true }
            return (nil, 2)
        case UInt8(ascii: "w"):
            for b in UInt8(ascii: "0")...UInt8(ascii: "9") { set[Int(b)] = true }
            for b in UInt8(ascii: "a")...UInt8(ascii: "z") { set[Int(b)] = true }
            for b in UInt8(ascii: "A")...UInt8(ascii: "Z") { set[Int(b)] = true }
            set[Int(UInt8(ascii: "_"))] = true
            return (nil, 2)
        case UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "*"), UInt8(ascii: "?"),
             UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
             UInt8(ascii: "}"), UInt8(ascii: "|"), UInt8(ascii: "^"), UInt8(ascii: "$"), UInt8(ascii: "\\"),
             UInt8(ascii: "/"):
            return (e, 2)
        default:
            return nil
        }
    }

    /// `{n}`, `{n,}`, `{n,m}` at `i`: bounds (nil maximum: unbounded) and the index after `}`.
    static func braces(_ p: [UInt8], _ i: Int, _ end: Int) -> (Int, Int?, Int)? {
        var j = i + 1
        func number() -> Int? {
            var v = 0
            let start = j
            while j < end, p[j] >= UInt8(ascii: "0"), p[j] <= UInt8(ascii: "9") {
                v = v * 10 + Int(p[j] - UInt8(ascii: "0"))
                if v > 64 { return nil }
                j += 1
            }
            return j > start ? v : nil
        }
        guard let lo = number() else { return nil }
        var hi: Int? = lo
        if j < end, p[j] == UInt8(ascii: ",") {
            j += 1
            hi = j < end && p[j] == UInt8(ascii: "}") ? nil : number()
            if hi == nil && !(j < end && p[j] == UInt8(ascii: "}")) { return nil }
        }
        guard j < end, p[j] == UInt8(ascii: "}") else { return nil }
        return (lo, hi, j + 1)
    }
}
