import JSONStream

// Checks of a single value at its event: type, strings, numbers, and the keywords that compare
// whole values (enum, const, immutable, unique, equals).

extension ValidationSession {
    mutating func checkScalar(_ i: Int, _ e: JSONEvent, _ value: inout JSONValue?) {
        checkScalar(evals[i], e, &value)
    }

    /// `checkScalar` of evaluation `ev`, which need not be on the stack (see `onValue`'s leaf path).
    @inline(__always)
    mutating func checkScalar(_ ev: Eval, _ e: JSONEvent, _ value: inout JSONValue?) {
        let h = hot + ev.node
        let flags = h.pointee.flags
        let kind: JSONEventKind = e.kind == .key ? .string : e.kind
        let mask = h.pointee.typeMask
        if mask != 0, !TypeBits.accepts(mask, kind, isInteger: isIntegerNumber(e)) {
            scalarTypeMismatch(ev, e)
        }
        switch kind {
        case .string:
            if flags.contains(.checksStrings) { checkString(h, ev, e) }
        case .number:
            if flags.contains(.checksNumbers) {
                hotRefs[ev.node]._withUnsafeGuaranteedRef { checkNumber($0, sink: ev.sink, e, &value) }
            }
            if flags.contains(.checksCompactSize) {
                hotRefs[ev.node]._withUnsafeGuaranteedRef {
                    checkCompactSize($0, sink: ev.sink, size: e.sourceLength, position: nil)
                }
            }
        default:
            if flags.contains(.checksCompactSize) {
                hotRefs[ev.node]._withUnsafeGuaranteedRef {
                    checkCompactSize($0, sink: ev.sink, size: e.sourceLength, position: nil)
                }
            }
        }
        if flags.contains(.needsValue) {
            if e.kind == .string, !e.hasEscapes,
               hotRefs[ev.node]._withUnsafeGuaranteedRef({ Self.passesEnumOrConst($0, reader.rawBytes(e)) })
            {
                return  // an allowed string: nothing to report, no value to build
            }
            // `unique:` alone on a string: claimed from its bytes, no value built.
            if e.kind == .string, let ruleRef = hotRefs[ev.node]._withUnsafeGuaranteedRef({ $0.onlyUniqueRule }) {
                if !context.captureOnly {
                    ruleRef._withUnsafeGuaranteedRef { rule in
                        if e.hasEscapes {
                            let decoded = reader.withDecodedBytes(e) { Array($0) }
                            decoded.withUnsafeBytes { claim(rule, string: $0, position: nil) }
                        } else {
                            claim(rule, string: reader.rawBytes(e), position: nil)
                        }
                    }
                }
                return
            }
            guard hotRefs[ev.node]._withUnsafeGuaranteedRef({ wantsScalarValue($0) }) else { return }
            if value == nil { value = scalarValue(e) }
            if let v = value {
                hotRefs[ev.node]._withUnsafeGuaranteedRef { checkWholeValue($0, sink: ev.sink, v, position: nil) }
            }
        }
    }

    /// Whether `checkWholeValue` can do anything with a scalar of `node` in this run: `immutable`
    /// needs a previous document (or the capture of one), `equals` its parameter. Building the
    /// value (a `String` for a UUID) and dropping it unread was a record's largest allocation.
    @inline(__always)
    func wantsScalarValue(_ node: CompiledNode) -> Bool {
        guard node.valueOnlyForContext else { return true }
        if node.hasImmutable && (context.captureOnly || context.previous != nil) { return true }
        if let p = node.equalsParameter, !context.parameters.isEmpty, context.parameters[p] != nil { return true }
        return false
    }

