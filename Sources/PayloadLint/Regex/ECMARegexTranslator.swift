/// Rewrites an ECMA-262 regular expression (JSON Schema `pattern`, `u` flag semantics)
/// into an equivalent PCRE2 pattern.
///
/// A small tokenizer walks the pattern one Unicode scalar at a time, tracking escapes
/// and character classes; no regular expressions are used to rewrite regular
/// expressions. Where the two dialects agree, text is copied; where they differ, the
/// ECMA meaning is spelled out explicitly:
///
///     ECMA-262                   PCRE2 (UTF, DOLLAR_ENDONLY, no UCP)
///     ^\s\S.\v$                  ^[\x{9}-\x{d}\x{20}…][\x{0}-\x{8}…][^\x{a}\x{d}\x{2028}\x{2029}]\x{b}$
///     \cC \x41 \u00e9 \u{1F600}  \x{3} \x{41} \x{e9} \x{1f600}
///     \uD83D\uDE00               \x{1f600}            (surrogate pair, one scalar)
///     \1                         \g{1}                (never an octal escape)
///     \p{Letter} \p{digit}       \p{L} \p{Nd}         (ECMA names, PCRE2 short names)
///     \p{Script=Greek}           \p{sc:Greek}         (Script, not Script_Extensions)
///     [] [^]                     [^\x{0}-\x{10ffff}] [\x{0}-\x{10ffff}]
///     [a-z\s[]                   [\x{61}-\x{7a}\x{9}-\x{d}…\x{5b}]   (no POSIX [: :] classes)
///
/// `\d`, `\w` and `\b` stay as they are: without PCRE2_UCP they are ASCII-only, as in
/// ECMA-262. Anything ECMA-262 (with the `u` flag) rejects and PCRE2 would read
/// differently is an error here: `\a`, `\e`, `\Z` (PCRE2: end *or before a final
/// newline*), `\h`, `\R`, `\Q`, octal `\012`, lone `{`/`}`/`]`, `(*VERB)`, `(?i)`-style
/// options and other PCRE2-only groups.
///
/// A few PCRE2 extensions are deliberately accepted because ECMA-262 rejects them as
/// syntax errors, so they cannot change the meaning of any valid ECMA pattern:
/// possessive quantifiers (`a*+`, `a{2,}+`), atomic groups (`(?>…)`), and the absolute
/// anchors `\A` and `\z` (outside classes; the shipped rules use `^(?:\z|…)`). Identity
/// escapes of any ASCII punctuation (`\-`, `\"`, `\,`) are accepted as literals, as in
/// ECMA-262 without the `u` flag. PCRE2 itself still rejects what it cannot do, e.g.
/// variable-length lookbehind (`(?<=a+)`), with its own message.
struct ECMARegexTranslator {
    /// The PCRE2 pattern and the way back to offsets in the original pattern.
    struct Translation: Sendable {
        /// One entry per emitted token: where it starts in the output and in the source.
        struct Mark: Sendable {
            let translated: Int
            let source: Int
        }

        let pattern: String
        let marks: [Mark]
        let sourceLength: Int

        /// The source byte offset of the token that produced translated byte `offset`.
        ///
        /// - Parameter offset: A UTF-8 byte offset in `pattern`, e.g. from a PCRE2 error.
        /// - Returns: A UTF-8 byte offset in the original pattern.
        func sourceOffset(forTranslatedOffset offset: Int) -> Int {
            var low = 0
            var high = marks.count
            while low < high {  // first mark with translated > offset
                let mid = (low + high) / 2
                if marks[mid].translated <= offset { low = mid + 1 } else { high = mid }
            }
            if low == marks.count, offset >= pattern.utf8.count { return sourceLength }
            return low == 0 ? 0 : marks[low - 1].source
        }
    }

    /// Translates `pattern`.
    ///
    /// - Parameter pattern: An ECMA-262 regular expression.
    /// - Returns: The PCRE2 pattern and an offset map.
    /// - Throws: `RegexError` for syntax ECMA-262 rejects or PCRE2 would misread.
    static func translate(_ pattern: String) throws(RegexError) -> Translation {
        var translator = ECMARegexTranslator(pattern)
        try translator.run()
        return Translation(
            pattern: String(decoding: translator.output, as: UTF8.self),
            marks: translator.marks,
            sourceLength: pattern.utf8.count
        )
    }

    private let scalars: [Unicode.Scalar]
    /// UTF-8 offset of each scalar, plus one entry for the end of the pattern.
    private let offsets: [Int]
    private var index = 0
    private var output: [UInt8] = []
    private var marks: [Translation.Mark] = []

