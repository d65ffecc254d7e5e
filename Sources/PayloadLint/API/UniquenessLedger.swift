import JSONStream

/// Settles `unique:` rules across the payloads linted together.
///
/// Feed reports in input order: the first payload to use a value keeps it, later ones get
/// `not_unique`. Values on a rule's known list are taken from the start.
///
/// Nothing the ledger keeps holds a reference: first uses are bytes in one block, scopes and
/// file names are numbers. Why: the ledger runs on the thread that writes the output, and the
/// claims come from worker threads; retaining and releasing their strings and rules there moved
/// the same cache lines between cores for every claim (on a corpus where half the payloads repeat
/// a name, settling took more time than linting).
public struct UniquenessLedger: Sendable {
    /// (scope, value) → where it was first used: open addressing over the store's entries, keyed
    /// by the hashes the claims carry. A slot holds the hash's high half beside the entry's index
    /// + 1 (0: empty), so that probing past other values reads only the slots, in order: most
    /// claims are new values, and each entry looked at on the way was a cache miss. Eight bytes a
    /// slot and 40 an entry (they were 16 and 72): on a run where every payload claims new values,
    /// their growth was most of the consumer's page faults. The store also holds the first uses'
    /// string values, each followed by its pointer (UTF-8), which entries locate.
    private var store = Store()
    /// First uses' values that are not strings (rare: compared as values, `1.0` equals `1`).
    private var others: [JSONValue] = []
    private var scopes: [String] = []
    /// The same as UTF-8 and escaped, for messages (appending a `String` cost some 400
    /// instructions) and `jsonl` lines.
    private var scopeTexts: [EscapedText] = []
    /// The files' names ("this run" for none), by number (`fileNumbers`).
    private var fileTexts: [EscapedText] = []
    private var fileNumbers: [String?: Int32] = [:]
    /// The file name last given (as given) and its number.
    private var lastFile: String?
    private var lastFileNumber: Int32 = -1
    /// Rules seen lately (their address, compared without touching the object) and their scope's
    /// number. Held strongly, so an address stays theirs.
    private var recentRules: [(id: UInt, rule: UniqueRule, scope: Int32)] = []
    /// The batch `settle(_ report:)` takes each report's claims into.
    private var reportBatch = ClaimBatch()
    /// What `warm(for:)` read, kept so that its loads are not optimized away.
    private var warmth = 0
    /// Scratch for the finding being described (message and value text), reused.
    private var message: [UInt8] = []
    private var actual: [UInt8] = []
    /// Writes `settleJSONL`'s lines, with the pieces that repeat escaped once.
    private var lineWriter = NotUniqueLines()

    public init() {}

    /// A slot of the table: the high half of an entry's hash (the low bits place it) and the
    /// entry's index + 1; all zero: empty.
    struct Slot {
        var tag: UInt32 = 0
        var entry: UInt32 = 0

        static func tag(_ hash: Int) -> UInt32 { UInt32(truncatingIfNeeded: hash >> 32) }
    }

    /// A taken value (its scope and the value, compared in full when hashes are equal) and where
    /// it was first used. The value's bytes (a string's) are at `start` in the store's bytes, the
    /// pointer's right after them.
    struct Entry {
        var hash: Int
        var start: Int
        /// The record, `Int.min` for none.
        var recordOrMin: Int
        /// A string value's byte count; for another value, -1 - its index in `others`.
        var valueCountOrOther: Int32
        var pointerCount: Int32
        var scope: Int32
        var file: Int32

        var other: Int { valueCountOrOther < 0 ? Int(-1 - valueCountOrOther) : -1 }
        var valueCount: Int { max(Int(valueCountOrOther), 0) }
        var pointerRange: Range<Int> { (start + valueCount)..<(start + valueCount + Int(pointerCount)) }
        var record: Int? { recordOrMin == .min ? nil : recordOrMin }
    }

    /// Why a claim's value is not free.
    private enum Taken {
        /// It is on the rule's list of values in use.
        case known
        /// An earlier payload used it: the entry of that first use.
        case first(Int)
    }

    // MARK: Settling