    /// Whether a string (its bytes, no escapes) passes `node`'s `enum` and `const` and the node
    /// has no other whole-value keyword: then `checkWholeValue` would report nothing.
    static func passesEnumOrConst(_ node: CompiledNode, _ bytes: UnsafeRawBufferPointer) -> Bool {
        guard node.onlyEnumOrConst else { return false }
        func same(_ allowed: [UInt8]) -> Bool {
            allowed.count == bytes.count && allowed.withUnsafeBytes { a in
                a.isEmpty || (a.baseAddress.flatMap { x in bytes.baseAddress.map { memcmpBytes(x, $0, a.count) } } ?? false)
            }
        }
        if let choices = node.enumStrings, !choices.contains(where: same) { return false }
        if node.hasConst {
            guard let c = node.constString, same(c) else { return false }
        }
        return true
    }

    @inline(never)
    mutating func scalarTypeMismatch(_ ev: Eval, _ e: JSONEvent) {
        unowned(unsafe) let node = nodes[ev.node]
        if let t = node.schema.types { typeMismatch(node, t, sink: ev.sink, found: typeName(of: e)) }
    }

    mutating func typeMismatch(_ node: CompiledNode, _ t: Keyword<[JSONType]>, sink: Int, found: String,
                               position: (offset: Int, line: Int, column: Int)? = nil)
    {
        guard let expected = node.expectedTypes,
              !countsOnly(sink: sink, severity: node.severity(keyword: t.severity)) else { return }
        var message = MessageBuilder(reusing: &messageBuffer)
        appendSubject(to: &message)
        message.append(" must be ")
        message.append(string: expected.phrase)
        message.append("; found ")
        message.appendWithArticle(found)
        let text = message.finish(recycling: &messageBuffer)
        emit(.typeMismatch, node, t, sink: sink, text, limit: expected.list, actual: found, position: position)
    }

    // MARK: Strings

    /// A string's sizes against the bounds (one comparison each: absent bounds are neutral),
    /// then its content when the node has content keywords.
    @inline(__always)
    mutating func checkString(_ h: UnsafeMutablePointer<HotNode>, _ ev: Eval, _ e: JSONEvent) {
        if e.scalarCount > h.pointee.maxLength || e.scalarCount < h.pointee.minLength
            || e.byteCount > h.pointee.maxBytes || e.byteCount < h.pointee.minBytes
        {
            stringSizeFindings(nodes[ev.node], sink: ev.sink, e)
        }
        if h.pointee.flags.contains(.checksStringContent) {
            hotRefs[ev.node]._withUnsafeGuaranteedRef { checkStringContent($0, sink: ev.sink, e) }
        }
    }

    @inline(never)
    mutating func stringSizeFindings(_ node: CompiledNode, sink: Int, _ e: JSONEvent) {
        if let m = node.maxLength, e.scalarCount > m, let k = node.schema.maxLength {
            sizeFinding(.tooLong, node, k, sink: sink, actual: e.scalarCount, unit: "character", upper: true)
        }
        if let m = node.minLength, e.scalarCount < m, let k = node.schema.minLength {
            sizeFinding(.tooShort, node, k, sink: sink, actual: e.scalarCount, unit: "character", upper: false)
        }
        if let m = node.maxBytes, e.byteCount > m, let k = node.schema.maxBytes {
            sizeFinding(.tooManyBytes, node, k, sink: sink, actual: e.byteCount, unit: "byte", in: " in UTF-8", upper: true)
        }
        if let m = node.minBytes, e.byteCount < m, let k = node.schema.minBytes {
            sizeFinding(.tooFewBytes, node, k, sink: sink, actual: e.byteCount, unit: "byte", in: " in UTF-8", upper: false)
        }
    }

    mutating func checkStringContent(_ node: CompiledNode, sink: Int, _ e: JSONEvent) {
        if e.hasEscapes && node.onlyNotBlank && StringContentCheck.clearlyNotBlank(reader.rawBytes(e)) { return }
        if e.hasEscapes {
            reader.withDecodedBytes(e) { StringContentCheck.run(node, $0, into: &contentFindings) }
        } else {
            StringContentCheck.run(node, reader.rawBytes(e), into: &contentFindings)
        }
        if !contentFindings.isEmpty { reportContentFindings(node, sink: sink) }
    }

