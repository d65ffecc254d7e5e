import JSONStream

// ValidationSession: checks one stream of JSON events against compiled rules, without a DOM.
//
// Design. Every value of the payload gets the list of schemas that apply to it ("evaluations",
// `Eval`), computed from its parent's evaluations when the value starts: a member's name selects
// `properties` / `patternProperties` / `additionalProperties`, an element's index selects
// `prefixItems` / `items`. Applicators expand in place: `$ref` and `allOf` add evaluations to the
// same output, while `anyOf`, `oneOf`, `not`, `if`/`then`/`else`, `contains` and
// `dependentSchemas` evaluate their branches side by side, each branch writing into its own
// `Sink`; when the value completes (a scalar at once, a container at its end) the `Combinator`
// decides from the branches' error counts and merges the chosen branch's findings upwards.
// Sinks and combinators form stacks that grow and shrink with the nesting, so nothing is kept
// per value once it is done.
//
// Scalars are checked at their event; containers keep counters (members seen, required names
// present as bits, items, compact byte size) in their `Eval` and are checked at their end. Only
// the subtrees that a rule must see whole are buffered (see `ValueCapture`).
//
// Example: body `{type: object, required: [name], properties: {name: {maxLength: 3}}}` and
// `{"name": "abcd"}`: objectStart → Eval(body) on level 0; key "name" → slot 0 marks `required`
// met and queues `properties/name`; string "abcd" → Eval(name) checks maxLength: too_long at
// /name; objectEnd → required all present, done.

struct ValidationSession: ~Copyable {
    let rules: CompiledRules
    let nodes: [CompiledNode]
    /// `rules.hot`'s buffers, valid while `rules` lives (it does as long as the session).
    let hot: UnsafeMutablePointer<HotNode>
    let hotNames: HotNameTables
    let hotRefs: UnsafeMutablePointer<Unmanaged<CompiledNode>>
    /// See `HotProgram.usesCompactSize` and `tracksPaths`.
    let countsCompactBytes: Bool
    let tracksPaths: Bool
    /// `limits.maxDepth` of the document, read once (checked at every container).
    let documentMaxDepth: Int?
    var context: ValidationContext
    var reader: JSONReader
    var output = ValidationOutput()

    /// One schema applied to one value.
    struct Eval {
        var node: SchemaID
        var sink: Int
        /// Member-name slots seen (bit per slot of `CompiledNode.nameList`, first 64).
        var present: UInt64 = 0
        /// Slots beyond 64 (rare: nodes naming more than 64 members): index into
        /// `ValidationSession.presentOverflow`, -1 for none. Keeps `Eval` free of references, so
        /// copying one costs no retain.
        var presentHigh = -1
        var count = 0
        var containsCount = 0
    }

    /// An open container and the evaluations that apply to it.
    struct Level {
        var evalStart: Int
        var evalEnd: Int
        var offset: Int
        var line: Int
        var column: Int
        var compactStart: Int
        /// Member names from the document root to this container: total characters and count.
        var pathChars: Int
        var pathSegments: Int
        var pathHash: UInt64
        /// The current member's figures (objects), passed to a container that is its value.
        var memberChars = 0
        var memberSegments = 0
        var memberHash: UInt64 = 0
        /// Members or elements so far.
        var memberCount = 0
        /// An object's only evaluation's node and sink (-1: none, or several): what `onKey`
        /// reads for each member. (Through `evals`, two more loads in a row per member.)
        var onlyNode: Int32 = -1
        var onlySink: Int32 = 0
        var isObject: Bool
        /// Whether this container's value is being captured for some evaluation.
        var captured = false
        // (The narrow fields last: 120 bytes a level, not 136.)
    }

    /// Where findings go: the report (sink 0) or a branch of a combinator.
    struct Sink {
        /// Only the branch's errors count (`if`, `not`, `contains`: their findings are never
        /// reported): a finding is counted and not built.
        var countOnly = false
        var errors = 0
        var diagnostics: [Diagnostic] = []
        /// Findings past `maxDiagnostics`, counted but not kept (and how many are errors).
        var omitted = 0
        var omittedErrors = 0
    }

    enum CombinatorKind {
        case anyOf, oneOf, not, conditional(hasThen: Bool, hasElse: Bool)
        /// An array's `contains`: the array's evaluation index.
        case contains(eval: Int)
        /// `dependentSchemas`: applies when the member in `slot` is present (checked at the end).
        case dependent(eval: Int, slot: Int)
    }

