import JSONStream

// Objects and arrays: which schemas apply to members and elements, the checks made as members
// arrive (names, unknown members, key paths), and those made when a container ends.

extension ValidationSession {
    // MARK: Start

    /// (Inlined into `onValue`, its only caller: a call frame per container.)
    @inline(__always)
    mutating func startContainer(_ e: JSONEvent, evalStart: Int, evalEnd: Int) {
        let depth = e.depth
        let isObject = e.kind == .objectStart
        var level = Level(evalStart: evalStart, evalEnd: evalEnd, offset: e.offset,
                          line: e.line, column: e.column, compactStart: compactBytes - 1,
                          pathChars: 0, pathSegments: 0, pathHash: 0xcbf2_9ce4_8422_2325, isObject: isObject)
        if depth > 0 && tracksPaths {
            let parent = levels[depth - 1]
            if parent.isObject {
                level.pathChars = parent.memberChars
                level.pathSegments = parent.memberSegments
                level.pathHash = parent.memberHash
            } else {
                level.pathChars = parent.pathChars
                level.pathSegments = parent.pathSegments
                level.pathHash = parent.pathHash
            }
        }
        if isObject && evalEnd &- evalStart == 1 {
            // (Node ids fit: `HotProgram` keeps them as `Int32` too; sinks are the combinator
            // branches open at once, bounded by the rules' nesting.)
            level.onlyNode = Int32(evals[evalStart].node)
            level.onlySink = Int32(evals[evalStart].sink)
        }
        var needCapture = false
        let starts: HotNode.Flags = isObject ? .startsObject : .startsArray
        // `TypeBits.accepts` for a container: one bit. (Its switch on the kind, and a copy of each
        // evaluation, were a fifth of a container's start.)
        let typeBit = isObject ? TypeBits.object : TypeBits.array
        for i in evalStart..<evalEnd {
            let h = hot + evals[i].node
            let mask = h.pointee.typeMask
            if mask != 0, mask & typeBit == 0 { containerTypeMismatch(evals[i], isObject: isObject) }
            if h.pointee.flags.contains(starts), containerStarts(evals[i], depth: depth, isObject: isObject) { needCapture = true }
        }
        checkDepth(depth)
        if needCapture || capture.isActive {
            capture.begin(isObject: isObject, depth: depth)
            level.captured = true
        }
        levels.append(level)
    }

    @inline(never)
    mutating func containerTypeMismatch(_ ev: Eval, isObject: Bool) {
        unowned(unsafe) let node = nodes[ev.node]
        if let t = node.schema.types { typeMismatch(node, t, sink: ev.sink, found: isObject ? "object" : "array") }
    }

    /// What a node does when a container starts (`HotNode.Flags.startsObject`/`startsArray`):
    /// enum/const of scalars decided at once, depth and key-path trackers opened. Returns whether
    /// the container must be captured for it.
    @inline(never)
    mutating func containerStarts(_ ev: Eval, depth: Int, isObject: Bool) -> Bool {
        hotRefs[ev.node]._withUnsafeGuaranteedRef { containerStarts(ev, $0, depth: depth, isObject: isObject) }
    }

