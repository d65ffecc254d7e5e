/// Warns about patterns that can backtrack catastrophically, at rule-load time.
///
/// Heuristic, not a proof. It reports a repeated group (`*`, `+`, `{n,}` or `{n,m}`
/// with m > 10; not possessive, not atomic) when
/// - one of its alternatives contains an unbounded quantifier and nothing mandatory in
///   that alternative separates iterations (`(a+)+`, `(\w+\s?)+`,
///   `([a-zA-Z0-9+/]+={0,2})+`), or
/// - two of its alternatives can start with the same character (`(a|aa)*`).
/// `([a-z]+\.)+` is not reported: every iteration must end with a `.` that `[a-z]+`
/// cannot consume, so there is only one way to split the text.
///
/// - Parameter pattern: An ECMA-262 pattern (need not be valid; invalid ones give nil).
/// - Returns: A human-readable warning, or nil.
public func catastrophicBacktrackingWarning(_ pattern: String) -> String? {
    var parser = BacktrackingAnalysis.Parser(pattern)
    guard let sequence = parser.parseAlternatives(), parser.atEnd else { return nil }
    var warning: String?
    BacktrackingAnalysis.visit(.group(sequence, atomic: true, offset: 0, length: 0)) { node in
        if warning == nil { warning = BacktrackingAnalysis.check(node, in: pattern) }
    }
    return warning
}

enum BacktrackingAnalysis {
    /// An over-approximation of the characters an item can consume.
    struct CharacterSet: Equatable {
        var low: UInt64 = 0  // U+0000–U+003F
        var high: UInt64 = 0  // U+0040–U+007F
        var nonASCII = false

        static let all = CharacterSet(low: .max, high: .max, nonASCII: true)

        init(low: UInt64 = 0, high: UInt64 = 0, nonASCII: Bool = false) {
            self.low = low
            self.high = high
            self.nonASCII = nonASCII
        }

        init(_ range: ClosedRange<UInt32>) {
            if range.upperBound >= 0x80 { nonASCII = true }
            guard range.lowerBound < 0x80 else { return }
            for value in range.lowerBound...min(range.upperBound, 0x7F) { insert(value) }
        }

        mutating func insert(_ value: UInt32) {
            if value < 64 { low |= 1 << UInt64(value) } else if value < 128 { high |= 1 << UInt64(value - 64) } else { nonASCII = true }
        }

        var isEmpty: Bool { low == 0 && high == 0 && !nonASCII }
        var inverted: CharacterSet { CharacterSet(low: ~low, high: ~high, nonASCII: true) }

        func union(_ other: CharacterSet) -> CharacterSet {
            CharacterSet(low: low | other.low, high: high | other.high, nonASCII: nonASCII || other.nonASCII)
        }

        func intersects(_ other: CharacterSet) -> Bool {
            low & other.low != 0 || high & other.high != 0 || (nonASCII && other.nonASCII)
        }

        static let digit = CharacterSet(0x30...0x39)
        static let word: CharacterSet = {
            var set = CharacterSet(0x30...0x39).union(CharacterSet(0x41...0x5A)).union(CharacterSet(0x61...0x7A))
            set.insert(0x5F)
            return set
        }()
        static let space = CharacterSet(0x09...0x0D).union(CharacterSet(0x20...0x20)).union(CharacterSet(0xA0...0xA0))
    }

    indirect enum Node {
        case characters(CharacterSet)
        case zeroWidth
        case group([[Node]], atomic: Bool, offset: Int, length: Int)
        case lookaround([[Node]])
        case repetition(Node, min: Int, max: Int?, possessive: Bool, offset: Int, length: Int)
    }

    static func visit(_ node: Node, _ body: (Node) -> Void) {
        body(node)
        switch node {
        case .group(let alternatives, _, _, _), .lookaround(let alternatives):
            for alternative in alternatives { for child in alternative { visit(child, body) } }
        case .repetition(let child, _, _, _, _, _):
            visit(child, body)
        case .characters, .zeroWidth:
            break
        }
    }