    struct Combinator {
        var kind: CombinatorKind
        var node: SchemaID
        var parentSink: Int
        var firstSink: Int
        var branches: Int
        var depth: Int
    }

    struct Tracker {
        enum Kind { case depth, keyPath, propertyPaths }
        var kind: Kind
        var level: Int
        var limit: Int
        var node: SchemaID
        var sink: Int
        var reported = false
        /// `.propertyPaths`: its set in `ValidationSession.pathSets`.
        var pathSet = -1
        /// `.keyPath`: the length of the rule's key-path separator.
        var separatorLength = 0
    }

    var evals = PlainStack<Eval>()
    var presentOverflow: [Set<Int>] = []
    var levels = PlainStack<Level>()
    var sinks: [Sink] = [Sink()]
    var combinators = PlainStack<Combinator>()
    var trackers = PlainStack<Tracker>()
    /// Sets of distinct property paths, one per open `.propertyPaths` tracker; reused.
    var pathSets = HashSet64Stack()
    /// Schemas (with their sink) for the next value, chosen by its member name.
    var pending = PlainStack<(schema: SchemaID, sink: Int)>()
    /// Compact JSON bytes of everything read so far (for `maxBytes` on containers).
    var compactBytes = 0
    var capture = ValueCapture()
    /// The value being checked (for positions of findings raised while instantiating): its
    /// kind and position, copied field by field (a whole `JSONEvent` copy right after the
    /// reader wrote it stalls on store forwarding, and the hot path needs only these).
    var currentKind = JSONEventKind.null
    var currentOffset = 0
    var currentLine = 1
    var currentColumn = 1

    @inline(__always)
    mutating func setCurrent(_ e: JSONEvent) {
        currentKind = e.kind
        currentOffset = e.offset
        currentLine = e.line
        currentColumn = e.column
    }
    /// Set while a member name is checked against `propertyNames`.
    var checkingName = false
    var rootSchema: SchemaID?
    var instantiateDepth = 0
    /// A single document had a syntax error: nothing more is read.
    var stopped = false
    /// With the finding limit reached: index in `output.diagnostics` of the last kept by position
    /// (-1: to be found).
    var keptLast = -1
    /// Findings of the previous payload: the next one's list starts with that much room (at
    /// most 64: a payload with 100,000 findings must not make every later one reserve as many).
    var lastFindingCount = 0
    /// The previous record's `unique:` claims (capped): a record's first claim reserves room for
    /// this many, so most records' claims cost one allocation.
    var lastClaimCount = 0
    /// The `unique:` claims as they are made. Here, not in the output's box: each append to a
    /// class's array was a dynamic exclusivity check.
    var claims = UniquenessLedger.ClaimBatch()
    /// Whether claims stay in `claims` from payload to payload, each output only saying where its
    /// own are (`LintStream.gathersUniqueClaims`); otherwise `takeOutput` hands the payload's
    /// claims over whole.
    var gathersClaims = false
    /// Where the current payload's claims start in `claims`: items, bytes, other values (all 0
    /// when not gathering).
    var payloadClaims = (item: 0, byte: 0, other: 0)
    /// What `StringContentCheck.run` found in the current string; empty between strings.
    var contentFindings: [StringContentCheck.Finding] = []
    /// The buffer the hot findings' messages are written in (`MessageBuilder(reusing:)`).
    var messageBuffer: [UInt8] = []

    init(rules: CompiledRules, context: ValidationContext, readerOptions: JSONReader.Options, root: SchemaID?) {
        self.rules = rules
        self.nodes = rules.nodes
        self.hot = rules.hot.nodes
        self.hotNames = rules.hot.names
        self.hotRefs = rules.hot.refs
        self.countsCompactBytes = rules.hot.usesCompactSize
        self.tracksPaths = rules.hot.tracksPaths
        self.documentMaxDepth = rules.document.limits.maxDepth?.value
        self.context = context
        self.reader = JSONReader(options: readerOptions)
        self.rootSchema = root
        resetDocument()
    }

    /// Clears the per-document state. Called once per NDJSON record: the `PlainStack`s only
    /// reset a count; the `Array`s are touched only when the document left something in them.
    mutating func resetDocument() {
        evals.removeAll()
        if !presentOverflow.isEmpty { presentOverflow.removeAll() }
        levels.removeAll()
        if sinks.count != 1 {
            sinks.removeAll(keepingCapacity: true)
            sinks.append(Sink())
        }
        combinators.removeAll()
        trackers.removeAll()
        pathSets.removeAll()
        pending.removeAll()
        if capture.isActive { capture.reset() }
        compactBytes = 0
        if let root = rootSchema { pending.append((root, 0)) }
    }