    /// What `StringContentCheck.run` left in `contentFindings`, reported (out of line: the
    /// messages' frame weighed on every checked string).
    @inline(never)
    mutating func reportContentFindings(_ node: CompiledNode, sink: Int) {
        var findings: [StringContentCheck.Finding] = []
        swap(&findings, &contentFindings)
        let name = subject()
        for f in findings { report(f, node: node, sink: sink, name: name) }
    }

    mutating func report(_ f: StringContentCheck.Finding, node: CompiledNode, sink: Int, name: String) {
        let s = node.schema
        switch f {
        case .patternMismatch(let value):
            if let k = s.pattern {
                emit(.patternMismatch, node, k, sink: sink, "\(name) \(value) does not match the pattern \(k.value)",
                     limit: k.value)
            }
        case .regexLimit(let reason):
            if let k = s.pattern {
                emit(.regexLimit, node, k, sink: sink,
                     "\(name) could not be checked against the pattern \(k.value): \(reason); no verdict",
                     limit: k.value, severity: .warning)
            }
        case .formatMismatch(let value):
            if let k = s.format, let format = node.format {
                emit(.formatMismatch, node, k, sink: sink,
                     "\(name) \(value) is not \(FormatChecker.describe(format))", limit: k.value)
            }
        case .blank:
            if let k = s.notBlank {
                emit(.blankValue, node, k, sink: sink, "\(name) must not be empty or only whitespace")
            }
        case .forbidden(let text, let offset):
            if let k = s.forbidden {
                emit(.forbiddenCharacter, node, k, sink: sink,
                     "\(name) contains \(quoted(text)) at character \(offset + 1), which is not allowed",
                     limit: k.value.joined(separator: " "), actual: text)
            }
        case .control(let scalar, let offset):
            if let k = s.forbidControl {
                emit(.forbiddenCharacter, node, k, sink: sink,
                     "\(name) contains the control character U+\(hex4(scalar)) at character \(offset + 1), which is not allowed",
                     actual: "U+" + hex4(scalar))
            }
        case .mediaType(let found):
            if let k = s.mediaType {
                emit(.unsupportedMediaType, node, k, sink: sink,
                     "\(name) is \(quoted(found)); the media type must be \(k.value)", limit: k.value, actual: found)
            }
        case .notAcceptable(let found):
            if let k = s.accepts {
                emit(.notAcceptable, node, k, sink: sink,
                     "\(name) \(quoted(found)) does not accept \(k.value)", limit: k.value, actual: found)
            }
        }
    }

    // MARK: Numbers

    mutating func checkNumber(_ node: CompiledNode, sink: Int, _ e: JSONEvent, _ value: inout JSONValue?) {
        if value == nil { value = scalarValue(e) }
        guard case .number(let n)? = value else { return }
        if let k = node.schema.minimum, n < k.value {
            emit(.outOfRange, node, k, sink: sink, "\(subject()) is \(n.text); the minimum is \(k.value.text)",
                 limit: k.value.text, actual: n.text)
        }
        if let k = node.schema.maximum, k.value < n {
            emit(.outOfRange, node, k, sink: sink, "\(subject()) is \(n.text); the maximum is \(k.value.text)",
                 limit: k.value.text, actual: n.text)
        }
        if let k = node.schema.exclusiveMinimum, !(k.value < n) {
            emit(.outOfRange, node, k, sink: sink, "\(subject()) is \(n.text); it must be greater than \(k.value.text)",
                 limit: k.value.text, actual: n.text)
        }
        if let k = node.schema.exclusiveMaximum, !(n < k.value) {
            emit(.outOfRange, node, k, sink: sink, "\(subject()) is \(n.text); it must be less than \(k.value.text)",
                 limit: k.value.text, actual: n.text)
        }
        if let k = node.schema.multipleOf, !n.isMultiple(of: k.value) {
            emit(.notMultiple, node, k, sink: sink, "\(subject()) is \(n.text); it must be a multiple of \(k.value.text)",
                 limit: k.value.text, actual: n.text)
        }
        if let k = node.schema.maxClockSkew, let t = n.intValue {
            let skew = t - context.now
            if skew.magnitude > UInt(k.value) {
                emit(.stale, node, k, sink: sink,
                     "\(subject()) \(t) is \(grouped(Int(skew.magnitude))) s \(skew < 0 ? "behind" : "ahead of") the clock (\(context.now)); at most ±\(k.value) s allowed",
                     limit: String(k.value), actual: String(skew))
            }
        }
    }