    private init(_ pattern: String) {
        scalars = Array(pattern.unicodeScalars)
        var offsets: [Int] = []
        offsets.reserveCapacity(scalars.count + 1)
        var offset = 0
        for scalar in scalars {
            offsets.append(offset)
            offset += UTF8.width(scalar)
        }
        offsets.append(offset)
        self.offsets = offsets
        output.reserveCapacity(pattern.utf8.count * 2)
    }

    // MARK: Top level

    private mutating func run() throws(RegexError) {
        while index < scalars.count {
            mark()
            let scalar = scalars[index]
            switch scalar {
            case "\\": try translateEscape()
            case "[": try translateClass()
            case ".":
                emit(Self.dot)
                index += 1
            case "(": try translateGroupOpening()
            case "{": try translateBraceQuantifier()
            case "}", "]":
                throw failure("lone '\(scalar)' is not allowed; escape it as '\\\(scalar)'", at: index)
            default:
                emit(scalar)
                index += 1
            }
        }
    }

    private mutating func translateGroupOpening() throws(RegexError) {
        let start = index
        index += 1
        if peek() == "*" {
            throw failure("'(*' is not ECMA-262 (PCRE2 verbs and options are not allowed)", at: start)
        }
        guard peek() == "?" else {
            emit("(")
            return
        }
        index += 1
        switch peek() {
        case ":", "=", "!", ">":
            emit("(?")
            emit(scalars[index])
            index += 1
        case "<" where peek(1) == "=" || peek(1) == "!":
            emit("(?<")
            emit(scalars[index + 1])
            index += 2
        case "<":
            index += 1
            let name = try groupName(start: start)
            emit("(?<\(name)>")
        default:
            throw failure(
                "unsupported group '(?…'; ECMA-262 allows (?:…), (?=…), (?!…), (?<=…), (?<!…) and (?<name>…)",
                at: start)
        }
    }

    /// Reads `name>` (the `<` already consumed) and returns `name`.
    private mutating func groupName(start: Int) throws(RegexError) -> String {
        var name = ""
        while let scalar = peek(), scalar != ">" {
            let isLetter = scalar.isASCII && (scalar.properties.isAlphabetic || scalar == "_")
            let isDigit = ("0"..."9").contains(scalar)
            guard isLetter || (isDigit && !name.isEmpty) else {
                throw failure("group names must be ASCII letters, digits and '_' and start with a letter", at: index)
            }
            name.unicodeScalars.append(scalar)
            index += 1
        }
        guard peek() == ">", !name.isEmpty else {
            throw failure("malformed group name; expected <name>", at: start)
        }
        index += 1
        return name
    }

    /// `{n}`, `{n,}` or `{n,m}`; anything else is a lone `{`, which ECMA-262 (`u`) rejects.
    private mutating func translateBraceQuantifier() throws(RegexError) {
        let start = index
        var cursor = index + 1
        let minDigits = digitCount(from: cursor)
        cursor += minDigits
        var valid = minDigits > 0
        if valid, cursor < scalars.count, scalars[cursor] == "," {
            cursor += 1
            cursor += digitCount(from: cursor)
        }
        valid = valid && cursor < scalars.count && scalars[cursor] == "}"
        guard valid else {
            throw failure("lone '{' is not allowed; escape it as '\\{' or write {n}, {n,} or {n,m}", at: start)
        }
        for position in start...cursor { emit(scalars[position]) }
        index = cursor + 1
    }

    // MARK: Escapes

    private mutating func translateEscape() throws(RegexError) {
        let start = index
        guard let letter = peek(1) else { throw failure("'\\' at end of pattern", at: start) }
        index += 2
        switch letter {
        case "d", "D", "w", "W", "b", "B", "t", "n", "r", "f", "A", "z":
            emit("\\")
            emit(letter)  // \A and \z: PCRE2 extensions, see the type's comment
        case "v":
            emit("\\x{b}")
        case "s":
            emit("[\(Self.whiteSpace)]")
        case "S":
            emit("[\(Self.nonWhiteSpace)]")
        case "p", "P":
            emit(try unicodeProperty(negated: letter == "P", start: start))
        case "k":
            guard peek() == "<" else { throw failure("'\\k' must be followed by <name>", at: start) }
            index += 1
            emit("\\k<\(try groupName(start: start))>")
        case "1"..."9":
            index = start + 1
            var number = 0
            while let digit = peek(), let value = Self.decimalValue(digit) {
                number = min(number * 10 + value, 1_000_000)
                index += 1
            }
            emit("\\g{\(number)}")
        default:
            emitHex(try characterEscape(letter, start: start))
        }
    }

