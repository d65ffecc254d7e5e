import JSONStream

/// The validator's form of a `SchemaNode`: regexes compiled, member names hashed, and flags
/// that let the hot path skip whole groups of keywords.
final class CompiledNode: Sendable {
    let id: SchemaID
    let schema: SchemaNode

    /// `false` schema: nothing is valid.
    let isFalse: Bool
    /// Bit per `JSONType` (see `TypeBits`); 0 when the node has no `type`.
    let typeMask: UInt8
    /// `type` as `type_mismatch` states it (`string or null`), and with its article (`a string or
    /// null`): built once, not per finding.
    let expectedTypes: (list: String, phrase: String)?

    let regex: CompiledRegex?
    /// `regex` without a retain per use (the node keeps it alive): checked for every string the
    /// node sees, member names under `propertyNames` included.
    let regexRef: Unmanaged<CompiledRegex>?
    let format: FormatName?
    let forbidden: [[UInt8]]

    /// Every member name the node mentions (properties, required, dependent*, clearedIfAbsent),
    /// by slot; `HotProgram` turns them into the lookup tables.
    let nameList: [String]
    /// Per slot: the `properties` schema, -1 when the name is only mentioned elsewhere.
    let slotSchema: [SchemaID]
    let requiredSlots: [Int]
    let patternRegexes: [(regex: CompiledRegex, schema: SchemaID)]

    /// Whether any keyword that looks at strings / numbers / objects / arrays is present.
    let checksStrings: Bool
    let checksNumbers: Bool
    let checksObjects: Bool
    let checksArrays: Bool
    /// The instance's value is needed as a whole (containers are then captured).
    let needsValue: Bool
    /// Of the whole-value keywords, the node has only `immutable` and/or `equals`: they compare
    /// against a previous document or a parameter, and a scalar's value need not be built when
    /// the run has neither (`ValidationSession.wantsScalarValue`).
    let valueOnlyForContext: Bool
    let hasImmutable: Bool
    /// `equals`: the parameter compared with (`path.userId`).
    let equalsParameter: String?
    /// `enum`/`const` contain an object or array (only then must a container be captured for them).
    let enumHasContainers: Bool
    /// The first ten `enum` values as a message lists them (`"a", "b"`), built once: a branch that
    /// is evaluated side by side and then dropped (`then: {enum: …}` under an `if` that fails)
    /// had rendered the list for every value it saw.
    let enumList: String
    /// Keywords that create branches or apply more schemas to the same instance.
    let hasApplicators: Bool
    /// Keywords checked when a container ends.
    let hasContainerEndChecks: Bool