    // MARK: Whole values

    /// `maxBytes`/`minBytes` of a value that is not a string: its compact JSON text length.
    mutating func checkCompactSize(_ node: CompiledNode, sink: Int, size: Int,
                                   position: (offset: Int, line: Int, column: Int)?)
    {
        // The bounds' plain copies first: a `Keyword` is read (and copied) only for a finding.
        if let m = node.maxBytes, size > m, let k = node.schema.maxBytes {
            sizeFinding(.tooManyBytes, node, k, sink: sink, actual: size, unit: "byte", in: " as compact JSON",
                        upper: true, position: position)
        }
        if let m = node.minBytes, size < m, let k = node.schema.minBytes {
            sizeFinding(.tooFewBytes, node, k, sink: sink, actual: size, unit: "byte", in: " as compact JSON",
                        upper: false, position: position)
        }
    }

    /// A size bound crossed: "`name` is 2,049 characters long; at most 2,048 allowed".
    mutating func sizeFinding(_ code: DiagnosticCode, _ node: CompiledNode, _ k: Keyword<Int>, sink: Int,
                              actual: Int, unit: StaticString, in measure: StaticString = "", upper: Bool,
                              position: (offset: Int, line: Int, column: Int)? = nil)
    {
        guard !countsOnly(sink: sink, severity: node.severity(keyword: k.severity)) else { return }
        var message = MessageBuilder(reusing: &messageBuffer)
        appendSubject(to: &message)
        message.append(" is ")
        message.appendCount(actual, unit)
        message.append(" long")
        message.append(measure)
        message.append(upper ? "; at most " : "; at least ")
        message.appendGrouped(k.value)
        message.append(upper ? " allowed" : " required")
        let text = message.finish(recycling: &messageBuffer)
        emit(code, node, k, sink: sink, text, limit: decimal(k.value), actual: decimal(actual), position: position)
    }

    /// enum, const, immutable, unique, equals: the keywords that compare a value as a whole.
    mutating func checkWholeValue(_ node: CompiledNode, sink: Int, _ v: JSONValue,
                                  position: (offset: Int, line: Int, column: Int)?, containerPass: Bool = false)
    {
        // A container against an enum of scalars was decided when it started.
        let compareEnum = !containerPass || node.enumHasContainers
        if compareEnum, let k = node.schema.enumValues, !k.value.contains(v) {
            let list = node.enumList
            emit(.enumMismatch, node, k, sink: sink,
                 "\(subject()) is \(abbreviated(v)); allowed: \(list)\(k.value.count > 10 ? ", …" : "")",
                 limit: list, actual: v.description, position: position)
        }
        if compareEnum, let k = node.schema.const, k.value != v {
            emit(.enumMismatch, node, k, sink: sink, "\(subject()) is \(abbreviated(v)); it must be \(abbreviated(k.value))",
                 limit: k.value.description, actual: v.description, position: position)
        }
        if let k = node.schema.immutable {
            let pointer = currentPointer(appending: "")
            if context.captureOnly {
                output.captured[pointer] = v
            } else if let previous = context.previous?[pointer] {
                let applies = k.value == .always || !isEmptyValue(previous)
                if applies && previous != v {
                    emit(.immutableField, node, k, sink: sink,
                         "\(subject()) cannot change: it was \(abbreviated(previous)) and is now \(abbreviated(v))",
                         limit: previous.description, actual: v.description, position: position)
                }
            }
        }
        if let rule = node.uniqueRule, !context.captureOnly {
            if case .string(var text) = v {
                text.withUTF8 { claim(rule, string: UnsafeRawBufferPointer($0), position: position) }
            } else {
                claim(rule, other: v, position: position)
            }
        }
        if let k = node.schema.equals, let text = context.parameters[k.value] {
            let matches: Bool
            switch v {
            case .string(let str): matches = str == text
            case .number(let n): matches = JSONNumber(text) == n
            case .bool(let b): matches = (b ? "true" : "false") == text
            default: matches = false
            }
            if !matches {
                let param = k.value.split(separator: ".", maxSplits: 1).map(String.init)
                let described = param.count == 2 ? "the \(param[0]) parameter \(param[1])" : k.value
                emit(.inconsistentValue, node, k, sink: sink,
                     "\(subject()) is \(abbreviated(v)) but \(described) is \(quoted(text)); they must be equal",
                     limit: text, actual: v.description, position: position)
            }
        }
    }