    /// An escape that stands for one character; `index` is just past `letter`.
    private mutating func characterEscape(_ letter: Unicode.Scalar, start: Int) throws(RegexError) -> UInt32 {
        switch letter {
        case "t": return 0x09
        case "n": return 0x0A
        case "v": return 0x0B
        case "f": return 0x0C
        case "r": return 0x0D
        case "0":
            if let next = peek(), Self.decimalValue(next) != nil {
                throw failure("octal escapes are not ECMA-262; use \\x or \\u", at: start)
            }
            return 0
        case "c":
            guard let control = peek(), control.isASCII, control.properties.isAlphabetic else {
                throw failure("'\\c' must be followed by an ASCII letter", at: start)
            }
            index += 1
            return control.value % 32
        case "x":
            guard let value = hexNumber(digits: 2) else {
                throw failure("'\\x' must be followed by exactly two hex digits", at: start)
            }
            return value
        case "u":
            return try unicodeEscape(start: start)
        default:
            let value = letter.value
            let isPunctuation = (0x21...0x2F).contains(value) || (0x3A...0x40).contains(value)
                || (0x5B...0x60).contains(value) || (0x7B...0x7E).contains(value)
            guard isPunctuation else {
                throw failure("'\\\(letter)' is not an ECMA-262 escape", at: start)
            }
            return value
        }
    }

    /// `\uHHHH`, `\uHHHH\uHHHH` (surrogate pair) or `\u{H…}`; `index` is just past `u`.
    private mutating func unicodeEscape(start: Int) throws(RegexError) -> UInt32 {
        var value: UInt32
        if peek() == "{" {
            index += 1
            var digits = 0
            value = 0
            while let scalar = peek(), let digit = Self.hexValue(scalar) {
                value = min(value &* 16 &+ digit, 0x11_0000)
                digits += 1
                index += 1
            }
            guard digits > 0, peek() == "}", value <= 0x10_FFFF else {
                throw failure("'\\u{…}' must hold 1 or more hex digits up to 10FFFF", at: start)
            }
            index += 1
        } else {
            guard let unit = hexNumber(digits: 4) else {
                throw failure("'\\u' must be followed by four hex digits or {hex}", at: start)
            }
            value = unit
            if (0xD800...0xDBFF).contains(unit), peek() == "\\", peek(1) == "u" {
                let saved = index
                index += 2
                if let low = hexNumber(digits: 4), (0xDC00...0xDFFF).contains(low) {
                    value = 0x1_0000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    index = saved
                }
            }
        }
        if (0xD800...0xDFFF).contains(value) {
            throw failure("lone surrogate escapes cannot match UTF-8 text and are not supported", at: start)
        }
        return value
    }

    /// `\p{…}` / `\P{…}`; `index` is just past the `p`.
    private mutating func unicodeProperty(negated: Bool, start: Int) throws(RegexError) -> String {
        guard peek() == "{" else { throw failure("'\\p' must be followed by {property}", at: start) }
        index += 1
        var body = ""
        while let scalar = peek(), scalar != "}" {
            body.unicodeScalars.append(scalar)
            index += 1
        }
        guard peek() == "}" else { throw failure("missing '}' after '\\p{'", at: start) }
        index += 1
        guard let translated = Self.pcre2Property(body, negated: negated) else {
            throw failure("unknown or unsupported Unicode property '\(body)'", at: start)
        }
        return translated
    }

    // MARK: Character classes

    private enum ClassAtom {
        case scalar(UInt32)
        case set(String)
    }

    private mutating func translateClass() throws(RegexError) {
        let start = index
        index += 1
        var negated = false
        if peek() == "^" {
            negated = true
            index += 1
        }
        if peek() == "]" {  // ECMA: [] matches nothing, [^] matches any character
            index += 1
            emit(negated ? "[\\x{0}-\\x{10ffff}]" : "[^\\x{0}-\\x{10ffff}]")
            return
        }
        emit(negated ? "[^" : "[")
        while true {
            guard let scalar = peek() else {
                throw failure("missing terminating ] for character class", at: start)
            }
            if scalar == "]" {
                index += 1
                emit("]")
                return
            }
            mark()
            let atomStart = index
            let atom = try classAtom()
            if peek() == "-", let after = peek(1), after != "]" {
                index += 1
                let high = try classAtom()
                guard case .scalar(let lowValue) = atom, case .scalar(let highValue) = high else {
                    throw failure("a class escape like \\d or \\s cannot be a range endpoint", at: atomStart)
                }
                guard lowValue <= highValue else {
                    throw failure("range out of order in character class", at: atomStart)
                }
                emitHex(lowValue)
                emit("-")
                emitHex(highValue)
            } else {
                switch atom {
                case .scalar(let value): emitHex(value)
                case .set(let text): emit(text)
                }
            }
        }
    }