    mutating func containerStarts(_ ev: Eval, _ node: CompiledNode, depth: Int, isObject: Bool) -> Bool {
        if node.hasEnumOrConst && !node.enumHasContainers {
            let s = node.schema
            // No container can equal a scalar: decided now, nothing to buffer.
            if let k = s.enumValues {
                let list = node.enumList
                emit(.enumMismatch, node, k, sink: ev.sink,
                     "\(subject()) is \(withArticle(isObject ? "object" : "array")); allowed: \(list)",
                     limit: list, actual: isObject ? "object" : "array")
            }
            if let k = s.const {
                emit(.enumMismatch, node, k, sink: ev.sink,
                     "\(subject()) is \(withArticle(isObject ? "object" : "array")); it must be \(abbreviated(k.value))",
                     limit: k.value.description, actual: isObject ? "object" : "array")
            }
        }
        // The limits are read from the node's plain copies: reading a `Keyword` copies it (a
        // retain per string it holds), which had cost more than the rest of a container's start.
        if let maxDepth = node.maxDepth {
            if maxDepth < 1 {
                if let k = node.schema.maxDepth {
                    emit(.tooDeep, node, k, sink: ev.sink,
                         "\(subject()) nests containers 1 level deep; at most \(k.value) allowed",
                         limit: String(k.value), actual: "1")
                }
            } else {
                trackers.append(Tracker(kind: .depth, level: depth, limit: maxDepth, node: ev.node, sink: ev.sink))
            }
        }
        if isObject, let limit = node.maxKeyPathLength {
            trackers.append(Tracker(kind: .keyPath, level: depth, limit: limit, node: ev.node,
                                    sink: ev.sink, separatorLength: node.keyPathSeparatorLength))
        }
        if isObject, let limit = node.maxPropertyPaths {
            trackers.append(Tracker(kind: .propertyPaths, level: depth, limit: limit, node: ev.node,
                                    sink: ev.sink, pathSet: pathSets.push()))
        }
        return isObject ? node.capturesObject : node.capturesArray
    }

    /// Document-wide `limits.maxDepth` and every enclosing `maxDepth`. Tested inline: most rule
    /// files set no depth limit, and the call cost more than the test.
    @inline(__always)
    mutating func checkDepth(_ depth: Int) {
        if documentMaxDepth != nil || !trackers.isEmpty { checkDepthLimits(depth) }
    }

    @inline(never)
    mutating func checkDepthLimits(_ depth: Int) {
        let nesting = depth + 1
        if let limit = documentMaxDepth, nesting == limit + 1, let k = rules.document.limits.maxDepth, rootSchema != nil {
            unowned(unsafe) let node = nodes[rootSchema ?? 0]
            emit(.tooDeep, node: node, keyword: k.location, sink: 0,
                 message: "the document nests containers \(nesting) levels deep; at most \(k.value) allowed",
                 limit: String(k.value), actual: String(nesting), keywordSeverity: k.severity, keywordMessage: k.message)
        }
        guard !trackers.isEmpty else { return }
        for t in trackers.indices where trackers[t].kind == .depth && !trackers[t].reported {
            let inner = depth - trackers[t].level + 1
            if inner > trackers[t].limit {
                trackers[t].reported = true
                unowned(unsafe) let node = nodes[trackers[t].node]
                if let k = node.schema.maxDepth {
                    emit(.tooDeep, node, k, sink: trackers[t].sink,
                         "containers nest \(inner) levels deep here; at most \(k.value) allowed below \(pointerOfLevel(trackers[t].level))",
                         limit: String(k.value), actual: String(inner))
                }
            }
        }
    }

    func pointerOfLevel(_ level: Int) -> String {
        var out: [UInt8] = []
        for i in 0..<level { reader.appendSegment(i, to: &out) }
        let p = context.pointerPrefix + String(decoding: out, as: UTF8.self)
        return p.isEmpty ? "the root" : p
    }

    // MARK: Members

