import JSONStream

/// A DFA for patterns of ASCII atoms with groups, alternation and quantifiers — e.g. Frontier's
/// `^(?:\z|data:image/(?:png|jpg|jpeg|gif);base64,[a-zA-Z0-9+/]+(?:={1,2}[a-zA-Z0-9+/]+)*={0,2}$)`
/// — used to confirm matches without PCRE2.
///
/// Why: a 190 KB avatar took PCRE2's JIT about 20 instructions per byte (every quantified run
/// leaves backtracking positions); the DFA takes one table step per byte. It decides only
/// *matches*: when it finds none, `CompiledRegex` asks PCRE2, so that no-match verdicts, and
/// PCRE2's limits on pathological patterns (`regex_limit`), are exactly as before.
///
/// Construction. The pattern is parsed into positions (Glushkov's construction: one position per
/// atom occurrence, counted repetitions copied out), with `first`/`last`/`follow` sets as 64-bit
/// masks; the subject is read as `BOS`, its bytes, `EOS`, where `^`/`\A` are atoms matching `BOS`
/// and `$` (`PCRE2_DOLLAR_ENDONLY`)/`\z` atoms matching `EOS`. A search (JSON Schema patterns are
/// not anchored) re-enters the start before every symbol; reaching a position that may end the
/// pattern is a match, and that state absorbs. Subset construction then gives the DFA, over the
/// classes of symbols that no position tells apart.
///
/// Why a match here is PCRE2's match (`PCRE2_UTF`): every atom matches one ASCII character, so a
/// byte >= 0x80 (part of a non-ASCII character) matches no atom, as in PCRE2; lazy quantifiers
/// change which match is found, not whether one exists. Possessive quantifiers can remove
/// matches, so they are accepted only where they cannot: where the automaton is deterministic at
/// every position in or entering the construct (the next symbol alone decides between staying
/// in it and leaving it, so the greedy path is the only one and cutting backtracking loses
/// nothing). Anything else — `.`, negated classes, `\s`, backreferences, lookaround, atomic
/// groups, more than 63 positions or 512 DFA states — makes `parse` return nil.
struct AutomatonPattern: Sendable {
    /// Per DFA state, its row's offset in `table`; `table[row + class]` is the next row.
    private let table: [Int32]
    /// Per state (row / classes), 256 flags: 1 where the byte leaves the state as it is; empty
    /// rows for states that keep no byte class. A run of such bytes (a base64 body) is then
    /// skipped eight at a time with independent loads, instead of one dependent table step each.
    private let stays: [UInt8]
    /// Per row offset (indexed like `table`): the state's offset in `stays`, -1 for none.
    private let staysRow: [Int32]
    /// Per row of `stays` (offset / 256): the same bytes as ranges, when they fit `ByteRanges`:
    /// then the run is skipped sixteen bytes per step first.
    private let staysRanges: [ByteRanges?]
    /// Whether any of `staysRanges` is set.
    private let hasRanges: Bool
    /// The verdict on the empty subject.
    private let matchesEmpty: Bool
    /// Symbol class per byte value.
    private let byteClass: [UInt8]
    private let startRow: Int32
    private let acceptRow: Int32
    private let bosClass: Int
    private let eosClass: Int

    static let maxPositions = 63
    static let maxStates = 512

    // MARK: Matching

    /// Whether the pattern matches somewhere in `subject` (valid UTF-8). False means "not found
    /// here": the caller asks PCRE2.
    func matches(_ subject: UnsafeRawBufferPointer) -> Bool {
        guard let bytes = subject.baseAddress?.assumingMemoryBound(to: UInt8.self), !subject.isEmpty else {
            return matchesEmpty
        }
        // Two copies of the loop: long subjects try sixteen bytes at a time in long runs; short
        // ones (names of a few bytes against `^[a-z][a-z0-9_]*$`, most calls) keep the tight loop,
        // which the extra branch made slower.
        return subject.count >= 64 && hasRanges ? run(bytes, subject.count, ranges: true)
            : run(bytes, subject.count, ranges: false)
    }

    @inline(__always)
    private func run(_ bytes: UnsafePointer<UInt8>, _ n: Int, ranges: Bool) -> Bool {
        table.withUnsafeBufferPointer { t in
            byteClass.withUnsafeBufferPointer { byteClass in
                stays.withUnsafeBufferPointer { stays in
                    staysRow.withUnsafeBufferPointer { staysRow in
                        var row = Int(t[Int(startRow) + bosClass])
                        var i = 0
                        while i < n {
                            row = Int(t[row &+ Int(byteClass[Int(bytes[i])])])
                            i &+= 1
                            let s = Int(staysRow[row])
                            if s < 0 { continue }
                            while i &+ 8 <= n {
                                var all: UInt8 = 1
                                for k in 0..<8 { all &= stays[s &+ Int(bytes[i &+ k])] }
                                if all == 0 { break }
                                i &+= 8
                                // Eight kept bytes: a long run, likely (a base64 body).
                                if ranges && n &- i >= 32 { i = skipRun(s, bytes, from: i, to: n) }
                            }
                        }
                        return Int(t[row + eosClass]) == Int(acceptRow)
                    }
                }
            }
        }
    }