    /// Settles the claims `range` of `batch` (one report's, from `ClaimBatch.take(from:)`): takes
    /// the values that are free, returns the `not_unique` findings for the others (in claim
    /// order; `document`, `file` and `record` set), to be added to the report they came from.
    public mutating func settle(_ batch: borrowing ClaimBatch, _ range: Range<Int>, document: String?, file: String?,
                                record: Int?) -> [Diagnostic]
    {
        var added: [Diagnostic] = []
        var fileNo: Int32 = -1
        for k in range {
            guard let settled = takeValue(batch, k, file: file, fileNo: &fileNo, record: record) else { continue }
            let text = notUniqueMessage(settled.taken, scope: settled.scope)
            message.removeAll(keepingCapacity: true)
            text.write(batch, k, into: &message)
            let item = batch.items[k]
            let rule = batch.rule(item)
            added.append(Diagnostic(
                code: .notUnique, severity: rule.severity, message: String(decoding: message, as: UTF8.self),
                pointer: batch.string(item.pointer), source: item.source,
                line: item.line, column: item.column, offset: item.offset, rule: rule.location,
                actual: String(decoding: actual, as: UTF8.self), document: document, file: file, record: record))
        }
        return added
    }

    /// Reads, ahead of settling `batch`, the table slots (and, where the hash is there, the first
    /// uses) its claims will probe. The loads are independent, so the processor overlaps their
    /// cache misses; settling claim by claim waited for each in turn (the table outgrows the
    /// caches on large runs, and probing was most of settling's time).
    public mutating func warm(for batch: borrowing ClaimBatch) {
        guard store.slotCount > 0 else { return }
        let mask = store.slotCount - 1
        var touched = 0
        for k in batch.items.indices {
            let slot = store.slot(batch.items[k].hash & mask)
            touched &+= Int(slot.entry)
            if slot.tag == Slot.tag(batch.items[k].hash), slot.entry > 0 {
                let e = store.entry(Int(slot.entry) - 1)
                touched &+= Int(e.valueCount > 0 ? store.byte(e.start) : 0)
            }
        }
        warmth = touched
    }

    /// `settle(_:_:document:file:record:)` written straight as `jsonl` lines (what
    /// `JSONLinesReporter` writes for those findings) at the end of `out`, without building them:
    /// appends each line's order key (`orderKey`), byte range and severity to `lines`.
    /// `errorsOnly`: findings below error severity are counted in `lines` but not written (their
    /// range is empty).
    public mutating func settleJSONL(_ batch: borrowing ClaimBatch, _ range: Range<Int>, document: String?,
                                     file: String?, record: Int?, errorsOnly: Bool, to out: inout [UInt8],
                                     lines: inout [(key: (Int, Int), start: Int, end: Int, severity: Severity)])
    {
        var fileNo: Int32 = -1
        // The line writer moved out for the loop, and the rule read unretained: written to while
        // `message` and `actual` were read, it made both be retained and released per line, and
        // the rule's reference the same (about 2% of a Frontier run's time).
        var writer = NotUniqueLines()
        swap(&writer, &lineWriter)
        defer { swap(&writer, &lineWriter) }
        for k in range {
            guard let settled = takeValue(batch, k, file: file, fileNo: &fileNo, record: record) else { continue }
            let item = batch.items[k]
            let ref = batch.ruleRefs[Int(item.rule)]
            let severity = ref._withUnsafeGuaranteedRef { $0.severity }
            let start = out.count
            if !errorsOnly || severity == .error {
                let text = notUniqueMessage(settled.taken, scope: settled.scope)
                actual.withUnsafeBufferPointer { a in
                    batch.withBytes(item.pointer) { p in
                        ref._withUnsafeGuaranteedRef { rule in
                            writer.append(to: &out, file: file, record: record, document: document,
                                          severity: severity, rule: rule, source: item.source,
                                          line: item.line, column: item.column, offset: item.offset, pointer: p,
                                          actual: a, messageBound: text.jsonBound(batch, k)) { text.write(batch, k, into: &$0) }
                        }
                    }
                }
                out.append(0x0A)
            }
            lines.append((sortKey(source: item.source, offset: item.offset), start, out.count, severity))
        }
    }