    /// A member name: counts, paths, duplicates, and the schemas its value gets.
    ///
    /// Returns the value's one schema when it is a leaf that `drain` checks directly (the
    /// conditions of `pendingLeaf`), found by name or as `additionalProperties` under a single
    /// object schema without `patternProperties`: that schema is then not queued in `pending`,
    /// and the caller queues it when the value is not a scalar it checks at once. (Queueing it
    /// to read it back cost about 35 instructions per member.) Nil: whatever applies to the
    /// value is in `pending`.
    @inline(__always)
    mutating func onKey(_ e: JSONEvent) -> (schema: SchemaID, sink: Int)? {
        setCurrent(e)
        // Wrapping arithmetic on the per-member counters: they count bytes and members of the
        // input, far from overflowing, and the overflow checks were a branch each.
        let li = e.depth &- 1
        if countsCompactBytes {
            if levels[li].memberCount > 0 { compactBytes &+= 1 }
            compactBytes &+= e.sourceLength &+ 1
        }
        levels[li].memberCount &+= 1
        let keyHash = reader.lastKeyHash
        if tracksPaths {
            // Path figures of this member (for key-path lengths, property paths, nested containers).
            let chars = levels[li].pathChars &+ e.scalarCount
            let segments = levels[li].pathSegments &+ 1
            let hash = (levels[li].pathHash ^ keyHash &* 0x9E37_79B9_7F4A_7C15) &* 0x100_0000_01b3 ^ UInt64(segments)
            levels[li].memberChars = chars
            levels[li].memberSegments = segments
            levels[li].memberHash = hash
            if !trackers.isEmpty { trackMember(level: li, chars: chars, segments: segments, hash: hash) }
        }
        if e.isDuplicateKey, !context.captureOnly {
            duplicateKey(e)
        }
        if capture.isActive { capture.key(reader.string(e)) }

        pending.truncate(to: 0)
        let (evalStart, evalEnd) = (levels[li].evalStart, levels[li].evalEnd)
        // The name's bytes: the reader's copy (decoded, and padded as `HotNameTables.lookup` needs).
        let name = reader.lastKeyBytes
        // One schema for the object (most objects), described by name or by
        // `additionalProperties` alone: `describeMember`'s steps, with the value's schema
        // returned instead of queued when it is a leaf.
        let only = Int(levels[li].onlyNode)
        if only >= 0 {
            let h = hot + only
            let flags = h.pointee.flags
            guard flags.contains(.checksObjects) else { return nil }
            if !flags.contains(.hasPatternProperties), combinators.isEmpty, !capture.isActive {
                var schema = -1
                if let entry = hotNames.lookup(h, name, hash: keyHash) {
                    markPresent(evalStart, Int(entry.pointee.slot))
                    schema = Int(entry.pointee.schema)
                }
                if schema < 0, h.pointee.additional >= 0, !flags.contains(.additionalIsFalse) {
                    schema = Int(h.pointee.additional)
                }
                if schema >= 0 {
                    let sink = Int(levels[li].onlySink)
                    if h.pointee.propertyNames >= 0 {
                        checkName(e, name, schema: Int(h.pointee.propertyNames), sink: sink)
                    }
                    if let leaf = leafSchema(schema) { return (leaf, sink) }
                    pending.append((schema, sink))
                    return nil
                }
                // Forbidden or not described: the general path (its lookup and mark again
                // change nothing).
            }
        }
        describeMembers(e, name, hash: keyHash, evalStart..<evalEnd)
        return nil
    }

    /// `onKey`'s general case: the member against each object schema of the level.
    @inline(never)
    mutating func describeMembers(_ e: JSONEvent, _ name: UnsafeRawBufferPointer, hash keyHash: UInt64,
                                  _ range: Range<Int>) {
        let (evalStart, evalEnd) = (range.lowerBound, range.upperBound)
        if evalEnd &- evalStart == 1 {
            let h = hot + evals[evalStart].node
            guard h.pointee.flags.contains(.checksObjects) else { return }
            if !describeMember(eval: evalStart, h, e, name, hash: keyHash), h.pointee.flags.contains(.hasUnknownPolicy) {
                unknownMember(evalStart..<evalEnd)
            }
            return
        }
        var described = false
        var wantsUnknownCheck = false
        for i in evalStart..<evalEnd {
            let h = hot + evals[i].node
            guard h.pointee.flags.contains(.checksObjects) else { continue }
            if describeMember(eval: i, h, e, name, hash: keyHash) { described = true }
            if h.pointee.flags.contains(.hasUnknownPolicy) { wantsUnknownCheck = true }
        }
        if wantsUnknownCheck && !described { unknownMember(evalStart..<evalEnd) }
    }