    static func check(_ node: Node, in pattern: String) -> String? {
        guard case .repetition(let child, _, let max, let possessive, let offset, let length) = node,
            !possessive, max.map({ $0 > 10 }) ?? true,
            case .group(let alternatives, atomic: false, _, _) = child
        else { return nil }
        let text = String(decoding: pattern.utf8.dropFirst(offset).prefix(length), as: UTF8.self)
        for alternative in alternatives {
            var inner = CharacterSet()
            for item in alternative { collectUnboundedRepeats(item, into: &inner) }
            if !inner.isEmpty && !hasSeparator(alternative, disjointFrom: inner) {
                return "pattern can backtrack catastrophically: the repeated group '\(text)' at offset \(offset)"
                    + " contains an unbounded quantifier, so the same text can be split into iterations"
                    + " in exponentially many ways; use a possessive quantifier, an atomic group,"
                    + " or an unambiguous rewrite"
            }
        }
        let starts = alternatives.map(firstCharacters)
        for first in starts.indices {
            for second in starts.indices where second > first && starts[first].intersects(starts[second]) {
                return "pattern can backtrack catastrophically: alternatives of the repeated group '\(text)'"
                    + " at offset \(offset) can start with the same character, so the same text can be"
                    + " matched in exponentially many ways; make the alternatives mutually exclusive"
            }
        }
        return nil
    }

    /// Characters consumed by unbounded, backtrackable quantifiers inside `node`.
    private static func collectUnboundedRepeats(_ node: Node, into set: inout CharacterSet) {
        switch node {
        case .repetition(let child, _, let max, let possessive, _, _):
            if max == nil && !possessive { set = set.union(consumed(child)) }
            collectUnboundedRepeats(child, into: &set)
        case .group(let alternatives, atomic: false, _, _):
            for alternative in alternatives { for item in alternative { collectUnboundedRepeats(item, into: &set) } }
        case .group, .lookaround, .characters, .zeroWidth:
            break
        }
    }

    /// Whether some mandatory top-level item of `sequence` can only consume characters
    /// outside `set` (so it pins down where each iteration ends).
    private static func hasSeparator(_ sequence: [Node], disjointFrom set: CharacterSet) -> Bool {
        sequence.contains { item in
            switch item {
            case .characters(let characters): !characters.intersects(set)
            case .repetition(let child, let min, _, _, _, _): min > 0 && !consumed(child).intersects(set)
            default: false
            }
        }
    }

    private static func consumed(_ node: Node) -> CharacterSet {
        switch node {
        case .characters(let set): set
        case .zeroWidth, .lookaround: CharacterSet()
        case .group(let alternatives, _, _, _):
            alternatives.joined().reduce(CharacterSet()) { $0.union(consumed($1)) }
        case .repetition(let child, _, _, _, _, _): consumed(child)
        }
    }

    private static func firstCharacters(_ sequence: [Node]) -> CharacterSet {
        var result = CharacterSet()
        for item in sequence {
            switch item {
            case .zeroWidth, .lookaround:
                continue
            case .characters(let set):
                return result.union(set)
            case .group(let alternatives, _, _, _):
                let firsts = alternatives.map(firstCharacters)
                result = firsts.reduce(result) { $0.union($1) }
                if alternatives.contains(where: \.isEmpty) { continue }
                return result
            case .repetition(let child, let min, _, _, _, _):
                result = result.union(firstCharacters([child]))
                if min > 0 { return result }
            }
        }
        return result
    }

    /// A lenient parser of ECMA-262 syntax into `Node`s; nil on anything it cannot read.
    struct Parser {
        private let bytes: [UInt8]
        private var position = 0

        init(_ pattern: String) { bytes = Array(pattern.utf8) }