    // MARK: Driving

    /// Reads every event available; calls `onDocument` for each completed top-level value
    /// (NDJSON: each record) that has something to hand over, and `onClean` with the record's line
    /// (nil outside NDJSON) for one that has not. Returns true when the input is exhausted.
    ///
    /// Most records of a large input are clean: for them no output is taken, handed over and
    /// destroyed (a tenth of the per-record cost on the PubNub slice).
    @inline(__always)
    mutating func drain(_ onDocument: (inout ValidationOutput) -> Void, clean onClean: (Int?) -> Void) -> Bool {
        // A single document stops at its first syntax error; NDJSON goes on with the next record.
        if stopped { return true }
        while true {
            do throws(JSONStreamError) {
                let e = try reader.nextOrNone()
                if e.isNone { return reader.isAtEnd }
                if e.kind == .key {
                    // A member whose value has one plain schema (most members of most rule
                    // files): the value is read here and, when it is a scalar, checked at once,
                    // without a round trip through `handle` and `onValue`. (`direct`: onKey
                    // returned the schema instead of queueing it.)
                    let direct = onKey(e)
                    guard let (schema, sink) = direct ?? pendingLeaf() else { continue }
                    let v = try reader.nextOrNone()
                    if v.kind.isScalar && !v.isNone {
                        onLeafMember(v, schema: schema, sink: sink)
                        continue
                    }
                    // A container, or the end of the available input (the value comes with the
                    // next chunk): `onValue` takes the schema from `pending`.
                    if direct != nil { pending.append((schema, sink)) }
                    if v.isNone { return reader.isAtEnd }
                    handle(v)
                    continue
                }
                handle(e)
                if e.depth == 0 && (e.kind.isScalar || e.kind == .objectEnd || e.kind == .arrayEnd) {
                    let record = reader.options.ndjson ? reader.recordLine : nil
                    if outputIsEmpty {
                        outputHandedOver(findings: 0, claims: 0)
                        onClean(record)
                    } else {
                        var out = ValidationOutput()
                        takeOutput(into: &out)
                        out.record = record
                        onDocument(&out)
                    }
                    resetDocument()
                }
            } catch {
                if failed(error, onDocument) { return true }
            }
        }
    }

    /// A syntax error: the record's findings end with it and go to `onDocument`, and reading goes
    /// on with the next record (NDJSON). Returns true when reading stops (a single document).
    @inline(never)
    mutating func failed(_ error: JSONStreamError, _ onDocument: (inout ValidationOutput) -> Void) -> Bool {
        syntaxError(error)
        var out = ValidationOutput()
        takeOutput(into: &out)
        if reader.options.ndjson { out.record = error.record ?? reader.recordLine }
        onDocument(&out)
        reader.skipRecord()
        resetDocument()
        guard reader.options.ndjson else {
            stopped = true
            return true
        }
        return false
    }

    /// Nothing found, counted, claimed or captured in the current document: what `takeOutput`
    /// would hand over is an empty `ValidationOutput` (its record aside).
    @inline(__always)
    var outputIsEmpty: Bool {
        output.diagnostics.isEmpty && output.omitted == 0 && claims.items.count == payloadClaims.item
            && output.captured.isEmpty
    }

    /// A document's output is handed over (`takeOutput`, or nothing for a clean one): the next
    /// starts with no kept finding known and reserves room for as many findings and claims
    /// (capped at 64) as this one had.
    @inline(__always)
    mutating func outputHandedOver(findings: Int, claims: Int) {
        keptLast = -1
        lastFindingCount = min(findings, 64)
        lastClaimCount = min(claims, 64)
    }

    /// The gathered claims of the payloads handed over so far (`gathersClaims`); the claims of
    /// the payload in progress (cut by the end of a chunk) stay, at the start of a new batch.
    mutating func takeGatheredClaims() -> UniquenessLedger.ClaimBatch {
        // Nothing handed over yet (a payload's claims still coming, chunk after chunk): they stay
        // where they are. Moved to a new batch at every chunk, a record with a million claims
        // was copied a few hundred times over (a review measured 3 s become 42 s).
        if payloadClaims.item == 0 && claims.unreported.isEmpty { return claims.emptySharingRules() }
        var taken = UniquenessLedger.ClaimBatch()
        swap(&taken, &claims)
        claims = taken.split(item: payloadClaims.item, byte: payloadClaims.byte, other: payloadClaims.other)
        payloadClaims = (0, 0, 0)
        return taken
    }