    /// Adds `not_unique` findings to `report` for values already taken, and takes the others.
    /// Returns whether findings were added (otherwise `report.diagnostics` is unchanged).
    @discardableResult
    public mutating func settle(_ report: inout Report) -> Bool {
        guard !report.uniqueClaims.isEmpty else { return false }
        // One batch reused for every report (its arrays keep their room; its rules stay listed).
        var batch = ClaimBatch()
        swap(&batch, &reportBatch)
        batch.removeClaims()
        let range = batch.take(from: &report)
        let added = settle(batch, range, document: report.document, file: report.file, record: report.record)
        swap(&batch, &reportBatch)
        guard !added.isEmpty else { return false }
        report.diagnostics.append(contentsOf: added)
        // Stable order: parameters (no position) first, then by offset. Sort the keys, not the findings.
        var order: [(Int, Int, Int)] = []
        order.reserveCapacity(report.diagnostics.count)
        for i in report.diagnostics.indices {
            let key = UniquenessLedger.orderKey(report.diagnostics[i])
            order.append((key.0, key.1, i))
        }
        if order.indices.dropFirst().contains(where: { order[$0 - 1] > order[$0] }) {
            order.sort { $0 < $1 }
            let old = report.diagnostics
            report.diagnostics = order.map { old[$0.2] }
        }
        return true
    }

    /// The order of a report's findings once claims are settled: by this key, then as they were
    /// (settled findings after the report's own).
    public static func orderKey(_ d: Diagnostic) -> (Int, Int) { sortKey(d) }

    /// Settles claim `k`; when its value was taken already, leaves the value's text in `actual`
    /// and returns why, and the number of the rule's scope (for `notUniqueMessage`).
    private mutating func takeValue(_ batch: borrowing ClaimBatch, _ k: Int, file: String?, fileNo: inout Int32,
                                    record: Int?) -> (taken: Taken, scope: Int)?
    {
        guard let taken = take(batch, k, file: file, fileNo: &fileNo, record: record) else { return nil }
        let item = batch.items[k]
        // A first use's entry has the scope `take` looked up; a known value's was not looked up.
        let scope = switch taken {
        case .first(let e): Int(store.entry(e).scope)
        case .known: Int(scopeNumber(batch.ruleRefs[Int(item.rule)]))
        }
        actual.removeAll(keepingCapacity: true)
        if item.other < 0 {
            batch.withBytes(item.value) { JSONValue.writeString(utf8: $0, to: &actual) }
        } else {
            actual.append(contentsOf: batch.others[Int(item.other)].description.utf8)
        }
        return (taken, scope)
    }

    /// What the message of claim `k`'s finding is made of (`takeValue` returned `taken` and
    /// `scope`, and left the value's text in `actual`).
    private func notUniqueMessage(_ taken: Taken, scope: Int) -> NotUniqueMessage {
        var first: NotUniqueMessage.FirstUse?
        if case .first(let index) = taken {
            let e = store.entry(index)
            first = .init(file: fileTexts[Int(e.file)], record: e.record, ledger: store, pointer: e.pointerRange)
        }
        return NotUniqueMessage(shown: NotUniqueMessage.shown(actual), scope: scopeTexts[scope], first: first)
    }

