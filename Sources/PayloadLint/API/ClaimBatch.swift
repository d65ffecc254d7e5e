import JSONStream

extension UniquenessLedger {
    /// `unique:` claims in input order, made on any thread and settled later by one ledger in
    /// the same order.
    ///
    /// Flat, with no reference per claim: values, pointers and subjects are bytes in one array,
    /// rules are indices into a short list. Two ways to fill one: `take(from:)` moves a report's
    /// claims in; a `LintStream` that gathers claims (`LintStream.gathersUniqueClaims`) writes
    /// them straight into its batch as it validates (`LintStream.takeUniqueClaims()`), and its
    /// reports only say where theirs are (`Report.gatheredUniqueClaims`).
    public struct ClaimBatch: Sendable {
        var items: [Item] = []
        var bytes: [UInt8] = []
        /// The claims' rules, kept alive here, and the same as unmanaged references, which the
        /// ledger reads without retaining: the workers retain and release these objects for every
        /// claim they make, and an atomic count touched from two threads moves between cores.
        /// Only ever appended to: a batch handed on shares these arrays with the next one.
        var rules: [UniqueRule] = []
        var ruleRefs: [Unmanaged<UniqueRule>] = []
        var others: [JSONValue] = []
        /// Payloads whose only output was their claims, in input order, each with its record and
        /// where its claims are in the batch: the stream made no report for them
        /// (`LintStream.omitsCleanReports` with `LintStream.gathersUniqueClaims`).
        public internal(set) var unreported: [(record: Int?, claims: Range<Int>)] = []
        /// The document and file of the stream that gathered the claims: the unreported payloads'.
        public internal(set) var document: String?
        public internal(set) var file: String?

        public init() {}

        /// How many claims the batch holds.
        public var count: Int { items.count }

        /// Makes room for the claims of `reports` (those they carry themselves).
        public mutating func reserve(for reports: borrowing [Report]) {
            var n = items.count
            var b = bytes.count
            for k in reports.indices {
                n += reports[k].uniqueClaims.count
                b += reports[k].uniqueClaims.byteCount
            }
            items.reserveCapacity(n)
            bytes.reserveCapacity(b)
        }

        /// Moves `report`'s claims to the end of the batch (the report then has none to
        /// settle); returns where they are in it.
        ///
        /// A report whose claims were gathered (`Report.gatheredUniqueClaims`) carries none: its
        /// claims are in its stream's batch, at that range.
        public mutating func take(from report: inout Report) -> Range<Int> {
            let start = items.count
            guard let source = report.uniqueClaims.ownBatch else {
                precondition(report.gatheredUniqueClaims == nil,
                             "a report of a stream that gathers its claims: they are in the stream's batch")
                return start..<start
            }
            report.uniqueClaims = UniqueClaims()
            append(source)
            return start..<items.count
        }

        /// Appends `source`'s claims: the bytes in one copy, each claim's places shifted by where
        /// they land and its rule renumbered.
        mutating func append(_ source: borrowing ClaimBatch) {
            let base = bytes.count, otherBase = Int32(others.count)
            bytes.append(contentsOf: source.bytes)
            if !source.others.isEmpty { others.append(contentsOf: source.others) }
            // The source's rules in this batch (most batches have one or two).
            var renumbered: [Int32] = []
            renumbered.reserveCapacity(source.rules.count)
            for r in source.rules.indices { renumbered.append(ruleIndex(source.rules[r])) }
            items.reserveCapacity(items.count + source.items.count)
            for k in source.items.indices {
                var item = source.items[k]
                item.rule = renumbered[Int(item.rule)]
                item.shift(bytes: base, others: otherBase)
                items.append(item)
            }
        }

        /// Forgets the claims, keeping the arrays' room and the rules seen.
        mutating func removeClaims() {
            items.removeAll(keepingCapacity: true)
            bytes.removeAll(keepingCapacity: true)
            if !others.isEmpty { others.removeAll(keepingCapacity: true) }
            if !unreported.isEmpty { unreported.removeAll(keepingCapacity: true) }
        }