    /// `ByteRanges.skip` for the stays row at `s`, if its bytes fit; otherwise `i`.
    @inline(never)
    private func skipRun(_ s: Int, _ bytes: UnsafePointer<UInt8>, from i: Int, to n: Int) -> Int {
        guard let ranges = staysRanges[s &>> 8] else { return i }
        return ranges.skip(bytes, from: i, to: n)
    }

    // MARK: Parsing

    /// A set of symbols: ASCII characters (two words) and the two assertions.
    struct Symbols: Equatable {
        var low: UInt64 = 0
        var high: UInt64 = 0
        var bos = false
        var eos = false

        func contains(ascii b: Int) -> Bool { b < 64 ? low & (1 << UInt64(b)) != 0 : high & (1 << UInt64(b - 64)) != 0 }
        mutating func insert(ascii b: Int) {
            if b < 64 { low |= 1 << UInt64(b) } else { high |= 1 << UInt64(b - 64) }
        }
        func isDisjoint(with o: Symbols) -> Bool {
            low & o.low == 0 && high & o.high == 0 && !(bos && o.bos) && !(eos && o.eos)
        }
    }

    indirect enum Node {
        case atom(Symbols)
        case empty
        case concat([Node])
        case alternation([Node])
        case repeated(Node, min: Int, max: Int?, possessive: Bool)
    }

    /// The automaton for `pattern` (ECMA-262 syntax, with PCRE2's `\A`, `\z` and possessive
    /// quantifiers as the rules use them), nil when the pattern is outside the subset.
    static func parse(_ pattern: String) -> AutomatonPattern? {
        var parser = Parser(p: Array(pattern.utf8))
        guard let tree = parser.alternation(), parser.i == parser.p.count else { return nil }
        var builder = Builder()
        guard let info = builder.build(tree), builder.deterministicWherePossessive(first: info.first) else {
            return nil
        }
        return builder.automaton(info)
    }

    private struct Parser {
        let p: [UInt8]
        var i = 0

        mutating func alternation() -> Node? {
            var branches: [Node] = []
            while true {
                guard let s = sequence() else { return nil }
                branches.append(s)
                guard i < p.count, p[i] == UInt8(ascii: "|") else { break }
                i += 1
            }
            return branches.count == 1 ? branches[0] : .alternation(branches)
        }

        mutating func sequence() -> Node? {
            var items: [Node] = []
            while i < p.count, p[i] != UInt8(ascii: "|"), p[i] != UInt8(ascii: ")") {
                let isAssertion = p[i] == UInt8(ascii: "^") || p[i] == UInt8(ascii: "$")
                    || (p[i] == UInt8(ascii: "\\") && i + 1 < p.count
                        && (p[i + 1] == UInt8(ascii: "A") || p[i + 1] == UInt8(ascii: "z")))
                guard let a = atom() else { return nil }
                guard let q = quantified(a, isAssertion: isAssertion) else { return nil }
                items.append(q)
            }
            if items.isEmpty { return .empty }
            return items.count == 1 ? items[0] : .concat(items)
        }

        mutating func atom() -> Node? {
            let c = p[i]
            switch c {
            case UInt8(ascii: "("):
                i += 1
                if i < p.count, p[i] == UInt8(ascii: "?") {
                    // Only non-capturing groups: lookaround, atomic groups and options go to PCRE2.
                    guard i + 1 < p.count, p[i + 1] == UInt8(ascii: ":") else { return nil }
                    i += 2
                }
                guard let inner = alternation(), i < p.count, p[i] == UInt8(ascii: ")") else { return nil }
                i += 1
                return inner
            case UInt8(ascii: "^"):
                i += 1
                return .atom(Symbols(bos: true))
            case UInt8(ascii: "$"):
                i += 1
                return .atom(Symbols(eos: true))
            case UInt8(ascii: "["):
                return characterClass()
            case UInt8(ascii: "\\"):
                guard i + 1 < p.count else { return nil }
                let e = p[i + 1]
                if e == UInt8(ascii: "A") { i += 2; return .atom(Symbols(bos: true)) }
                if e == UInt8(ascii: "z") { i += 2; return .atom(Symbols(eos: true)) }
                var set = [Bool](repeating: false, count: 128)
                guard let (literal, width) = SimplePattern.escape(e, into: &set) else { return nil }
                if let literal { set[Int(literal)] = true }
                i += width
                return .atom(symbols(set))
            default:
                guard SimplePattern.isPlainLiteral(c) else { return nil }
                i += 1
                var s = Symbols()
                s.insert(ascii: Int(c))
                return .atom(s)
            }
        }

