/// Settles `unique:` rules across the payloads linted together.
///
/// Feed reports in input order: the first payload to use a value keeps it, later ones get
/// `not_unique`. Values on a rule's known list are taken from the start.
public struct UniquenessLedger: Sendable {
    /// (scope, value) → where it was first used (file, record, pointer): described only when a
    /// later payload repeats it. An open-addressing table over `entries`, keyed by the keys'
    /// precomputed hashes (slot: entry index + 1; 0: empty).
    private var slots: [Int] = []
    private var entries: [(key: Key, first: FirstUse)] = []

    public init() {}

    /// A report's `unique:` claims, taken out of it with their keys hashed
    /// (`takeClaims(from:)`, on any thread), to be settled in input order (`settle(_:)`).
    public struct PendingClaims: Sendable {
        fileprivate var claims: [UniqueClaim]
        fileprivate var keys: [Key]
        fileprivate var file: String?
        fileprivate var record: Int?

        public var isEmpty: Bool { claims.isEmpty }
    }

    /// Moves `report`'s claims out of it (the report then has none to settle).
    public static func takeClaims(from report: inout Report) -> PendingClaims {
        var claims: [UniqueClaim] = []
        swap(&claims, &report.uniqueClaims)
        var keys: [Key] = []
        keys.reserveCapacity(claims.count)
        for k in claims.indices { keys.append(Key(scope: claims[k].scope, value: claims[k].value)) }
        return PendingClaims(claims: claims, keys: keys, file: report.file, record: report.record)
    }

    /// Takes the values of `pending` that are free; returns the `not_unique` findings for the
    /// others (in claim order; `file` and `record` set), to be added to the report they came from.
    public mutating func settle(_ pending: consuming PendingClaims) -> [Diagnostic] {
        var added: [Diagnostic] = []
        for k in pending.claims.indices {
            let note: String
            if !pending.claims[k].known.isEmpty, pending.claims[k].known.contains(pending.claims[k].value) {
                note = " (it is on the rule's list of values in use)"
            } else if let first = take(pending.keys[k], file: pending.file, record: pending.record,
                                       pointer: pending.claims[k].pointer)
            {
                note = " (first used by \(describe(first.file, first.record)) at \(first.pointer))"
            } else {
                continue
            }
            var d = pending.claims[k].diagnostic
            d.file = pending.file
            d.record = pending.record
            d.message += note
            added.append(d)
        }
        return added
    }

    /// Adds `not_unique` findings to `report` for values already taken, and takes the others.
    /// Returns whether findings were added (otherwise `report.diagnostics` is unchanged).
    @discardableResult
    public mutating func settle(_ report: inout Report) -> Bool {
        guard !report.uniqueClaims.isEmpty else { return false }
        let added = settle(UniquenessLedger.takeClaims(from: &report))
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

    /// The first use of `key` if there is one; otherwise records this one.
    private mutating func take(_ key: Key, file: String?, record: Int?, pointer: String) -> FirstUse? {
        if entries.count * 4 >= slots.count * 3 { grow() }
        let mask = slots.count - 1
        var i = key.hash & mask
        while slots[i] != 0 {
            let e = slots[i] - 1
            if entries[e].key == key { return entries[e].first }
            i = (i + 1) & mask
        }
        entries.append((key, FirstUse(file: file, record: record, pointer: pointer)))
        slots[i] = entries.count
        return nil
    }

    private mutating func grow() {
        let capacity = max(1024, slots.count * 2)
        slots = [Int](repeating: 0, count: capacity)
        let mask = capacity - 1
        for e in entries.indices {
            var i = entries[e].key.hash & mask
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = e + 1
        }
    }

    private func describe(_ file: String?, _ record: Int?) -> String {
        let name = file ?? "this run"
        if let record { return "\(name):\(record)" }
        return name
    }

    private struct FirstUse: Sendable {
        var file: String?
        var record: Int?
        var pointer: String
    }

    /// A scope and a value, with their hash computed once (strings, the usual unique values,
    /// hash their UTF-8 bytes in place); keys with equal hashes are compared in full.
    fileprivate struct Key: Sendable {
        var scope: String
        var value: JSONValue
        var hash: Int

        init(scope: String, value: JSONValue) {
            self.scope = scope
            self.value = value
            var hasher = Hasher()
            hasher.combine(scope)
            if case .string(let s) = value {
                if s.utf8.withContiguousStorageIfAvailable({ hasher.combine(bytes: UnsafeRawBufferPointer($0)) }) == nil {
                    Array(s.utf8).withUnsafeBytes { hasher.combine(bytes: $0) }
                }
            } else {
                hasher.combine(value)
            }
            hash = hasher.finalize()
        }

        static func == (a: Key, b: Key) -> Bool { a.hash == b.hash && a.scope == b.scope && a.value == b.value }
    }
}

extension Report {
    /// Whether the report holds `unique:` claims that a `UniquenessLedger` must settle (in input
    /// order) before its findings are final.
    public var hasUniqueClaims: Bool { !uniqueClaims.isEmpty }
}

/// Parameters (no position) first, then by offset.
func sortKey(_ d: Diagnostic) -> (Int, Int) { (d.source == .body ? 1 : 0, d.offset) }