    /// The member named `name` under evaluation `i` (node `h`): its slot marked present, its
    /// schemas queued (`properties`, `patternProperties`, else `additionalProperties`), its name
    /// checked (`propertyNames`). Returns whether some schema describes it.
    @inline(__always)
    mutating func describeMember(eval i: Int, _ h: UnsafeMutablePointer<HotNode>, _ e: JSONEvent,
                                 _ name: UnsafeRawBufferPointer, hash: UInt64) -> Bool {
        let flags = h.pointee.flags
        let sink = evals[i].sink
        var matched = false
        if let entry = hotNames.lookup(h, name, hash: hash) {
            markPresent(i, Int(entry.pointee.slot))
            if entry.pointee.schema >= 0 {
                pending.append((Int(entry.pointee.schema), sink))
                matched = true
            }
        }
        if flags.contains(.hasPatternProperties), patternMembers(evals[i], e) { matched = true }
        if !matched, h.pointee.additional >= 0 {
            if flags.contains(.additionalIsFalse) {
                additionalForbidden(evals[i])
            } else {
                pending.append((Int(h.pointee.additional), sink))
            }
            matched = true
        }
        if h.pointee.propertyNames >= 0 { checkName(e, name, schema: Int(h.pointee.propertyNames), sink: sink) }
        return matched
    }

    /// Queues the `patternProperties` schemas the current name matches; true when one does.
    @inline(never)
    mutating func patternMembers(_ ev: Eval, _ e: JSONEvent) -> Bool {
        unowned(unsafe) let node = nodes[ev.node]
        var matched = false
        for (regex, schema) in node.patternRegexes {
            let result = reader.withDecodedBytes(e) { regex.matches($0) }
            switch result {
            case .match:
                pending.append((schema, ev.sink))
                matched = true
            case .noMatch:
                break
            case .limitExceeded(let reason):
                if let k = node.schema.patternProperties {
                    emit(.regexLimit, node, k, sink: ev.sink,
                         "the name could not be checked against the patternProperties pattern \(regex.pattern): \(reason); no verdict",
                         severity: .warning)
                }
            }
        }
        return matched
    }

    @inline(never)
    mutating func additionalForbidden(_ ev: Eval) {
        unowned(unsafe) let node = nodes[ev.node]
        if let k = node.schema.additionalProperties {
            emit(.unknownProperty, node, k, sink: ev.sink,
                 "\(subject()) is not an allowed member here (additionalProperties is false)")
        }
    }

    /// A member no evaluation describes, under `unknownProperties` policies.
    @inline(never)
    mutating func unknownMember(_ range: Range<Int>) {
        for i in range {
            let ev = evals[i]
            unowned(unsafe) let node = nodes[ev.node]
            // Described only when wanted (`--quiet` drops the warnings of `warn`).
            guard let severity = node.unknownSeverity, wants(severity, sink: ev.sink),
                  let k = node.schema.unknownProperties else { continue }
            emit(.unknownProperty, node, k, sink: ev.sink,
                 k.value == .warn
                    ? "\(subject()) is not a known member; the API ignores it"
                    : "\(subject()) is not a known member",
                 severity: k.value == .warn ? .warning : .error)
        }
    }

    @inline(__always)
    mutating func markPresent(_ i: Int, _ slot: Int) {
        if slot < 64 {
            evals[i].present |= 1 << UInt64(slot)
        } else {
            markPresentHigh(i, slot)
        }
    }

    @inline(never)
    mutating func markPresentHigh(_ i: Int, _ slot: Int) {
        if evals[i].presentHigh < 0 {
            evals[i].presentHigh = presentOverflow.count
            presentOverflow.append([])
        }
        presentOverflow[evals[i].presentHigh].insert(slot)
    }