    /// Claims a string value (its UTF-8) for `rule` at the current value.
    mutating func claim(_ rule: UniqueRule, string utf8: UnsafeRawBufferPointer,
                        position: (offset: Int, line: Int, column: Int)?)
    {
        if claims.items.capacity == 0 { reserveClaims() }
        let start = claims.bytes.count
        claims.bytes.append(contentsOf: utf8)
        addClaim(rule, hash: UniquenessLedger.hash(rule, utf8: utf8),
                 value: UniquenessLedger.Span32(start: start, count: Int32(utf8.count)), other: -1, position: position)
    }

    /// Claims a value that is not a string for `rule` at the current value.
    mutating func claim(_ rule: UniqueRule, other v: JSONValue, position: (offset: Int, line: Int, column: Int)?) {
        if claims.items.capacity == 0 { reserveClaims() }
        claims.others.append(v)
        addClaim(rule, hash: UniquenessLedger.hash(rule, value: v), value: UniquenessLedger.Span32(),
                 other: Int32(claims.others.count - 1), position: position)
    }

    /// Room for as many claims as the last payload made (at least two), some 64 bytes each: the
    /// arrays are handed over with the payload's output, so each payload starts anew. Gathered,
    /// they stay and grow: room for 256 to start with (a block of NDJSON records has hundreds).
    private mutating func reserveClaims() {
        let n = gathersClaims ? 256 : max(lastClaimCount, 2)
        claims.items.reserveCapacity(n)
        claims.bytes.reserveCapacity(n * 64)
    }

    /// Adds the claim whose value is already in `claims` (its bytes or other values), with its
    /// pointer and subject.
    private mutating func addClaim(_ rule: UniqueRule, hash: Int, value: UniquenessLedger.Span32, other: Int32,
                                   position: (offset: Int, line: Int, column: Int)?)
    {
        var pos = position ?? (currentOffset, currentLine, currentColumn)
        if context.positionless { pos = (0, 0, 0) }
        let pointerStart = claims.bytes.count
        if !context.pointerPrefix.isEmpty { claims.bytes.appendUTF8(context.pointerPrefix) }
        reader.appendPointer(to: &claims.bytes)
        var item = UniquenessLedger.Item(hash: hash, rule: claims.ruleIndex(rule), source: context.source,
                                         offset: pos.offset, line: pos.line, column: pos.column)
        item.value = value
        item.other = other
        item.pointer = UniquenessLedger.Span32(pointerStart..<claims.bytes.count)
        if let subject = subjectUnlessLastSegment() {
            item.subject = UniquenessLedger.Span32(claims.bytes.appendUTF8(subject))
        }
        claims.items.append(item)
    }

    func isEmptyValue(_ v: JSONValue) -> Bool {
        switch v {
        case .null: true
        case .string(let s): s.isEmpty
        case .array(let a): a.isEmpty
        case .object(let o): o.isEmpty
        default: false
        }
    }