        var atEnd: Bool { position == bytes.count }

        private func peek(_ ahead: Int = 0) -> UInt8? {
            position + ahead < bytes.count ? bytes[position + ahead] : nil
        }

        mutating func parseAlternatives() -> [[Node]]? {
            var alternatives: [[Node]] = []
            var sequence: [Node] = []
            while let byte = peek(), byte != UInt8(ascii: ")") {
                if byte == UInt8(ascii: "|") {
                    alternatives.append(sequence)
                    sequence = []
                    position += 1
                    continue
                }
                let start = position
                guard let atom = parseAtom() else { return nil }
                sequence.append(parseQuantifier(atom, start: start))
            }
            alternatives.append(sequence)
            return alternatives
        }

        private mutating func parseAtom() -> Node? {
            guard let byte = peek() else { return nil }
            let start = position
            position += 1
            switch byte {
            case UInt8(ascii: "("):
                var atomic = false
                var lookaround = false
                if peek() == UInt8(ascii: "?") {
                    switch peek(1) {
                    case UInt8(ascii: ":"): position += 2
                    case UInt8(ascii: ">"): position += 2; atomic = true
                    case UInt8(ascii: "="), UInt8(ascii: "!"): position += 2; lookaround = true
                    case UInt8(ascii: "<") where peek(2) == UInt8(ascii: "=") || peek(2) == UInt8(ascii: "!"):
                        position += 3
                        lookaround = true
                    case UInt8(ascii: "<"):
                        while let next = peek(), next != UInt8(ascii: ">") { position += 1 }
                        guard peek() != nil else { return nil }
                        position += 1
                    default: return nil
                    }
                }
                guard let alternatives = parseAlternatives(), peek() == UInt8(ascii: ")") else { return nil }
                position += 1
                if lookaround { return .lookaround(alternatives) }
                return .group(alternatives, atomic: atomic, offset: start, length: position - start)
            case UInt8(ascii: "["):
                return parseClass()
            case UInt8(ascii: "\\"):
                return parseEscape(inClass: false).map { .characters($0) } ?? .zeroWidth
            case UInt8(ascii: "."):
                return .characters(.all)
            case UInt8(ascii: "^"), UInt8(ascii: "$"):
                return .zeroWidth
            case UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"):
                return nil
            default:
                var set = CharacterSet()
                set.insert(UInt32(byte))  // a UTF-8 lead or continuation byte counts as non-ASCII
                while let next = peek(), next & 0xC0 == 0x80 { position += 1 }
                return .characters(set)
            }
        }

        private mutating func parseQuantifier(_ atom: Node, start: Int) -> Node {
            let min: Int
            let max: Int?
            switch peek() {
            case UInt8(ascii: "*"): (min, max) = (0, nil); position += 1
            case UInt8(ascii: "+"): (min, max) = (1, nil); position += 1
            case UInt8(ascii: "?"): (min, max) = (0, 1); position += 1
            case UInt8(ascii: "{"):
                let saved = position
                position += 1
                guard let low = parseNumber() else { position = saved; return atom }
                var high: Int? = low
                if peek() == UInt8(ascii: ",") {
                    position += 1
                    high = parseNumber()
                }
                guard peek() == UInt8(ascii: "}") else { position = saved; return atom }
                position += 1
                (min, max) = (low, high)
            default:
                return atom
            }
            var possessive = false
            if peek() == UInt8(ascii: "?") {
                position += 1
            } else if peek() == UInt8(ascii: "+") {
                position += 1
                possessive = true
            }
            return .repetition(atom, min: min, max: max, possessive: possessive, offset: start, length: position - start)
        }

        private mutating func parseNumber() -> Int? {
            var value: Int?
            while let byte = peek(), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                value = Swift.min((value ?? 0) * 10 + Int(byte - UInt8(ascii: "0")), 1_000_000)
                position += 1
            }
            return value
        }