        /// `rule`'s index in `rules`, added when new. Compared by address, without retaining.
        @inline(__always)
        mutating func ruleIndex(_ rule: UniqueRule) -> Int32 {
            let id = Unmanaged.passUnretained(rule).toOpaque()
            for r in ruleRefs.indices where ruleRefs[r].toOpaque() == id { return Int32(r) }
            return addRule(rule)
        }

        @inline(never)
        private mutating func addRule(_ rule: UniqueRule) -> Int32 {
            rules.append(rule)
            ruleRefs.append(.passUnretained(rule))
            return Int32(rules.count - 1)
        }

        /// The claims, moved out; this batch is left with none, and the rules (shared).
        mutating func takeClaims() -> ClaimBatch {
            // Swapped with an empty batch that then takes the rules: an empty batch made with them
            // first was copied once more, a retain and release per array.
            var taken = ClaimBatch()
            swap(&taken, &self)
            rules = taken.rules
            ruleRefs = taken.ruleRefs
            return taken
        }

        /// A batch with no claims that shares this one's rules (their indices stay valid).
        func emptySharingRules() -> ClaimBatch {
            var b = ClaimBatch()
            b.rules = rules
            b.ruleRefs = ruleRefs
            return b
        }

        /// Moves the claims from `item` on (with their bytes from `byte`, their other values from
        /// `other`) to a batch of their own, sharing the rules, and keeps the others (and the
        /// unreported payloads, whose claims all come before `item`).
        mutating func split(item: Int, byte: Int, other: Int) -> ClaimBatch {
            var tail = emptySharingRules()
            guard item < items.count else { return tail }
            tail.bytes.append(contentsOf: bytes[byte...])
            if other < others.count { tail.others.append(contentsOf: others[other...]) }
            for k in item..<items.count {
                var moved = items[k]
                moved.shift(bytes: -byte, others: -Int32(other))
                tail.items.append(moved)
            }
            items.removeSubrange(item...)
            bytes.removeSubrange(byte...)
            if other < others.count { others.removeSubrange(other...) }
            return tail
        }

        /// Calls `body` with the bytes of `span`.
        func withBytes<R>(_ span: Span32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
            bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[span.range])) }
        }

        func string(_ span: Span32) -> String {
            String(decoding: bytes[span.range], as: UTF8.self)
        }

        func rule(_ item: Item) -> UniqueRule { rules[Int(item.rule)] }

        func value(of item: Item) -> JSONValue {
            item.other >= 0 ? others[Int(item.other)] : .string(string(item.value))
        }
    }

    /// A range of a byte array (`count` -1: none).
    struct Span32: Sendable {
        var start = 0
        var count: Int32 = -1
        var isNone: Bool { count < 0 }
        var range: Range<Int> { start..<(start + Int(count)) }

        init(start: Int = 0, count: Int32 = -1) {
            self.start = start
            self.count = count
        }

        init(_ range: Range<Int>) { self.init(start: range.lowerBound, count: Int32(range.count)) }

        /// The same bytes after `delta` more (or fewer) before them.
        @inline(__always)
        mutating func shift(by delta: Int) {
            if !isNone { start += delta }
        }
    }

    /// One claim of a `ClaimBatch`.
    struct Item: Sendable {
        /// Scope and value hashed where the claim is made (on a worker): the ledger only probes.
        var hash: Int
        var rule: Int32
        var source: ValueSource
        var offset: Int
        var line: Int
        var column: Int
        /// A string value's UTF-8; otherwise `other` indexes `ClaimBatch.others`.
        var value = Span32()
        var other: Int32 = -1
        /// Where the value is: the finding is built from these only when the value turns out to
        /// be taken (most claims are not, and describing a value costs more than claiming it).
        var pointer = Span32()
        /// How messages name the value when it is not the pointer's last segment (a member name);
        /// none: it is. Decoding the name costs more than the rest of a claim, and is rarely needed.
        var subject = Span32()

        /// The same claim after `bytes` more (or fewer) bytes and `others` more other values
        /// before its own.
        @inline(__always)
        mutating func shift(bytes delta: Int, others otherDelta: Int32) {
            value.shift(by: delta)
            if other >= 0 { other += otherDelta }
            pointer.shift(by: delta)
            subject.shift(by: delta)
        }
    }
}