        mutating func characterClass() -> Node? {
            guard let set = SimplePattern.characterClass(p, &i, p.count) else { return nil }
            return .atom(symbols(set))
        }

        func symbols(_ set: [Bool]) -> Symbols {
            var s = Symbols()
            for b in 0..<128 where set[b] { s.insert(ascii: b) }
            return s
        }

        /// The quantifier after an atom, if any. Assertions take none.
        mutating func quantified(_ a: Node, isAssertion: Bool) -> Node? {
            guard i < p.count else { return a }
            var minimum = 1
            var maximum: Int? = 1
            switch p[i] {
            case UInt8(ascii: "*"): minimum = 0; maximum = nil; i += 1
            case UInt8(ascii: "+"): maximum = nil; i += 1
            case UInt8(ascii: "?"): minimum = 0; i += 1
            case UInt8(ascii: "{"):
                guard let (lo, hi, next) = SimplePattern.braces(p, i, p.count) else { return nil }
                minimum = lo
                maximum = hi
                i = next
            default:
                return a
            }
            guard !isAssertion else { return nil }
            if let maximum, maximum < minimum { return nil }
            var possessive = false
            if i < p.count, p[i] == UInt8(ascii: "?") {
                i += 1  // lazy: another match first, the same matches in all
            } else if i < p.count, p[i] == UInt8(ascii: "+") {
                i += 1
                possessive = true
            }
            if i < p.count, p[i] == UInt8(ascii: "*") || p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "?")
                || p[i] == UInt8(ascii: "{")
            {
                return nil
            }
            return .repeated(a, min: minimum, max: maximum, possessive: possessive)
        }
    }

    // MARK: Glushkov construction

    private struct Info {
        var nullable: Bool
        var first: UInt64
        var last: UInt64
    }

    private struct Builder {
        /// Position 0 is the start; atoms are 1...
        var symbols: [Symbols] = [Symbols()]
        var follow: [UInt64] = [0]
        /// The positions of each possessive construct.
        var possessive: [UInt64] = []

        mutating func build(_ n: Node) -> Info? {
            switch n {
            case .empty:
                return Info(nullable: true, first: 0, last: 0)
            case .atom(let s):
                guard symbols.count <= AutomatonPattern.maxPositions else { return nil }
                let bit: UInt64 = 1 << UInt64(symbols.count)
                symbols.append(s)
                follow.append(0)
                return Info(nullable: false, first: bit, last: bit)
            case .concat(let items):
                var acc = Info(nullable: true, first: 0, last: 0)
                for item in items {
                    guard let b = build(item) else { return nil }
                    link(acc.last, to: b.first)
                    acc = Info(nullable: acc.nullable && b.nullable,
                               first: acc.first | (acc.nullable ? b.first : 0),
                               last: b.last | (b.nullable ? acc.last : 0))
                }
                return acc
            case .alternation(let branches):
                var acc = Info(nullable: false, first: 0, last: 0)
                for branch in branches {
                    guard let b = build(branch) else { return nil }
                    acc = Info(nullable: acc.nullable || b.nullable, first: acc.first | b.first, last: acc.last | b.last)
                }
                return acc
            case .repeated(let inner, let minimum, let maximum, let isPossessive):
                let before = symbols.count
                let info: Info?
                switch (minimum, maximum) {
                case (0, nil):
                    guard let x = build(inner) else { return nil }
                    link(x.last, to: x.first)
                    info = Info(nullable: true, first: x.first, last: x.last)
                case (0, 1):
                    guard let x = build(inner) else { return nil }
                    info = Info(nullable: true, first: x.first, last: x.last)
                default:
                    // X{n,m} = X…X (n copies) then (X(X(…)?)?)? (m - n nested optional copies:
                    // nested, so that each copy is reachable one way only); X{n,} = n copies then X*.
                    var parts: [Node] = Array(repeating: inner, count: minimum)
                    if let maximum, maximum > minimum {
                        var tail = Node.repeated(inner, min: 0, max: 1, possessive: false)
                        for _ in 0..<(maximum - minimum - 1) {
                            tail = .repeated(.concat([inner, tail]), min: 0, max: 1, possessive: false)
                        }
                        parts.append(tail)
                    } else if maximum == nil {
                        parts.append(.repeated(inner, min: 0, max: nil, possessive: false))
                    }
                    info = parts.isEmpty ? Info(nullable: true, first: 0, last: 0) : build(.concat(parts))
                }
                if isPossessive, info != nil {
                    var mask: UInt64 = 0
                    for k in before..<symbols.count { mask |= 1 << UInt64(k) }
                    possessive.append(mask)
                }
                return info
            }
        }

        mutating func link(_ from: UInt64, to: UInt64) {
            var f = from
            while f != 0 {
                let k = f.trailingZeroBitCount
                follow[k] |= to
                f &= f - 1
            }
        }

        /// Every position in or leading into a possessive construct has followers with
        /// pairwise disjoint symbols (see the type's comment).
        func deterministicWherePossessive(first: UInt64) -> Bool {
            guard !possessive.isEmpty else { return true }
            let region = possessive.reduce(0, |)
            var follow = self.follow
            follow[0] = first  // the start leads to the pattern's first positions
            for k in 0..<follow.count where region & (1 << UInt64(k)) != 0 || follow[k] & region != 0 {
                var f = follow[k]
                while f != 0 {
                    let a = f.trailingZeroBitCount
                    f &= f - 1
                    var g = f
                    while g != 0 {
                        let b = g.trailingZeroBitCount
                        g &= g - 1
                        if !symbols[a].isDisjoint(with: symbols[b]) { return false }
                    }
                }
            }
            return true
        }

        func automaton(_ info: Info) -> AutomatonPattern? {
            // Start position 0 reaches the pattern's first positions.
            var follow = self.follow
            follow[0] = info.first
            let startBit: UInt64 = 1
            let acceptMask = info.last
            // Symbols: 128 ASCII, BOS, EOS, and "any other byte" (no atom matches it).
            var symbolMasks = [UInt64](repeating: 0, count: 131)
            for k in 1..<symbols.count {
                let bit: UInt64 = 1 << UInt64(k)
                for b in 0..<128 where symbols[k].contains(ascii: b) { symbolMasks[b] |= bit }
                if symbols[k].bos { symbolMasks[128] |= bit }
                if symbols[k].eos { symbolMasks[129] |= bit }
            }
            var classMasks: [UInt64] = []
            var classOf = [Int](repeating: 0, count: 131)
            for s in 0..<131 {
                if let c = classMasks.firstIndex(of: symbolMasks[s]) {
                    classOf[s] = c
                } else {
                    classOf[s] = classMasks.count
                    classMasks.append(symbolMasks[s])
                }
            }
            let classes = classMasks.count
            var byteClass = [UInt8](repeating: UInt8(classOf[130]), count: 256)
            for b in 0..<128 { byteClass[b] = UInt8(classOf[b]) }

            // Rows: 0 is the absorbing accept state; every other state includes the start (search).
            if info.nullable { return nil }  // matches every subject: not worth a table
            var states: [UInt64] = [0, startBit]
            var index: [UInt64: Int] = [startBit: 1]
            var table: [Int32] = Array(repeating: 0, count: classes)  // accept row: stays
            var k = 1
            while k < states.count {
                let set = states[k]
                var reach: UInt64 = 0
                var s = set
                while s != 0 {
                    reach |= follow[s.trailingZeroBitCount]
                    s &= s - 1
                }
                for c in 0..<classes {
                    let next = (reach & classMasks[c])
                    if next & acceptMask != 0 {
                        table.append(0)
                        continue
                    }
                    let state = next | startBit
                    if let row = index[state] {
                        table.append(Int32(row * classes))
                    } else {
                        guard states.count < AutomatonPattern.maxStates else { return nil }
                        index[state] = states.count
                        table.append(Int32(states.count * classes))
                        states.append(state)
                    }
                }
                k += 1
            }
            // Bytes that keep each state: only where a whole class of bytes does (a loop).
            // The accept state keeps every byte.
            var stays = [UInt8](repeating: 1, count: 256)
            var staysRow = [Int32](repeating: -1, count: table.count)
            var staysRanges: [ByteRanges?] = [nil]
            staysRow[0] = 0
            for state in 1..<states.count {
                let row = state * classes
                var keep = [UInt8](repeating: 0, count: 256)
                var kept = 0
                for b in 0..<256 where Int(table[row + Int(byteClass[b])]) == row {
                    keep[b] = 1
                    kept += 1
                }
                guard kept >= 8 else { continue }
                staysRow[row] = Int32(stays.count)
                stays += keep
                staysRanges.append(ByteRanges(keep.map { $0 != 0 }))
            }
            let afterBOS = Int(table[classes + classOf[128]])
            let matchesEmpty = table[afterBOS + classOf[129]] == 0
            return AutomatonPattern(table: table, stays: stays, staysRow: staysRow, staysRanges: staysRanges,
                                    hasRanges: staysRanges.contains { $0 != nil },
                                    matchesEmpty: matchesEmpty,
                                    byteClass: byteClass, startRow: Int32(classes), acceptRow: 0,
                                    bosClass: classOf[128], eosClass: classOf[129])
        }
    }
}