    mutating func duplicateKey(_ e: JSONEvent) {
        guard let first = reader.duplicateOf else { return }
        var d = Diagnostic(
            code: .duplicateKey, severity: .error,
            message: "duplicate member name \(quoted(reader.string(e))); first defined at \(first.line):\(first.column) (parsers disagree on which one wins)",
            pointer: currentPointer(appending: ""), source: context.source,
            line: e.line, column: e.column, offset: e.offset, document: context.document,
            related: RelatedLocation(message: "first defined here", line: first.line, column: first.column, offset: first.offset))
        if context.positionless { d.line = 0; d.column = 0; d.offset = 0 }
        report(d)
    }

    /// Checks a member name against `propertyNames`: the name is a string instance of its own.
    /// `propertyNames`: the member name (`name`: its decoded bytes) against schema `schema`.
    mutating func checkName(_ e: JSONEvent, _ name: UnsafeRawBufferPointer, schema: SchemaID, sink: Int) {
        if nameClearlyPasses(e, name, schema) { return }
        let saved = checkingName
        checkingName = true
        let start = evals.count
        let combinatorsBefore = combinators.count
        instantiate(schema, sink: sink, depth: e.depth)
        var value: JSONValue? = nil
        for i in start..<evals.count { checkScalar(i, e, &value) }
        while combinators.count > combinatorsBefore, let c = combinators.popLast() {
            resolve(c)
            sinks.removeSubrange(c.firstSink...)
        }
        evals.truncate(to: start)
        checkingName = saved
    }

    /// Whether the current member name passes `propertyNames` schema `schema` by its sizes and
    /// pattern alone (`HotNode.Flags.stringBoundsAndPatternOnly`): then nothing needs to be
    /// instantiated. False means "check it in full" (which reports what fails).
    @inline(__always)
    func nameClearlyPasses(_ e: JSONEvent, _ name: UnsafeRawBufferPointer, _ schema: SchemaID) -> Bool {
        var id = schema
        if hot[id].flags.contains(.pureRef) { id = Int(hot[id].target) }
        let h = hot + id
        guard h.pointee.flags.contains(.stringBoundsAndPatternOnly) else { return false }
        if e.scalarCount > h.pointee.maxLength || e.scalarCount < h.pointee.minLength
            || e.byteCount > h.pointee.maxBytes || e.byteCount < h.pointee.minBytes
        {
            return false
        }
        return hotRefs[id]._withUnsafeGuaranteedRef { node in
            guard let regex = node.regexRef else { return true }
            return regex._withUnsafeGuaranteedRef { $0.matches(name) } == .match
        }
    }

    /// Key-path lengths and distinct property paths of the enclosing trackers.
    mutating func trackMember(level li: Int, chars: Int, segments: Int, hash: UInt64) {
        for t in trackers.indices where trackers[t].level <= li {
            switch trackers[t].kind {
            case .depth:
                break
            case .keyPath:
                let level = trackers[t].level
                let baseChars = levels[level].pathChars
                let baseSegments = levels[level].pathSegments
                let separator = trackers[t].separatorLength
                let length = (chars - baseChars) + (segments - baseSegments - 1) * separator
                // Report the first member whose path crosses the limit, not all its descendants.
                let parentLength = li == level ? 0
                    : (levels[li].pathChars - baseChars) + (levels[li].pathSegments - baseSegments - 1) * separator
                let limit = trackers[t].limit
                if length > limit && parentLength <= limit { keyPathTooLong(trackers[t], length: length) }
            case .propertyPaths:
                pathSets.insert(hash, into: trackers[t].pathSet)
            }
        }
    }

    @inline(never)
    mutating func keyPathTooLong(_ tracker: Tracker, length: Int) {
        unowned(unsafe) let node = nodes[tracker.node]
        guard let k = node.schema.maxKeyPathLength else { return }
        emit(.keyPathTooLong, node, k, sink: tracker.sink,
             "the key path of \(subject()) is \(count(length, "character")) long; at most \(grouped(k.value)) allowed",
             limit: String(k.value), actual: String(length))
    }

    // MARK: Elements