    // Plain copies of the keywords the validator tests before reporting (and from which
    // `HotNode` packs what it reads for every value). Reading a `Keyword` (or the `SchemaNode`)
    // copies strings and arrays, which costs a retain and a release each; the keyword itself is
    // read only when a finding is reported.
    let isTrue: Bool
    let minLength: Int?
    let maxLength: Int?
    let minBytes: Int?
    let maxBytes: Int?
    /// pattern, format, notBlank, forbidden, forbidControl, mediaType, accepts.
    let checksStringContent: Bool
    /// `notBlank` is the only content keyword: a string with escapes need not be decoded when its
    /// source shows a non-blank ASCII character outside its escapes
    /// (`StringContentCheck.clearlyNotBlank`).
    let onlyNotBlank: Bool
    /// `forbidden`, `forbidControl`, `mediaType` or `accepts` is set: one test per string stands
    /// for four when none is (most string schemas).
    let hasRareContentChecks: Bool
    /// `notBlank: true`, `forbidControl: true`, `mediaType`, `accepts`: read per string, so kept
    /// plain (`StringContentCheck.run` would otherwise copy the whole `SchemaNode` per value).
    let notBlank: Bool
    let forbidControl: Bool
    let mediaType: String?
    let accepts: String?
    let additional: SchemaID
    let additionalIsFalse: Bool
    let propertyNamesSchema: SchemaID
    let unknownPolicy: UnknownPropertyPolicy?
    /// The severity of this node's `unknown_property` findings (nil: none, `ignore`), so that an
    /// unwanted one (`--quiet` and `warn`) is dropped before its keyword is read.
    let unknownSeverity: Severity?
    let prefixItems: [SchemaID]
    let itemsSchema: SchemaID
    let itemsIsFalse: Bool
    let containsSchema: SchemaID
    let hasEnumOrConst: Bool
    /// An object / array instance must be captured whole (see `ValueCapture`).
    let capturesObject: Bool
    let capturesArray: Bool
    let maxDepth: Int?
    /// `maxKeyPathLength` and `maxPropertyPaths`, for the trackers an object opens.
    let maxKeyPathLength: Int?
    let maxPropertyPaths: Int?
    var tracksKeyPath: Bool { maxKeyPathLength != nil }
    var tracksPropertyPaths: Bool { maxPropertyPaths != nil }
    let keyPathSeparatorLength: Int
    // Applicators, as plain ids (-1: absent).
    let ref: SchemaID
    let allOf: [SchemaID]
    let anyOf: [SchemaID]
    let oneOf: [SchemaID]
    let notSchema: SchemaID
    /// `if` with its `then`/`else` (only when one of those is present: `if` alone does nothing).
    let conditional: [SchemaID]
    let hasThen: Bool
    let hasElse: Bool
    let dependentSchemas: [(slot: Int, schema: SchemaID)]
    // Container-end keywords, read without touching the `SchemaNode`.
    let maxProperties: Int?
    let minProperties: Int?
    let hasDependentRequired: Bool
    /// maxItems, minItems, uniqueItems, contains.
    let checksArrayEnd: Bool
    /// `clearedIfAbsent`, per name: its slot, the finding's default message and the pointer
    /// suffix (`/name`), built once here rather than for every finding. Separate arrays: reading
    /// one field of a tuple element copied the whole tuple (a retain per string).
    let clearedSlots: [Int]
    /// `requiredSlots` and `clearedSlots` as bits of `Eval.present` (slots below 64), and whether
    /// some slot is beyond: an object's end tests the bits, not the arrays (reading an array of
    /// the node retained and released it at every object's end).
    let requiredMask: UInt64
    let requiredBeyondMask: Bool
    let clearedMask: UInt64
    let clearedBeyondMask: Bool
    let clearedMessages: [String]
    let clearedPointerSuffixes: [String]
    /// The `clearedIfAbsent` keyword's location and overrides, read in place (a `Keyword` read
    /// copies its list; an optional tuple of them was copied whole too).
    let clearedLocation: RuleLocation
    let clearedKeywordSeverity: Severity?
    let clearedKeywordMessage: String?
    /// The severity `cleared_field` findings of this node get.
    let clearedSeverity: Severity
    /// `unique:`, shared by the node's claims.
    let uniqueRule: UniqueRule?
    /// Whole-value keywords are only `enum`/`const`: a string without escapes that is among
    /// `enumStrings` (nil: no `enum`) and equals `constString` (when there is a `const`) passes
    /// on its bytes, without building its value. Anything else takes the full path.
    let onlyEnumOrConst: Bool
    /// `uniqueRule` when `unique:` is the only whole-value keyword (a string is then claimed from
    /// its bytes), unretained: this node keeps it alive. Returned strong from the node, the rule
    /// was retained and released at every claim, atomically, on an object all workers share.
    let onlyUniqueRule: Unmanaged<UniqueRule>?
    let enumStrings: [[UInt8]]?
    let hasConst: Bool
    let constString: [UInt8]?

    /// The severity of one of this node's findings: the keyword's own, else the node's, else
    /// `fallback` (the finding's default).
    func severity(keyword: Severity?, fallback: Severity = .error) -> Severity {
        Self.severity(keyword: keyword, schema: schema, fallback: fallback)
    }

    /// The one rule: the keyword's own `severity`, else the schema's, else the check's default.
    static func severity(keyword: Severity?, schema: SchemaNode, fallback: Severity) -> Severity {
        keyword ?? schema.severity ?? fallback
    }