    // MARK: Helpers

    mutating func scalarValue(_ e: JSONEvent) -> JSONValue {
        switch e.kind {
        case .string, .key: return .string(reader.string(e))
        case .number:
            return reader.withRawBytes(e) { JSONNumber(bytes: $0) }.map(JSONValue.number) ?? .null
        case .true: return .bool(true)
        case .false: return .bool(false)
        default: return .null
        }
    }

    /// (Inlined, the work in the static function: called on the session out of line, it copied
    /// the whole session, some 900 bytes, at every number a type test looked at.)
    @inline(__always)
    func isIntegerNumber(_ e: JSONEvent) -> Bool {
        guard e.kind == .number else { return false }
        return Self.isIntegerNumber(text: reader.rawBytes(e))
    }

    /// Whether a number's text has an integer value (`1.0` and `1e2` do; the text is valid JSON).
    static func isIntegerNumber(text: UnsafeRawBufferPointer) -> Bool {
        let plain = !text.contains { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }
        if plain { return true }
        return JSONNumber(bytes: text)?.isInteger ?? false
    }

    func typeName(of e: JSONEvent) -> String {
        switch e.kind {
        case .objectStart: "object"
        case .arrayStart: "array"
        case .string, .key: "string"
        case .number: isIntegerNumber(e) ? "integer" : "number"
        case .true, .false: "boolean"
        default: "null"
        }
    }

    /// How messages name the current value: its member name, `item N`, or the body/parameter.
    /// `subject()`, or nil when it is the member name that ends the pointer.
    func subjectUnlessLastSegment() -> String? {
        subjectName() == nil ? subject() : nil
    }

    /// `subject()` written into `message` (a member name is copied as bytes, not decoded).
    func appendSubject(to message: inout MessageBuilder) {
        if let key = subjectName() {
            message.append(utf8: key)
        } else {
            message.append(string: subject())
        }
    }

    /// The current member's name (decoded UTF-8) when that is how messages name the value.
    func subjectName() -> UnsafeRawBufferPointer? {
        let n = reader.pointerSegmentCount
        guard !checkingName, n > 0 else { return nil }
        return reader.currentKeyBytes(ofFrame: n - 1)
    }

    func subject() -> String {
        if let key = subjectName() { return String(decoding: key, as: UTF8.self) }
        if checkingName { return "the name" }
        let n = reader.pointerSegmentCount
        if n == 0 {
            if context.source == .body { return "the body" }
            return String(context.pointerPrefix.dropFirst())
        }
        return "item \(reader.currentIndex(ofFrame: n - 1) ?? 0)"
    }
}

/// `2,049`: digits grouped by thousands (`MessageBuilder.appendGrouped`).
func grouped(_ n: Int) -> String {
    var m = MessageBuilder(capacity: 28)
    m.appendGrouped(n)
    return m.text
}

/// `2,049 characters`, `1 byte` (`MessageBuilder.appendCount`).
func count(_ n: Int, _ unit: StaticString) -> String {
    var m = MessageBuilder(capacity: 40)
    m.appendCount(n, unit)
    return m.text
}

/// A value for a message: JSON text, cut at 60 characters.
func abbreviated(_ v: JSONValue) -> String { abbreviated(v.description) }

/// `text`, cut to 57 characters and `…` when it is longer than 60.
func abbreviated(_ text: String) -> String {
    // No more characters than UTF-8 bytes: most values are decided without counting characters.
    guard text.utf8.count > 60, text.count > 60 else { return text }
    return String(text.prefix(57)) + "…"
}

func hex4(_ v: UInt32) -> String {
    let s = String(v, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - s.count)) + s
}

/// `an object`, `a string` (`MessageBuilder.appendWithArticle`).
func withArticle(_ typeName: String) -> String {
    var m = MessageBuilder(capacity: typeName.utf8.count + 3)
    m.appendWithArticle(typeName)
    return m.text
}