    /// Moves the document's output into `out` (a new, empty one).
    ///
    /// Into the caller's value, field by field, the three the session writes (findings, the count
    /// past the limit, the captured values): a returned output, or one swapped whole, compiled to
    /// a copy of it and a destruction more, retains and releases of its arrays and dictionary for
    /// every payload.
    mutating func takeOutput(into out: inout ValidationOutput) {
        swap(&out.diagnostics, &output.diagnostics)
        out.omitted = output.omitted
        output.omitted = 0
        if !output.captured.isEmpty { swap(&out.captured, &output.captured) }
        if claims.items.count > payloadClaims.item {
            if gathersClaims {
                out.uniqueClaims = UniqueClaims(gathered: payloadClaims.item..<claims.items.count)
                payloadClaims = (claims.items.count, claims.bytes.count, claims.others.count)
            } else {
                // Handed over whole; the next payload's claims start a batch that shares the rules.
                out.uniqueClaims = UniqueClaims(batch: claims.takeClaims())
            }
        }
        outputHandedOver(findings: out.diagnostics.count, claims: out.uniqueClaims.count)
        Self.orderByPosition(&out.diagnostics)
    }

    /// Findings come out ordered by position (stable for equal offsets). Most records have none
    /// or already come in order: checked first, sorted only when needed.
    @inline(__always)
    static func orderByPosition(_ diagnostics: inout [Diagnostic]) {
        let n = diagnostics.count
        guard n > 1, (1..<n).contains(where: { diagnostics[$0].offset < diagnostics[$0 - 1].offset }) else { return }
        // Stable insertion sort by swaps (moves, no copies of the findings' strings): the
        // out-of-order ones are few (container findings placed at the container's start).
        diagnostics.withUnsafeMutableBufferPointer { b in
            for i in 1..<b.count {
                var j = i
                while j > 0 && b[j].offset < b[j - 1].offset {
                    b.swapAt(j, j - 1)
                    j -= 1
                }
            }
        }
    }

    mutating func syntaxError(_ error: JSONStreamError) {
        let code: DiagnosticCode
        switch error.kind {
        case .syntax: code = .syntaxError
        case .encoding: code = .invalidEncoding
        case .depthLimit: code = .depthLimit
        case .sizeLimit:
            // Each reader limit has its own code (`limit_exceeded` for one that has none).
            switch error.limit {
            case .stringBytes: code = .stringLimit
            case .numberLength: code = .numberLimit
            case .documentBytes: code = .documentTooLarge
            case .depth: code = .depthLimit
            case nil: code = .limitExceeded
            }
        }
        guard !context.captureOnly else { return }
        var d = Diagnostic(
            code: code, severity: .error, message: error.message,
            pointer: context.pointerPrefix + error.pointer, source: context.source,
            line: error.line, column: error.column, offset: error.offset, limit: error.limitValue.map(String.init),
            document: context.document)
        if context.positionless { d.line = 0; d.column = 0; d.offset = 0 }
        report(d)
    }

    /// Adds a finding to the payload's report, or only counts it once the payload has as many
    /// as `ValidationContext.maxDiagnostics` (so that 100,000 duplicate names take bounded memory).
    ///
    /// The ones kept are the first by position: findings mostly arrive in input order, but a
    /// container's own (`too_many_properties`, `required_field`) arrive at its end with its start's
    /// offset; such a finding takes the place of the last kept one.
    mutating func report(_ d: consuming Diagnostic) {
        guard let max = context.maxDiagnostics, output.diagnostics.count >= max else {
            // Room for a few at the first: growing 1, 2, 4 moved every finding each time.
            if output.diagnostics.capacity == 0 { output.diagnostics.reserveCapacity(max(4, lastFindingCount)) }
            // Moved in, not copied: a copy costs a retain per string the finding holds.
            output.diagnostics.append(consume d)
            return
        }
        output.omitted += 1
        guard max > 0 else { return }
        if keptLast < 0 || keptLast >= output.diagnostics.count { findLastKept() }
        guard d.offset < output.diagnostics[keptLast].offset else { return }
        output.diagnostics[keptLast] = d
        findLastKept()
    }