    /// Why claim `k`'s value is not free (on its rule's list, or used before); nil when it is free,
    /// and then this use is recorded. `fileNo`: `file`'s number once looked up (-1 before), so that
    /// the claims of one report look it up once: each lookup retained and released the name.
    private mutating func take(_ batch: borrowing ClaimBatch, _ k: Int, file: String?, fileNo: inout Int32,
                               record: Int?) -> Taken?
    {
        let item = batch.items[k]
        let ref = batch.ruleRefs[Int(item.rule)]
        if ref._withUnsafeGuaranteedRef({ !$0.known.isEmpty }),
           batch.rule(item).known.contains(batch.value(of: item)) { return .known }
        let scope = scopeNumber(ref)
        uniqueStore()
        if store.entryCount * 2 >= store.slotCount { grow() }
        let mask = store.slotCount - 1
        let tag = Slot.tag(item.hash)
        var i = item.hash & mask
        while true {
            let slot = store.slot(i)
            if slot.entry == 0 { break }
            if slot.tag == tag {
                let e = Int(slot.entry) - 1
                let entry = store.entry(e)
                if entry.hash == item.hash, entry.scope == scope, sameValue(entry, batch, item) {
                    return .first(e)
                }
            }
            i = (i + 1) & mask
        }
        if fileNo < 0 { fileNo = fileNumber(file) }
        let start = store.byteCount
        let valueCountOrOther: Int32
        if item.other < 0 {
            valueCountOrOther = item.value.count
            // A claim's pointer follows its value in the batch (as the session writes them):
            // both in one copy.
            if item.value.start + Int(item.value.count) == item.pointer.start, !item.pointer.isNone {
                keep(batch, Span32(start: item.value.start, count: item.value.count + item.pointer.count))
            } else {
                keep(batch, item.value)
                keep(batch, item.pointer)
            }
        } else {
            valueCountOrOther = -1 - Int32(others.count)
            others.append(batch.others[Int(item.other)])
            keep(batch, item.pointer)
        }
        store.append(Entry(hash: item.hash, start: start, recordOrMin: record ?? .min,
                           valueCountOrOther: valueCountOrOther, pointerCount: max(item.pointer.count, 0),
                           scope: scope, file: fileNo))
        // Four billion entries would need some 160 GB for the entries alone: the count fits.
        store.setSlot(i, Slot(tag: tag, entry: UInt32(truncatingIfNeeded: store.entryCount)))
        return nil
    }

    /// (Inlined: called out of line, it was handed a copy of the whole ledger, some 1,300
    /// instructions of retains and releases per value compared.)
    @inline(__always)
    private func sameValue(_ e: Entry, _ batch: borrowing ClaimBatch, _ item: Item) -> Bool {
        if e.other >= 0 || item.other >= 0 {
            guard e.other >= 0, item.other >= 0 else { return false }
            return others[e.other] == batch.others[Int(item.other)]
        }
        guard e.valueCountOrOther == item.value.count else { return false }
        let n = e.valueCount
        let a = store.bytes(e.start..<e.start + n)
        return batch.bytes.withUnsafeBufferPointer { b in
            guard n > 0, let pa = a.baseAddress, let pb = b.baseAddress else { return true }
            return memcmpBytes(pa, pb + item.value.start, n)
        }
    }

    /// Appends a span of `batch.bytes` (none: nothing) to the store's bytes.
    private func keep(_ batch: borrowing ClaimBatch, _ span: Span32) {
        guard !span.isNone else { return }
        batch.withBytes(span) { store.append(bytes: $0) }
    }

    /// Makes the store this ledger's own before a change (a copy of the ledger shares it).
    @inline(__always)
    private mutating func uniqueStore() {
        if !isKnownUniquelyReferenced(&store) { store = store.copy() }
    }

    private mutating func scopeNumber(_ ref: Unmanaged<UniqueRule>) -> Int32 {
        let id = UInt(bitPattern: ref.toOpaque())
        for r in recentRules.indices where recentRules[r].id == id { return recentRules[r].scope }
        let rule = ref.takeUnretainedValue()
        let scope: Int32
        if let known = scopes.firstIndex(of: rule.scope) {
            scope = Int32(known)
        } else {
            scope = Int32(scopes.count)
            scopes.append(rule.scope)
            scopeTexts.append(EscapedText(rule.scope))
        }
        if recentRules.count == 8 { recentRules.removeFirst() }
        recentRules.append((id, rule, scope))
        return scope
    }

    private mutating func fileNumber(_ file: String?) -> Int32 {
        // Runs of claims come with the same string (one per batch): equal strings that share
        // their storage compare at once, where the ledger's own copy is compared byte by byte.
        if lastFileNumber >= 0, lastFile == file {
            // Equal: keep the caller's string, so that its next calls compare at once (each batch
            // of reports brings its own copy of the name; kept the first, every claim of a later
            // batch compared the bytes).
            lastFile = file
            return lastFileNumber
        }
        lastFile = file
        lastFileNumber = fileNumberByValue(file)
        return lastFileNumber
    }