    /// Queues the schemas for the current element of the array at `li`; starts `contains` branches.
    mutating func itemSchemas(level li: Int) {
        let index = levels[li].memberCount - 1
        let level = levels[li]
        for i in level.evalStart..<level.evalEnd {
            let ev = evals[i]
            guard hot[ev.node].flags.contains(.checksArrays) else { continue }
            // Borrowed: read from `nodes`, the node was retained and released for every element.
            hotRefs[ev.node]._withUnsafeGuaranteedRef { itemSchemas(ev, $0, eval: i, index: index, level: li) }
        }
    }

    mutating func itemSchemas(_ ev: Eval, _ node: CompiledNode, eval i: Int, index: Int, level li: Int) {
        if index < node.prefixItems.count {
            pending.append((node.prefixItems[index], ev.sink))
        } else if node.itemsSchema >= 0 {
            // `items` read as the node's plain copy: the `Keyword` only for a finding.
            if node.itemsIsFalse {
                if let items = node.schema.items {
                    emit(.tooManyItems, node, items, sink: ev.sink,
                         "item \(index) is not allowed: at most \(node.prefixItems.count) items (items is false)",
                         limit: String(node.prefixItems.count), actual: String(index + 1))
                }
            } else {
                pending.append((node.itemsSchema, ev.sink))
            }
        }
        if node.containsSchema >= 0 {
            branch(.contains(eval: i), node: ev.node, schemas: [node.containsSchema], sink: ev.sink, depth: li + 1)
        }
    }

    // MARK: End

    mutating func onEnd(_ e: JSONEvent) {
        // Most containers are not captured: their end passes a literal nil on, and the optional
        // value is neither set up nor destroyed (that had been most of a container end's cost).
        if levels[e.depth].captured {
            onCapturedEnd(e)
        } else {
            endContainer(e, completed: nil)
        }
    }

    @inline(never)
    mutating func onCapturedEnd(_ e: JSONEvent) {
        endContainer(e, completed: capture.end(depth: e.depth))
    }

    /// The end of the container at `e.depth`. The level is read field by field: most containers
    /// have no end checks, no trackers and no combinators, and a copy of their `Level` (with a
    /// frame sized for the checks' messages) had been most of their end's cost.
    @inline(__always)
    mutating func endContainer(_ e: JSONEvent, completed: JSONValue?) {
        let depth = e.depth
        setCurrent(e)
        compactBytes += 1
        let evalStart = levels[depth].evalStart
        for i in evalStart..<levels[depth].evalEnd where hot[evals[i].node].flags.contains(.hasContainerEndChecks) {
            // Most ends report nothing (every required member there, no bound crossed): decided
            // here from plain fields, without a call.
            let quiet = hotRefs[evals[i].node]._withUnsafeGuaranteedRef {
                endIsQuiet(evals[i], $0, depth: depth, hasValue: completed != nil)
            }
            if !quiet { endChecks(i, depth: depth, value: completed) }
        }
        if !trackers.isEmpty { endTrackers(depth: depth) }
        if !combinators.isEmpty { resolveCombinators(depth: depth, value: completed) }
        evals.truncate(to: evalStart)
        levels.removeLast()
    }

    /// The trackers opened at `depth` closed; `maxPropertyPaths` judged.
    @inline(never)
    mutating func endTrackers(depth: Int) {
        let level = levels[depth]
        let position = (level.offset, level.line, level.column)
        while let t = trackers.last, t.level == depth {
            trackers.removeLast()
            guard t.kind == .propertyPaths else { continue }
            let paths = pathSets.count(of: t.pathSet)
            pathSets.pop()
            if paths > t.limit, let k = nodes[t.node].schema.maxPropertyPaths {
                emit(.tooManyProperties, nodes[t.node], k, sink: t.sink,
                     "\(subject()) has \(grouped(paths)) distinct property paths (nested members included); at most \(grouped(k.value)) allowed",
                     limit: String(k.value), actual: String(paths), position: position)
            }
        }
    }