    /// Index of the kept finding with the highest offset (the latest emitted among equals).
    mutating func findLastKept() {
        var best = 0
        for (i, k) in output.diagnostics.enumerated() where k.offset >= output.diagnostics[best].offset { best = i }
        keptLast = best
    }

    // MARK: Events

    /// A value or a container's end (`drain` handles member names itself).
    mutating func handle(_ e: JSONEvent) {
        assert(e.kind != .key, "member names go to onKey")
        if e.kind == .objectEnd || e.kind == .arrayEnd {
            onEnd(e)
        } else {
            onValue(e)
        }
    }

    /// `onValue` of a scalar member value whose one pending schema is a leaf (`pendingLeaf`,
    /// checked by `drain`).
    @inline(__always)
    mutating func onLeafMember(_ e: JSONEvent, schema: SchemaID, sink: Int) {
        setCurrent(e)
        if countsCompactBytes { compactBytes &+= e.sourceLength }
        checkLeaf(e, schema: schema, sink: sink)
    }

    /// The one schema pending for the next value when it is a leaf (`leafSchema`) and nothing
    /// else watches the value (no combinator branch, no capture): a scalar is then checked
    /// against it directly (`checkLeaf`), without the evaluation stack.
    @inline(__always)
    func pendingLeaf() -> (schema: SchemaID, sink: Int)? {
        guard pending.count == 1, combinators.isEmpty, !capture.isActive,
              let schema = leafSchema(pending[0].schema) else { return nil }
        return (schema, pending[0].sink)
    }

    /// Checks the scalar `e` against the leaf `schema` (see `pendingLeaf`), which it takes from
    /// `pending`.
    @inline(__always)
    mutating func checkLeaf(_ e: JSONEvent, schema: SchemaID, sink: Int) {
        pending.truncate(to: 0)
        let h = hot + schema
        let flags = h.pointee.flags
        // A string against string keywords only (most members): `checkScalar`'s string case,
        // without its room for a whole value, which cost more to set up and drop than the checks.
        if e.kind == .string, !flags.contains(.needsValue) {
            let mask = h.pointee.typeMask
            if mask != 0, !TypeBits.accepts(mask, .string, isInteger: false) {
                scalarTypeMismatch(Eval(node: schema, sink: sink), e)
            }
            if flags.contains(.checksStrings) { checkString(h, Eval(node: schema, sink: sink), e) }
            return
        }
        checkLeafScalar(Eval(node: schema, sink: sink), e)
    }

    /// `checkScalar` with its own value, for `checkLeaf`.
    ///
    /// A node that neither checks numbers nor compares whole values (`additionalProperties:
    /// {type: [string, number, boolean, "null"]}` and the like) only has the type to test, and
    /// perhaps the compact size: done here, without the optional value `checkScalar` keeps room for.
    @inline(never)
    mutating func checkLeafScalar(_ ev: Eval, _ e: JSONEvent) {
        let h = hot + ev.node
        let flags = h.pointee.flags
        guard flags.isDisjoint(with: [.needsValue, .checksNumbers, .checksCompactSize]) else {
            var value: JSONValue? = nil
            checkScalar(ev, e, &value)
            return
        }
        let mask = h.pointee.typeMask
        if mask != 0, !TypeBits.accepts(mask, e.kind, isInteger: isIntegerNumber(e)) {
            scalarTypeMismatch(ev, e)
        }
    }

    mutating func onValue(_ e: JSONEvent) {
        setCurrent(e)
        let depth = e.depth
        let start = evals.count
        if depth > 0, !levels[depth &- 1].isObject {
            if countsCompactBytes && levels[depth &- 1].memberCount > 0 { compactBytes &+= 1 }
            levels[depth &- 1].memberCount &+= 1  // wrapping: see onKey
            itemSchemas(level: depth &- 1)
        }
        if countsCompactBytes { compactBytes &+= e.kind.isScalar ? e.sourceLength : 1 }
        // Leaf path: array items, a top-level scalar, a member value that came with the next chunk.
        if e.kind.isScalar, let (schema, sink) = pendingLeaf() {
            checkLeaf(e, schema: schema, sink: sink)
            return
        }
        for i in 0..<pending.count { instantiate(pending[i].schema, sink: pending[i].sink, depth: depth) }
        pending.truncate(to: 0)
        let end = evals.count
        if e.kind.isScalar {
            var value: JSONValue? = nil
            for i in start..<end { checkScalar(i, e, &value) }
            if capture.isActive {
                if value == nil { value = scalarValue(e) }
                capture.add(value ?? .null)
            }
            if !combinators.isEmpty { resolveCombinators(depth: depth, value: value) }
            evals.truncate(to: start)
        } else {
            startContainer(e, evalStart: start, evalEnd: end)
        }
    }