    private mutating func classAtom() throws(RegexError) -> ClassAtom {
        let start = index
        let scalar = scalars[index]
        index += 1
        guard scalar == "\\" else { return .scalar(scalar.value) }
        guard let letter = peek() else { throw failure("'\\' at end of pattern", at: start) }
        index += 1
        switch letter {
        case "d", "D", "w", "W": return .set("\\\(letter)")
        case "s": return .set(Self.whiteSpace)
        case "S": return .set(Self.nonWhiteSpace)
        case "p", "P": return .set(try unicodeProperty(negated: letter == "P", start: start))
        case "b": return .scalar(0x08)
        case "-": return .scalar(0x2D)
        case "B", "k", "1"..."9":
            throw failure("'\\\(letter)' is not allowed in a character class", at: start)
        default: return .scalar(try characterEscape(letter, start: start))
        }
    }

    // MARK: Helpers

    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        let position = index + ahead
        return position < scalars.count ? scalars[position] : nil
    }

    private func failure(_ message: String, at position: Int) -> RegexError {
        RegexError(message: message, offset: offsets[min(position, offsets.count - 1)])
    }

    private mutating func mark() {
        marks.append(Translation.Mark(translated: output.count, source: offsets[index]))
    }

    private mutating func emit(_ text: String) {
        output.append(contentsOf: text.utf8)
    }

    private mutating func emit(_ scalar: Unicode.Scalar) {
        UTF8.encode(scalar) { output.append($0) }
    }

    private mutating func emitHex(_ value: UInt32) {
        emit("\\x{\(String(value, radix: 16))}")
    }

    private func digitCount(from position: Int) -> Int {
        var cursor = position
        while cursor < scalars.count, Self.decimalValue(scalars[cursor]) != nil { cursor += 1 }
        return cursor - position
    }

    /// Reads exactly `digits` hex digits, or leaves `index` alone and returns nil.
    private mutating func hexNumber(digits: Int) -> UInt32? {
        var value: UInt32 = 0
        for offset in 0..<digits {
            guard let scalar = peek(offset), let digit = Self.hexValue(scalar) else { return nil }
            value = value * 16 + digit
        }
        index += digits
        return value
    }

    private static func decimalValue(_ scalar: Unicode.Scalar) -> Int? {
        ("0"..."9").contains(scalar) ? Int(scalar.value - 0x30) : nil
    }

    private static func hexValue(_ scalar: Unicode.Scalar) -> UInt32? {
        switch scalar {
        case "0"..."9": scalar.value - 0x30
        case "a"..."f": scalar.value - 0x61 + 10
        case "A"..."F": scalar.value - 0x41 + 10
        default: nil
        }
    }

    // MARK: Fixed translations

    /// ECMA `.`: anything but a LineTerminator.
    static let dot = "[^\\x{a}\\x{d}\\x{2028}\\x{2029}]"

    /// ECMA WhiteSpace + LineTerminator, as closed ranges.
    static let whiteSpaceRanges: [ClosedRange<UInt32>] = [
        0x09...0x0D, 0x20...0x20, 0xA0...0xA0, 0x1680...0x1680, 0x2000...0x200A,
        0x2028...0x2029, 0x202F...0x202F, 0x205F...0x205F, 0x3000...0x3000, 0xFEFF...0xFEFF,
    ]

    /// Class items (no brackets) for `\s`.
    static let whiteSpace = classItems(whiteSpaceRanges)

    /// Class items (no brackets) for `\S`: the complement of `\s` over all scalars.
    /// Spelled as ranges so it can be spliced into any class, negated or not.
    static let nonWhiteSpace: String = {
        var complement: [ClosedRange<UInt32>] = []
        var next: UInt32 = 0
        for range in whiteSpaceRanges {
            if range.lowerBound > next { complement.append(next...(range.lowerBound - 1)) }
            next = range.upperBound + 1
        }
        complement.append(next...0x10_FFFF)
        return classItems(complement)
    }()

    private static func classItems(_ ranges: [ClosedRange<UInt32>]) -> String {
        var text = ""
        for range in ranges {
            text += "\\x{\(String(range.lowerBound, radix: 16))}"
            if range.upperBound != range.lowerBound {
                text += "-\\x{\(String(range.upperBound, radix: 16))}"
            }
        }
        return text
    }
}