    private mutating func fileNumberByValue(_ file: String?) -> Int32 {
        if let known = fileNumbers[file] { return known }
        // A copy of its own: the caller's string is retained and released by the workers for
        // every report they make.
        let own = file.map(\.unsharedCopy)
        fileTexts.append(EscapedText(own ?? "this run"))
        fileNumbers[own] = Int32(fileTexts.count - 1)
        return Int32(fileTexts.count - 1)
    }

    private func grow() {
        let capacity = max(1024, store.slotCount * 2)
        store.resetSlots(count: capacity)
        let mask = capacity - 1
        for e in 0..<store.entryCount {
            let hash = store.entry(e).hash
            var i = hash & mask
            while store.slot(i).entry != 0 { i = (i + 1) & mask }
            store.setSlot(i, Slot(tag: Slot.tag(hash), entry: UInt32(truncatingIfNeeded: e + 1)))
        }
    }

    /// The hash a claim of `value` under `rule`'s scope carries (computed where the claim is made, so
    /// the ledger's thread only probes). Strings, the usual unique values, hash their UTF-8
    /// bytes in place.
    static func hash(_ rule: UniqueRule, value: JSONValue) -> Int {
        if case .string(var s) = value { return s.withUTF8 { hash(rule, utf8: UnsafeRawBufferPointer($0)) } }
        var hasher = Hasher()
        hasher.combine(rule.scopeHash)
        hasher.combine(value)
        return hasher.finalize()
    }

    /// The hash of a string value of `rule`, from its UTF-8: the reader's word hash
    /// (`JSONReader.nameHash`) under a key of its own, with a seed per rule (`UniqueRule.claimKey`:
    /// its scope's hash, hashed under that key, so that scopes get unrelated seeds). Keyed, because
    /// the values come from the payloads: a hash a payload can invert lets it make every claim
    /// collide, each then compared with all the earlier ones (a review measured 0.2 s become 9 s
    /// on 60,000 crafted names with an unkeyed hash). A key of its own, so that names that share
    /// one name hash share no claim hash. It replaced `Hasher` (SipHash), some 250 instructions
    /// per claim on Frontier's values (BENCHMARKS.md, fifteenth pass).
    static func hash(_ rule: UniqueRule, utf8: UnsafeRawBufferPointer) -> Int {
        Int(truncatingIfNeeded: JSONReader.nameHash(utf8, key: rule.claimKey))
    }

    /// The key of the claim hashes of a scope with this hash (`UniqueRule.claimKey`).
    static func claimKey(scopeHash: Int) -> NameHashKey {
        let seed = withUnsafeBytes(of: UInt64(UInt(bitPattern: scopeHash)).littleEndian) {
            JSONReader.nameHash($0, key: processClaimKey)
        }
        return NameHashKey(seed: seed, multiplier: processClaimKey.multiplier)
    }

    /// The key the claim keys derive from, drawn once per process apart from `NameHashKey.process`.
    static let processClaimKey: NameHashKey = {
        var random = SystemRandomNumberGenerator()
        return NameHashKey(seed: random.next(), multiplier: random.next())
    }()
}

extension Report {
    /// Whether the report has `unique:` claims that a `UniquenessLedger` must settle (in input
    /// order) before its findings are final: its own, or gathered in its stream's batch
    /// (`gatheredUniqueClaims`).
    public var hasUniqueClaims: Bool { !uniqueClaims.isEmpty }

    /// Where this report's `unique:` claims are in the batch its stream handed out
    /// (`LintStream.gathersUniqueClaims`, `LintStream.takeUniqueClaims()`); nil when the report
    /// carries its claims itself or has none.
    public var gatheredUniqueClaims: Range<Int>? { uniqueClaims.gathered }
}

/// Parameters (no position) first, then by offset.
func sortKey(_ d: Diagnostic) -> (Int, Int) { sortKey(source: d.source, offset: d.offset) }

func sortKey(source: ValueSource, offset: Int) -> (Int, Int) { (source == .body ? 1 : 0, offset) }