    // MARK: Instantiation

    /// The node `instantiate(id)` would put on the stack alone (`id`, or the target of a plain
    /// `$ref`), when it has no applicators and is not `true` or `false`: a scalar is then checked
    /// against it directly. Nil otherwise.
    @inline(__always)
    func leafSchema(_ id: SchemaID) -> SchemaID? {
        var id = id
        var flags = hot[id].flags
        if flags.contains(.pureRef) {
            id = Int(hot[id].target)
            flags = hot[id].flags
        }
        return flags.isDisjoint(with: .expandsWhenInstantiated) ? id : nil
    }

    /// Applies schema `id` to the current value: adds its evaluation, expands its applicators.
    @inline(__always)
    mutating func instantiate(_ id: SchemaID, sink: Int, depth: Int) {
        var id = id
        var flags = hot[id].flags
        if flags.contains(.pureRef) {
            id = Int(hot[id].target)
            flags = hot[id].flags
        }
        if flags.contains(.isTrue) { return }
        if !flags.isDisjoint(with: [.isFalse, .hasApplicators]) {
            instantiateApplicators(id, sink: sink, depth: depth)
            return
        }
        evals.append(Eval(node: id, sink: sink))
    }

    /// `instantiate` for a `false` schema or one with applicators.
    @inline(never)
    mutating func instantiateApplicators(_ id: SchemaID, sink: Int, depth: Int) {
        // Borrowed (`nodes[id]` retained and released the node for every value it applies to).
        hotRefs[id]._withUnsafeGuaranteedRef { instantiateApplicators(id, $0, sink: sink, depth: depth) }
    }

    mutating func instantiateApplicators(_ id: SchemaID, _ node: CompiledNode, sink: Int, depth: Int) {
        if node.isFalse {
            emit(.schemaMismatch, node: node, keyword: node.schema.location, sink: sink,
                 message: "no value is allowed here (the schema is `false`)")
            return
        }
        instantiateDepth += 1
        defer { instantiateDepth -= 1 }
        guard instantiateDepth < 256 else {
            emit(.schemaMismatch, node: node, keyword: node.schema.location, sink: sink,
                 message: "the rules nest applicators more than 256 levels deep at this value")
            return
        }
        let own = evals.count
        evals.append(Eval(node: id, sink: sink))
        if node.ref >= 0 { instantiate(node.ref, sink: sink, depth: depth) }
        for b in node.allOf { instantiate(b, sink: sink, depth: depth) }
        if !node.anyOf.isEmpty { branch(.anyOf, node: id, schemas: node.anyOf, sink: sink, depth: depth) }
        if !node.oneOf.isEmpty { branch(.oneOf, node: id, schemas: node.oneOf, sink: sink, depth: depth) }
        if node.notSchema >= 0 { branch(.not, node: id, schemas: [node.notSchema], sink: sink, depth: depth) }
        if !node.conditional.isEmpty {
            branch(.conditional(hasThen: node.hasThen, hasElse: node.hasElse),
                   node: id, schemas: node.conditional, sink: sink, depth: depth)
        }
        if currentKind == .objectStart {
            for d in node.dependentSchemas {
                branch(.dependent(eval: own, slot: d.slot), node: id, schemas: [d.schema], sink: sink, depth: depth)
            }
        }
    }

    /// Starts a combinator whose branches evaluate the current value side by side.
    mutating func branch(_ kind: CombinatorKind, node: SchemaID, schemas: [SchemaID], sink: Int, depth: Int) {
        let first = sinks.count
        for _ in schemas { sinks.append(Sink()) }
        switch kind {
        case .not, .contains: sinks[first].countOnly = true
        case .conditional: sinks[first].countOnly = true  // the `if` schema; then/else are merged
        case .anyOf, .oneOf, .dependent: break  // a branch's findings may be reported
        }
        combinators.append(Combinator(kind: kind, node: node, parentSink: sink, firstSink: first,
                                      branches: schemas.count, depth: depth))
        for (i, b) in schemas.enumerated() { instantiate(b, sink: first + i, depth: depth) }
    }