    /// `required` members the object lacks.
    @inline(never)
    mutating func missingRequired(_ ev: Eval, _ node: CompiledNode, position: (offset: Int, line: Int, column: Int)) {
        guard let k = node.schema.required else { return }
        for (j, slot) in node.requiredSlots.enumerated() where !isPresent(ev, slot) {
            let name = k.value[j]
            emit(.requiredField, node, k, sink: ev.sink, "missing required member \(quoted(name))",
                 limit: name, pointer: pointerBelow(name), position: position)
        }
    }

    /// `clearedIfAbsent` members the object lacks.
    @inline(never)
    mutating func clearedFields(_ ev: Eval, _ node: CompiledNode, position: (offset: Int, line: Int, column: Int)) {
        for c in 0..<node.clearedSlots.count where !isPresent(ev, node.clearedSlots[c]) {
            emit(.clearedField, node: node, keyword: node.clearedLocation, sink: ev.sink,
                 message: node.clearedMessages[c], severity: .info, keywordSeverity: node.clearedKeywordSeverity,
                 keywordMessage: node.clearedKeywordMessage,
                 pointer: currentPointer(appending: node.clearedPointerSuffixes[c]), position: position)
        }
    }

    /// Evaluation `i`'s checks at the end of the container at `depth` (its node has some:
    /// `HotNode.Flags.hasContainerEndChecks`, tested first by the caller, then the node borrowed:
    /// reading it from `nodes` retained and released it at every container's end).
    /// Called when `endIsQuiet` is false, i.e. rarely.
    @inline(never)
    mutating func endChecks(_ i: Int, depth: Int, value: JSONValue?) {
        let ev = evals[i]
        let level = levels[depth]
        let size = compactBytes - level.compactStart
        let position = (level.offset, level.line, level.column)
        hotRefs[ev.node]._withUnsafeGuaranteedRef {
            endChecks(ev, $0, level: level, value: value, size: size, position: position)
        }
    }

    /// True when `endChecks(_:_:level:…)` would report nothing for `ev` at the end of the
    /// container at `depth`: the same tests, without building anything. (False whenever unsure.)
    /// A check added to `endChecks` must make this false where it may report.
    @inline(__always)
    func endIsQuiet(_ ev: Eval, _ node: CompiledNode, depth: Int, hasValue: Bool) -> Bool {
        let n = levels[depth].memberCount
        if levels[depth].isObject {
            if Self.mayMissRequired(ev, node) { return false }
            if let m = node.maxProperties, n > m { return false }
            if let m = node.minProperties, n < m { return false }
            if node.hasDependentRequired { return false }
            if Self.mayMissCleared(ev, node), wants(node.clearedSeverity, sink: ev.sink) { return false }
        } else if node.checksArrayEnd {
            return false
        }
        if node.maxBytes != nil || node.minBytes != nil { return false }
        return !(hasValue && node.needsValue)
    }

    /// Whether some `required` member may be absent: a required slot's bit is clear, or some
    /// required slot is beyond the 64 bits (then `missingRequired` looks).
    @inline(__always)
    static func mayMissRequired(_ ev: Eval, _ node: CompiledNode) -> Bool {
        node.requiredBeyondMask || ev.present & node.requiredMask != node.requiredMask
    }

    /// The same for `clearedIfAbsent` members.
    @inline(__always)
    static func mayMissCleared(_ ev: Eval, _ node: CompiledNode) -> Bool {
        node.clearedBeyondMask || ev.present & node.clearedMask != node.clearedMask
    }