    /// The node is a `$ref` and nothing else: no keyword of its own to check or report.
    var isPureRef: Bool {
        ref >= 0 && !isFalse && !isTrue && typeMask == 0 && !checksStrings && !checksNumbers && !checksObjects
            && !checksArrays && !needsValue && !hasContainerEndChecks && allOf.isEmpty && anyOf.isEmpty
            && oneOf.isEmpty && notSchema < 0 && conditional.isEmpty && dependentSchemas.isEmpty
            && maxDepth == nil && !tracksKeyPath && !tracksPropertyPaths && schema.ifSchema == nil
    }

    init(id: SchemaID, schema: SchemaNode, regex: CompiledRegex?, format: FormatName?,
         patternRegexes: [(regex: CompiledRegex, schema: SchemaID)], isFalse: (SchemaID) -> Bool)
    {
        self.id = id
        self.schema = schema
        self.isFalse = schema.boolean == false
        var mask: UInt8 = 0
        for t in schema.types?.value ?? [] { mask |= TypeBits.bit(t) }
        self.typeMask = mask
        self.expectedTypes = schema.types.map {
            let list = $0.value.map(\.rawValue).joined(separator: " or ")
            return (list, withArticle(list))
        }
        self.regex = regex
        self.regexRef = regex.map { Unmanaged.passUnretained($0) }
        self.format = format
        self.forbidden = (schema.forbidden?.value ?? []).map { Array($0.utf8) }
        self.patternRegexes = patternRegexes

        var names: [String] = []
        var schemas: [SchemaID] = []
        func slot(_ name: String) -> Int {
            if let i = names.firstIndex(of: name) { return i }
            names.append(name)
            schemas.append(-1)
            return names.count - 1
        }
        for p in schema.properties?.value ?? [] { schemas[slot(p.name)] = p.schema }
        self.requiredSlots = (schema.required?.value ?? []).map(slot)
        for d in schema.dependentRequired?.value ?? [] {
            _ = slot(d.name)
            for r in d.requires { _ = slot(r) }
        }
        for d in schema.dependentSchemas?.value ?? [] { _ = slot(d.name) }
        for c in schema.clearedIfAbsent?.value ?? [] { _ = slot(c) }
        self.nameList = names
        self.slotSchema = schemas

        let s = schema
        self.checksStrings = s.minLength != nil || s.maxLength != nil || s.minBytes != nil || s.maxBytes != nil
            || s.pattern != nil || s.format != nil || s.notBlank != nil || s.forbidden != nil
            || s.forbidControl != nil || s.mediaType != nil || s.accepts != nil
        self.checksNumbers = s.minimum != nil || s.maximum != nil || s.exclusiveMinimum != nil
            || s.exclusiveMaximum != nil || s.multipleOf != nil || s.maxClockSkew != nil
        self.checksObjects = s.properties != nil || s.patternProperties != nil || s.additionalProperties != nil
            || s.propertyNames != nil || s.required != nil || s.dependentRequired != nil
            || s.dependentSchemas != nil || s.minProperties != nil || s.maxProperties != nil
            || s.unknownProperties != nil || s.maxPropertyPaths != nil || s.maxKeyPathLength != nil
            || s.clearedIfAbsent != nil
        self.checksArrays = s.prefixItems != nil || s.items != nil || s.contains != nil || s.minItems != nil
            || s.maxItems != nil || s.uniqueItems?.value == true
        func isContainer(_ v: JSONValue) -> Bool {
            switch v {
            case .array, .object: true
            default: false
            }
        }
        let enumHasContainers = (s.enumValues?.value.contains(where: isContainer) ?? false)
            || (s.const.map { isContainer($0.value) } ?? false)
        self.enumHasContainers = enumHasContainers
        self.enumList = s.enumValues?.value.prefix(10).map(\.description).joined(separator: ", ") ?? ""
        self.needsValue = s.enumValues != nil || s.const != nil || s.immutable != nil || s.unique != nil
            || s.equals != nil || s.uniqueItems?.value == true
        self.valueOnlyForContext = needsValue && s.enumValues == nil && s.const == nil && s.unique == nil
            && s.uniqueItems?.value != true
        self.hasImmutable = s.immutable != nil
        self.equalsParameter = s.equals?.value
        self.hasApplicators = s.allOf != nil || s.anyOf != nil || s.oneOf != nil || s.not != nil
            || s.ifSchema != nil || s.ref != nil || s.dependentSchemas != nil
        self.hasContainerEndChecks = s.required != nil || s.minProperties != nil || s.maxProperties != nil
            || s.dependentRequired != nil || s.minItems != nil || s.maxItems != nil
            || s.uniqueItems?.value == true || s.contains != nil || s.clearedIfAbsent != nil
            || s.maxBytes != nil || s.minBytes != nil || s.maxPropertyPaths != nil
            || (s.enumValues != nil || s.const != nil) || s.immutable != nil || s.unique != nil

        self.isTrue = s.boolean == true
        self.minLength = s.minLength?.value
        self.maxLength = s.maxLength?.value
        self.minBytes = s.minBytes?.value
        self.maxBytes = s.maxBytes?.value
        self.checksStringContent = regex != nil || format != nil || s.notBlank?.value == true
            || !(s.forbidden?.value.isEmpty ?? true) || s.forbidControl?.value == true
            || s.mediaType != nil || s.accepts != nil
        self.onlyNotBlank = s.notBlank?.value == true && regex == nil && format == nil
            && (s.forbidden?.value.isEmpty ?? true) && s.forbidControl?.value != true
            && s.mediaType == nil && s.accepts == nil
        self.hasRareContentChecks = !(s.forbidden?.value.isEmpty ?? true) || s.forbidControl?.value == true
            || s.mediaType != nil || s.accepts != nil
        self.notBlank = s.notBlank?.value == true
        self.forbidControl = s.forbidControl?.value == true
        self.mediaType = s.mediaType?.value
        self.accepts = s.accepts?.value
        self.additional = s.additionalProperties?.value ?? -1
        self.additionalIsFalse = s.additionalProperties.map { isFalse($0.value) } ?? false
        self.propertyNamesSchema = s.propertyNames?.value ?? -1
        self.unknownPolicy = s.unknownProperties?.value
        self.unknownSeverity = s.unknownProperties.flatMap { k in
            k.value == .ignore ? nil : Self.severity(keyword: k.severity, schema: s, fallback: k.value == .warn ? .warning : .error)
        }
        self.prefixItems = s.prefixItems?.value ?? []
        self.itemsSchema = s.items?.value ?? -1
        self.itemsIsFalse = s.items.map { isFalse($0.value) } ?? false
        self.containsSchema = s.contains?.value ?? -1
        self.hasEnumOrConst = s.enumValues != nil || s.const != nil
        let wholeValue = enumHasContainers || s.immutable != nil || s.unique != nil || s.equals != nil
        self.capturesObject = wholeValue
        self.capturesArray = wholeValue || s.uniqueItems?.value == true
        self.maxDepth = s.maxDepth?.value
        self.maxKeyPathLength = s.maxKeyPathLength?.value
        self.maxPropertyPaths = s.maxPropertyPaths?.value
        self.keyPathSeparatorLength = s.keyPathSeparator.count
        self.ref = s.ref?.value ?? -1
        self.allOf = s.allOf?.value ?? []
        self.anyOf = s.anyOf?.value ?? []
        self.oneOf = s.oneOf?.value ?? []
        self.notSchema = s.not?.value ?? -1
        if let cond = s.ifSchema, s.thenSchema != nil || s.elseSchema != nil {
            self.conditional = [cond.value] + [s.thenSchema?.value, s.elseSchema?.value].compactMap { $0 }
        } else {
            self.conditional = []
        }
        self.hasThen = s.thenSchema != nil
        self.hasElse = s.elseSchema != nil
        self.maxProperties = s.maxProperties?.value
        self.minProperties = s.minProperties?.value
        self.hasDependentRequired = s.dependentRequired != nil
        self.checksArrayEnd = s.maxItems != nil || s.minItems != nil || s.uniqueItems != nil || s.contains != nil
        let clearedNames = s.clearedIfAbsent?.value ?? []
        self.clearedSlots = clearedNames.map { names.firstIndex(of: $0) ?? 0 }
        (self.requiredMask, self.requiredBeyondMask) = Self.mask(requiredSlots)
        (self.clearedMask, self.clearedBeyondMask) = Self.mask(clearedSlots)
        self.clearedMessages = clearedNames.map {
            "\(quoted($0)) is absent: the API sets every attribute to the value given, so it will be cleared"
        }
        self.clearedPointerSuffixes = clearedNames.map { "/" + JSONPointer.escape($0) }
        self.clearedLocation = s.clearedIfAbsent?.location ?? RuleLocation(file: "", keywordPath: "")
        self.clearedKeywordSeverity = s.clearedIfAbsent?.severity
        self.clearedKeywordMessage = s.clearedIfAbsent?.message
        self.clearedSeverity = Self.severity(keyword: s.clearedIfAbsent?.severity, schema: s, fallback: .info)
        self.onlyEnumOrConst = (s.enumValues != nil || s.const != nil) && s.immutable == nil && s.unique == nil
            && s.equals == nil && s.uniqueItems?.value != true
        let onlyUnique = s.unique != nil && s.enumValues == nil && s.const == nil && s.immutable == nil
            && s.equals == nil && s.uniqueItems?.value != true
        self.enumStrings = s.enumValues.map { k in
            k.value.compactMap { v -> [UInt8]? in if case .string(let t) = v { return Array(t.utf8) } else { return nil } }
        }
        self.hasConst = s.const != nil
        if case .string(let t)? = s.const?.value { self.constString = Array(t.utf8) } else { self.constString = nil }
        let uniqueRule = s.unique.map { k in
            UniqueRule(scope: k.value.scope, known: k.value.known, location: k.location,
                       severity: k.severity ?? s.severity ?? .error, customMessage: k.message ?? s.message)
        }
        self.uniqueRule = uniqueRule
        self.onlyUniqueRule = onlyUnique ? uniqueRule.map { Unmanaged.passUnretained($0) } : nil
        self.dependentSchemas = (s.dependentSchemas?.value ?? []).map { d in
            (names.firstIndex(of: d.name) ?? 0, d.schema)
        }
    }
}