    /// Settles every combinator of the value at `depth`, innermost first.
    mutating func resolveCombinators(depth: Int, value: JSONValue?) {
        while let c = combinators.last, c.depth == depth {
            combinators.removeLast()
            resolve(c)
            sinks.removeSubrange(c.firstSink...)
        }
    }

    mutating func resolve(_ c: Combinator) {
        hotRefs[c.node]._withUnsafeGuaranteedRef { resolve(c, $0) }
    }

    mutating func resolve(_ c: Combinator, _ node: CompiledNode) {
        let s = node.schema
        func valid(_ i: Int) -> Bool { sinks[c.firstSink + i].errors == 0 }
        switch c.kind {
        case .anyOf:
            if let ok = (0..<c.branches).first(where: valid) {
                merge(c.firstSink + ok, into: c.parentSink)
            } else {
                merge(bestFailingBranch(c), into: c.parentSink)
            }
        case .oneOf:
            let passing = (0..<c.branches).filter(valid)
            if passing.count == 1 {
                merge(c.firstSink + passing[0], into: c.parentSink)
            } else if passing.isEmpty {
                merge(bestFailingBranch(c), into: c.parentSink)
            } else {
                emit(.schemaMismatch, node: node, keyword: s.oneOf?.location ?? s.location, sink: c.parentSink,
                     message: "matches \(passing.count) of the `oneOf` schemas (\(passing.map { "#\($0 + 1)" }.joined(separator: ", "))); exactly one allowed",
                     limit: "1", actual: String(passing.count), at: c)
            }
        case .not:
            if valid(0) {
                emit(.schemaMismatch, node: node, keyword: s.not?.location ?? s.location, sink: c.parentSink,
                     message: "matches the schema under `not`, which is not allowed", at: c)
            }
        case .conditional(let hasThen, let hasElse):
            if valid(0) {
                if hasThen { merge(c.firstSink + 1, into: c.parentSink) }
            } else if hasElse {
                merge(c.firstSink + (hasThen ? 2 : 1), into: c.parentSink)
            }
        case .contains(let owner):
            if valid(0) { evals[owner].containsCount += 1 }
        case .dependent(let owner, let slot):
            if isPresent(evals[owner], slot) { merge(c.firstSink, into: c.parentSink) }
        }
    }

    /// The failing branch whose findings best explain the failure: fewest errors, where a
    /// mismatch of type or constant at the value itself (the branch is about another shape of
    /// value altogether) weighs most.
    func bestFailingBranch(_ c: Combinator) -> Int {
        var best = c.firstSink
        var bestScore = Int.max
        for i in 0..<c.branches {
            let sink = sinks[c.firstSink + i]
            var score = 0
            for d in sink.diagnostics where d.severity == .error {
                score += (d.code == .typeMismatch || d.code == .enumMismatch) ? 1000 : 1
            }
            if score < bestScore {
                bestScore = score
                best = c.firstSink + i
            }
        }
        return best
    }

    mutating func merge(_ from: Int, into to: Int) {
        let diagnostics = sinks[from].diagnostics
        sinks[from].diagnostics.removeAll()
        for d in diagnostics { deliver(d, to: to) }
        let (omitted, omittedErrors) = (sinks[from].omitted, sinks[from].omittedErrors)
        sinks[from].omitted = 0
        sinks[from].omittedErrors = 0
        if to == 0 {
            if !context.captureOnly { output.omitted += omitted }
        } else {
            sinks[to].errors += omittedErrors
            sinks[to].omitted += omitted
            sinks[to].omittedErrors += omittedErrors
        }
    }

    // MARK: Emitting

    @inline(__always)
    mutating func deliver(_ d: consuming Diagnostic, to sink: Int) {
        if sink == 0 {
            if !context.captureOnly { report(consume d) }
        } else {
            if d.severity == .error { sinks[sink].errors += 1 }
            if sinks[sink].countOnly { return }
            if let max = context.maxDiagnostics, sinks[sink].diagnostics.count >= max {
                sinks[sink].omitted += 1
                if d.severity == .error { sinks[sink].omittedErrors += 1 }
                return
            }
            sinks[sink].diagnostics.append(consume d)
        }
    }