    /// (Reached only when `endIsQuiet` is false: keep its tests in step with these.)
    mutating func endChecks(_ ev: Eval, _ node: CompiledNode, level: Level, value: JSONValue?, size: Int,
                            position: (offset: Int, line: Int, column: Int))
    {
        let n = level.memberCount
        if level.isObject {
            if Self.mayMissRequired(ev, node) { missingRequired(ev, node, position: position) }
            if let m = node.maxProperties, n > m, let k = node.schema.maxProperties {
                emit(.tooManyProperties, node, k, sink: ev.sink,
                     "\(subject()) has \(count(n, "member")); at most \(grouped(k.value)) allowed",
                     limit: String(k.value), actual: String(n), position: position)
            }
            if let m = node.minProperties, n < m, let k = node.schema.minProperties {
                emit(.tooFewProperties, node, k, sink: ev.sink,
                     "\(subject()) has \(count(n, "member")); at least \(grouped(k.value)) required",
                     limit: String(k.value), actual: String(n), position: position)
            }
            if node.hasDependentRequired, let k = node.schema.dependentRequired {
                for dep in k.value {
                    guard let slot = node.nameList.firstIndex(of: dep.name), isPresent(ev, slot) else { continue }
                    for r in dep.requires {
                        guard let rs = node.nameList.firstIndex(of: r), !isPresent(ev, rs) else { continue }
                        emit(.requiredField, node, k, sink: ev.sink,
                             "missing member \(quoted(r)), required when \(quoted(dep.name)) is present",
                             limit: r, pointer: pointerBelow(r), position: position)
                    }
                }
            }
            // Info by default: skipped whole when the caller does not want it.
            if Self.mayMissCleared(ev, node), wants(node.clearedSeverity, sink: ev.sink) {
                clearedFields(ev, node, position: position)
            }
        } else if node.checksArrayEnd {
            if let k = node.schema.maxItems, n > k.value {
                emit(.tooManyItems, node, k, sink: ev.sink,
                     "\(subject()) has \(count(n, "item")); at most \(grouped(k.value)) allowed",
                     limit: String(k.value), actual: String(n), position: position)
            }
            if let k = node.schema.minItems, n < k.value {
                emit(.tooFewItems, node, k, sink: ev.sink,
                     "\(subject()) has \(count(n, "item")); at least \(grouped(k.value)) required",
                     limit: String(k.value), actual: String(n), position: position)
            }
            if let k = node.schema.uniqueItems, k.value, case .array(let items)? = value {
                var seen: [JSONValue: Int] = [:]
                for (j, item) in items.enumerated() {
                    if let first = seen[item] {
                        emit(.duplicateItems, node, k, sink: ev.sink,
                             "items \(first) and \(j) of \(subject()) are equal; items must be unique",
                             actual: abbreviated(item), position: position)
                        break
                    }
                    seen[item] = j
                }
            }
            if let c = node.schema.contains {
                let minimum = node.schema.minContains?.value ?? 1
                if ev.containsCount < minimum {
                    emit(.containsMismatch, node: node, keyword: node.schema.minContains?.location ?? c.location, sink: ev.sink,
                         message: "\(subject()) has \(count(ev.containsCount, "item")) matching the `contains` schema; at least \(minimum) required",
                         limit: String(minimum), actual: String(ev.containsCount),
                         keywordSeverity: node.schema.minContains?.severity ?? c.severity,
                         keywordMessage: node.schema.minContains?.message ?? c.message, position: position)
                }
                if let k = node.schema.maxContains, ev.containsCount > k.value {
                    emit(.containsMismatch, node, k, sink: ev.sink,
                         "\(subject()) has \(count(ev.containsCount, "item")) matching the `contains` schema; at most \(k.value) allowed",
                         limit: String(k.value), actual: String(ev.containsCount), position: position)
                }
            }
        }
        checkCompactSize(node, sink: ev.sink, size: size, position: position)
        if let value, node.needsValue {
            // enum/const of containers, immutable, unique, equals; uniqueItems is done above.
            checkWholeValue(node, sink: ev.sink, value, position: position, containerPass: true)
        }
    }

    /// The current value's pointer (with the context's prefix) followed by `suffix`, an escaped
    /// segment with its `/`, rendered in one piece.
    func currentPointer(appending suffix: String) -> String {
        reader.pointer(prefix: context.pointerPrefix, suffix: suffix)
    }

    /// The pointer of the member `name` of the current container.
    func pointerBelow(_ name: String) -> String {
        currentPointer(appending: "/" + JSONPointer.escape(name))
    }
}