        /// After the backslash. Returns nil for zero-width escapes (`\b`, `\B`).
        private mutating func parseEscape(inClass: Bool) -> CharacterSet? {
            guard let letter = peek() else { return .all }
            position += 1
            switch letter {
            case UInt8(ascii: "d"): return .digit
            case UInt8(ascii: "D"): return CharacterSet.digit.inverted
            case UInt8(ascii: "w"): return .word
            case UInt8(ascii: "W"): return CharacterSet.word.inverted
            case UInt8(ascii: "s"): return .space
            case UInt8(ascii: "S"): return CharacterSet.space.inverted
            case UInt8(ascii: "b"):
                if inClass { return CharacterSet(0x08...0x08) }
                return nil
            case UInt8(ascii: "B"): return nil
            case UInt8(ascii: "t"): return CharacterSet(0x09...0x09)
            case UInt8(ascii: "n"): return CharacterSet(0x0A...0x0A)
            case UInt8(ascii: "v"): return CharacterSet(0x0B...0x0B)
            case UInt8(ascii: "f"): return CharacterSet(0x0C...0x0C)
            case UInt8(ascii: "r"): return CharacterSet(0x0D...0x0D)
            case UInt8(ascii: "p"), UInt8(ascii: "P"), UInt8(ascii: "k"):
                if peek() == UInt8(ascii: "{") || peek() == UInt8(ascii: "<") {
                    while let next = peek(), next != UInt8(ascii: "}"), next != UInt8(ascii: ">") { position += 1 }
                    position = Swift.min(position + 1, bytes.count)
                }
                return .all
            case UInt8(ascii: "c"):
                position = Swift.min(position + 1, bytes.count)
                return CharacterSet(0x00...0x1F)
            case UInt8(ascii: "x"):
                position = Swift.min(position + 2, bytes.count)
                return .all
            case UInt8(ascii: "u"):
                if peek() == UInt8(ascii: "{") {
                    while let next = peek(), next != UInt8(ascii: "}") { position += 1 }
                    position = Swift.min(position + 1, bytes.count)
                } else {
                    position = Swift.min(position + 4, bytes.count)
                }
                return .all
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                // \0 or a backreference: skip the digits, assume anything.
                while let next = peek(), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(next) { position += 1 }
                return .all
            default:
                var set = CharacterSet()
                set.insert(UInt32(letter))
                return set
            }
        }

        private mutating func parseClass() -> Node? {
            var negated = false
            if peek() == UInt8(ascii: "^") {
                negated = true
                position += 1
            }
            var set = CharacterSet()
            var previous: UInt32?
            var pendingRange = false
            while let byte = peek(), byte != UInt8(ascii: "]") {
                position += 1
                var value: UInt32?
                if byte == UInt8(ascii: "\\") {
                    let escaped = parseEscape(inClass: true) ?? .all
                    if escaped.low.nonzeroBitCount + escaped.high.nonzeroBitCount == 1 && !escaped.nonASCII {
                        value = escaped.low != 0
                            ? UInt32(escaped.low.trailingZeroBitCount) : UInt32(64 + escaped.high.trailingZeroBitCount)
                    } else {
                        set = set.union(escaped)
                    }
                } else if byte == UInt8(ascii: "-"), previous != nil, peek() != UInt8(ascii: "]") {
                    pendingRange = true
                    continue
                } else {
                    value = byte < 0x80 ? UInt32(byte) : 0x80
                    while let next = peek(), next & 0xC0 == 0x80 { position += 1 }
                }
                if let value, pendingRange, let low = previous, low <= value {
                    set = set.union(CharacterSet(low...value))
                    previous = nil
                } else if let value {
                    set = set.union(CharacterSet(value...value))
                    previous = value
                }
                pendingRange = false
            }
            guard peek() == UInt8(ascii: "]") else { return nil }
            position += 1
            return .characters(negated ? set.inverted : set)
        }
    }
}