    /// Emits a finding at the current value (or at the position a combinator/container gives).
    /// In a branch whose findings are only counted (`Sink.countOnly`) it is counted, not built;
    /// callers that build costly texts first ask `countsOnly`.
    mutating func emit(_ code: DiagnosticCode, node: CompiledNode, keyword: RuleLocation, sink: Int,
                       message: String, limit: String? = nil, actual: String? = nil,
                       severity: Severity? = nil, keywordSeverity: Severity? = nil, keywordMessage: String? = nil,
                       pointer: String? = nil, position: (offset: Int, line: Int, column: Int)? = nil,
                       at combinator: Combinator? = nil)
    {
        let finalSeverity = node.severity(keyword: keywordSeverity, fallback: severity ?? .error)
        if countsOnly(sink: sink, severity: finalSeverity) { return }
        var text = keywordMessage ?? node.schema.message ?? message
        if keywordMessage != nil || node.schema.message != nil {
            if let limit { text = substituting(text, "{limit}", limit) }
            if let actual { text = substituting(text, "{actual}", actual) }
        }
        if checkingName { text = "member name: " + text }
        var pos = position ?? (currentOffset, currentLine, currentColumn)
        if context.positionless { pos = (0, 0, 0) }
        // Built whole and handed over (a `var` finding adjusted after building was copied).
        deliver(Diagnostic(
            code: checkingName ? .invalidPropertyName : code, severity: finalSeverity, message: consume text,
            pointer: pointer ?? currentPointer(appending: ""), source: context.source,
            line: pos.line, column: pos.column, offset: pos.offset, rule: keyword,
            limit: limit, actual: actual, document: context.document), to: sink)
    }

    /// Emits for a keyword, taking its own severity/message overrides.
    mutating func emit<V>(_ code: DiagnosticCode, _ node: CompiledNode, _ keyword: Keyword<V>, sink: Int,
                          _ message: String, limit: String? = nil, actual: String? = nil,
                          severity: Severity? = nil, pointer: String? = nil,
                          position: (offset: Int, line: Int, column: Int)? = nil)
    {
        emit(code, node: node, keyword: keyword.location, sink: sink, message: message, limit: limit,
             actual: actual, severity: severity, keywordSeverity: keyword.severity,
             keywordMessage: keyword.message, pointer: pointer, position: position)
    }

    /// For callers that build a finding's texts first: true when a finding of `severity` at
    /// `sink` would not be kept (capture only, below `--quiet`'s severity, or a branch whose
    /// findings are only counted, where it is then counted). The caller then builds nothing: an
    /// object against `if: {type: string}` had cost a whole type-mismatch message per object.
    @inline(__always)
    mutating func countsOnly(sink: Int, severity: Severity) -> Bool {
        guard wants(severity, sink: sink) else { return true }
        guard sink != 0, sinks[sink].countOnly else { return false }
        if severity == .error { sinks[sink].errors += 1 }
        return true
    }

    /// Whether a finding of `severity` is wanted at all (see `ValidationContext.minimumSeverity`).
    /// Dropping one never changes a verdict: combinators count errors only.
    @inline(__always)
    func wants(_ severity: Severity, sink: Int) -> Bool {
        if context.captureOnly && sink == 0 { return false }
        guard let minimum = context.minimumSeverity else { return true }
        return severity >= minimum
    }

    @inline(__always)
    func isPresent(_ e: Eval, _ slot: Int) -> Bool {
        slot < 64 ? e.present & (1 << UInt64(slot)) != 0 : e.presentHigh >= 0 && presentOverflow[e.presentHigh].contains(slot)
    }
}

/// `text` with every `placeholder` replaced by `value`. By hand on UTF-8: the standard
/// library's `replacing` took tens of thousands of instructions per message.
func substituting(_ text: String, _ placeholder: StaticString, _ value: String) -> String {
    let t = Array(text.utf8)
    let p = UnsafeRawBufferPointer(start: placeholder.utf8Start, count: placeholder.utf8CodeUnitCount)
    guard t.count >= p.count, t.contains(UInt8(ascii: "{")) else { return text }
    var out: [UInt8] = []
    out.reserveCapacity(t.count + value.utf8.count)
    var i = 0
    while i < t.count {
        if t[i] == p[0], i + p.count <= t.count, t[i..<(i + p.count)].elementsEqual(p) {
            out.append(contentsOf: value.utf8)
            i += p.count
        } else {
            out.append(t[i])
            i += 1
        }
    }
    return String(decoding: out, as: UTF8.self)
}
