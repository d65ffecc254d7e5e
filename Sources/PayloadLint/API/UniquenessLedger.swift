/// Settles `unique:` rules across the payloads linted together.
///
/// Feed reports in input order: the first payload to use a value keeps it, later ones get
/// `not_unique`. Values on a rule's known list are taken from the start.
public struct UniquenessLedger: Sendable {
    /// (scope, value) → where it was first used (file, record, pointer): described only when a
    /// later payload repeats it. An open-addressing table over `entries`, keyed by the hashes the
    /// claims carry (slot: entry index + 1; 0: empty).
    private var slots: [Int] = []
    private var entries: [Entry] = []

    public init() {}

    /// The `unique:` claims of a run of reports, moved out of them in input order (on any
    /// thread) and settled later by one ledger in the same order (`settle(_:_:file:record:)`).
    ///
    /// One array holds the claims of every report: a ledger that settles a worker's reports on
    /// another thread then frees one array per batch, not one (or two) per report — freeing
    /// memory another thread allocated is what settling cost most.
    public struct ClaimBatch: Sendable {
        fileprivate var claims: [UniqueClaim] = []

        public init() {}

        /// Makes room for the claims of `reports` (claims are large: growing the array by doubling
        /// copied them several times over).
        public mutating func reserve(for reports: borrowing [Report]) {
            var n = claims.count
            for k in reports.indices { n += reports[k].uniqueClaims.count }
            claims.reserveCapacity(n)
        }

        /// Moves `report`'s claims to the end of the batch (the report then has none to
        /// settle); returns where they are in it.
        public mutating func take(from report: inout Report) -> Range<Int> {
            let start = claims.count
            if claims.isEmpty {
                swap(&claims, &report.uniqueClaims)
            } else {
                claims.append(contentsOf: report.uniqueClaims)
                report.uniqueClaims = []
            }
            return start..<claims.count
        }
    }

    /// Takes the values of the claims `range` of `batch` (one report's, from
    /// `ClaimBatch.take(from:)`) that are free; returns the `not_unique` findings for the others
    /// (in claim order; `file` and `record` set), to be added to the report they came from.
    public mutating func settle(_ batch: borrowing ClaimBatch, _ range: Range<Int>, file: String?, record: Int?)
        -> [Diagnostic]
    {
        var added: [Diagnostic] = []
        for k in range {
            var note: String
            let rule = batch.claims[k].rule
            if !rule.known.isEmpty, rule.known.contains(batch.claims[k].value) {
                note = " (it is on the rule's list of values in use)"
            } else if let first = take(batch.claims, k, file: file, record: record) {
                let place = describe(entries[first].file, entries[first].record)
                note = " (first used by "
                note.reserveCapacity(place.utf8.count + entries[first].pointer.utf8.count + 24)
                note += place
                note += " at "
                note += entries[first].pointer
                note += ")"
            } else {
                continue
            }
            var d = batch.claims[k].diagnostic(note: note)
            d.file = file
            d.record = record
            added.append(d)
        }
        return added
    }

    /// Adds `not_unique` findings to `report` for values already taken, and takes the others.
    /// Returns whether findings were added (otherwise `report.diagnostics` is unchanged).
    @discardableResult
    public mutating func settle(_ report: inout Report) -> Bool {
        guard !report.uniqueClaims.isEmpty else { return false }
        var batch = ClaimBatch()
        let range = batch.take(from: &report)
        let added = settle(batch, range, file: report.file, record: report.record)
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

    /// The index of the entry of the first use of claim `k`'s value if there is one; otherwise
    /// records this use and returns nil.
    private mutating func take(_ claims: borrowing [UniqueClaim], _ k: Int, file: String?, record: Int?) -> Int? {
        if entries.count * 4 >= slots.count * 3 { grow() }
        let mask = slots.count - 1
        let hash = claims[k].hash
        var i = hash & mask
        while slots[i] != 0 {
            let e = slots[i] - 1
            if entries[e].hash == hash, entries[e].rule === claims[k].rule || entries[e].rule.scope == claims[k].rule.scope,
               entries[e].value == claims[k].value
            {
                return e
            }
            i = (i + 1) & mask
        }
        entries.append(Entry(hash: hash, rule: claims[k].rule, value: claims[k].value, file: file, record: record,
                             pointer: claims[k].pointer))
        slots[i] = entries.count
        return nil
    }

    private mutating func grow() {
        let capacity = max(1024, slots.count * 2)
        slots = [Int](repeating: 0, count: capacity)
        // Entries hold references: growing by copying them would retain and release each one.
        entries.reserveCapacity(capacity * 3 / 4)
        let mask = capacity - 1
        for e in entries.indices {
            var i = entries[e].hash & mask
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = e + 1
        }
    }

    private func describe(_ file: String?, _ record: Int?) -> String {
        let name = file ?? "this run"
        if let record { return "\(name):\(record)" }
        return name
    }

    /// A taken value (its rule's scope and the value, compared in full when hashes are equal)
    /// and where it was first used.
    private struct Entry: Sendable {
        var hash: Int
        var rule: UniqueRule
        var value: JSONValue
        var file: String?
        var record: Int?
        var pointer: String
    }

    /// The hash a claim of `value` under `rule`'s scope carries (computed where the claim is made, so
    /// the ledger's thread only probes). Strings, the usual unique values, hash their UTF-8
    /// bytes in place.
    static func hash(_ rule: UniqueRule, value: JSONValue) -> Int {
        var hasher = Hasher()
        hasher.combine(rule.scopeHash)
        if case .string(let s) = value {
            if s.utf8.withContiguousStorageIfAvailable({ hasher.combine(bytes: UnsafeRawBufferPointer($0)) }) == nil {
                Array(s.utf8).withUnsafeBytes { hasher.combine(bytes: $0) }
            }
        } else {
            hasher.combine(value)
        }
        return hasher.finalize()
    }
}

extension Report {
    /// Whether the report holds `unique:` claims that a `UniquenessLedger` must settle (in input
    /// order) before its findings are final.
    public var hasUniqueClaims: Bool { !uniqueClaims.isEmpty }
}

/// Parameters (no position) first, then by offset.
func sortKey(_ d: Diagnostic) -> (Int, Int) { (d.source == .body ? 1 : 0, d.offset) }