/// One bit per JSON type, for `type` checks by mask.
enum TypeBits {
    static let null: UInt8 = 1
    static let boolean: UInt8 = 2
    static let object: UInt8 = 4
    static let array: UInt8 = 8
    static let number: UInt8 = 16
    static let string: UInt8 = 32
    static let integer: UInt8 = 64

    static func bit(_ t: JSONType) -> UInt8 {
        switch t {
        case .null: null
        case .boolean: boolean
        case .object: object
        case .array: array
        case .number: number
        case .string: string
        case .integer: integer
        }
    }

    /// Whether an instance of kind `kind` (integer-valued numbers: `isInteger`) passes `mask`.
    @inline(__always)
    static func accepts(_ mask: UInt8, _ kind: JSONEventKind, isInteger: @autoclosure () -> Bool) -> Bool {
        if mask == 0 { return true }
        switch kind {
        case .objectStart: return mask & object != 0
        case .arrayStart: return mask & array != 0
        case .string: return mask & string != 0
        case .true, .false: return mask & boolean != 0
        case .null: return mask & null != 0
        case .number:
            if mask & number != 0 { return true }
            return mask & integer != 0 && isInteger()
        default: return true
        }
    }

    static func names(_ mask: UInt8) -> [String] {
        var out: [String] = []
        for t in JSONType.allCases where mask & bit(t) != 0 { out.append(t.rawValue) }
        return out
    }
}

extension CompiledNode {
    /// Slots below 64 as bits, and whether some slot is 64 or more.
    static func mask(_ slots: [Int]) -> (UInt64, Bool) {
        var bits: UInt64 = 0
        var beyond = false
        for slot in slots {
            if slot < 64 { bits |= 1 << UInt64(slot) } else { beyond = true }
        }
        return (bits, beyond)
    }
}
