/// Settles `unique:` rules across the payloads linted together.
///
/// Feed reports in input order: the first payload to use a value keeps it, later ones get
/// `not_unique`. Values on a rule's known list are taken from the start.
public struct UniquenessLedger: Sendable {
    /// scope → value → where it was first used (file, record, pointer): described only when a
    /// later payload repeats it.
    private var taken: [String: [JSONValue: (file: String?, record: Int?, pointer: String)]] = [:]

    public init() {}

    /// Adds `not_unique` findings to `report` for values already taken, and takes the others.
    public mutating func settle(_ report: inout Report) {
        guard !report.uniqueClaims.isEmpty else { return }
        var added: [Diagnostic] = []
        for claim in report.uniqueClaims {
            var d = claim.diagnostic
            d.file = report.file
            d.record = report.record
            if claim.known.contains(claim.value) {
                d.message += " (it is on the rule's list of values in use)"
                added.append(d)
            } else if let first = taken[claim.scope]?[claim.value] {
                d.message += " (first used by \(describe(first.file, first.record)) at \(first.pointer))"
                added.append(d)
            } else {
                taken[claim.scope, default: [:]][claim.value] = (report.file, report.record, d.pointer)
            }
        }
        report.uniqueClaims = []
        guard !added.isEmpty else { return }
        report.diagnostics.append(contentsOf: added)
        report.diagnostics = report.diagnostics.enumerated().sorted {
            let a = sortKey($0.element), b = sortKey($1.element)
            return (a.0, a.1, $0.offset) < (b.0, b.1, $1.offset)
        }.map(\.element)
    }

    private func describe(_ file: String?, _ record: Int?) -> String {
        let name = file ?? "this run"
        if let record { return "\(name):\(record)" }
        return name
    }
}

/// Parameters (no position) first, then by offset.
func sortKey(_ d: Diagnostic) -> (Int, Int) { (d.source == .body ? 1 : 0, d.offset) }
