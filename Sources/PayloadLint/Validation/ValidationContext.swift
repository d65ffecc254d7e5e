import JSONStream

/// What a validation needs besides the payload's bytes.
struct ValidationContext: Sendable {
    /// Request parameters as text, by qualified name (`path.userId`).
    var parameters: [String: String] = [:]
    /// Values of the previous version at the pointers `immutable` rules reach; nil: no previous
    /// version was given, so `immutable` has nothing to compare with.
    var previous: [String: JSONValue]? = nil
    /// The clock for `maxClockSkew` (Unix seconds).
    var now: Int = 0
    /// Prepended to every pointer (a parameter's `/name`).
    var pointerPrefix: String = ""
    var source: ValueSource = .body
    /// Parameters have no line and column.
    var positionless = false
    /// Reading the previous version: record the values `immutable` rules reach, report nothing.
    var captureOnly = false
    /// Diagnostics from this schema tree get this code instead of their own (`propertyNames`).
    var document: String? = nil
    /// Findings below this severity are not built at all (the caller drops them anyway); nil:
    /// every finding is built. See `LintOptions.minimumSeverity`.
    var minimumSeverity: Severity? = nil
    /// Findings kept per payload; past it they are only counted (`ValidationOutput.omitted`).
    var maxDiagnostics: Int? = nil
}

/// What a node's `unique:` rule says, shared by all its claims: one reference per claim
/// instead of six strings and arrays, each retained when a claim is made and released when it
/// is settled (on another thread).
final class UniqueRule: Sendable {
    let scope: String
    /// `scope`'s hash, combined into every claim's (`UniquenessLedger.hash`).
    let scopeHash: Int
    /// The key of this rule's string claim hashes: the claim key's multiplier, and as the seed
    /// `scopeHash` hashed under the claim key (`UniquenessLedger.claimKey(scopeHash:)`), once
    /// per rule.
    let claimKey: NameHashKey
    let known: [JSONValue]
    let location: RuleLocation
    let severity: Severity
    let customMessage: String?

    init(scope: String, known: [JSONValue], location: RuleLocation, severity: Severity, customMessage: String?) {
        self.scope = scope
        self.scopeHash = scope.hashValue
        self.claimKey = UniquenessLedger.claimKey(scopeHash: scopeHash)
        self.known = known
        self.location = location
        self.severity = severity
        self.customMessage = customMessage
    }
}

/// The `unique:` claims of one payload (values that a rule wants unique across the payloads
/// linted together): a `UniquenessLedger.ClaimBatch` of its own, or, from a stream that gathers
/// its claims, where they are in the stream's batch.
struct UniqueClaims: Sendable {
    /// The batch, behind one reference that is nil while there is no claim: a `Report` (one
    /// per payload, most without claims) is copied and destroyed on its way, and the arrays
    /// there cost retains and releases each time (+6 M instructions on the PubNub slice).
    /// Immutable once made (`let`s: reading a class's `var` was a dynamic exclusivity check).
    private let box: Storage?
    /// Gathered claims: their first item and how many (0: none gathered). 32 bits each, so that
    /// a report stays small: a batch of 2^31 claims would take some 200 GB.
    private let gatheredStart: Int32
    private let gatheredCount: Int32

    final class Storage: Sendable {
        let batch: UniquenessLedger.ClaimBatch

        // Consumed, so that the batch is moved in, not copied (a retain per array) and dropped.
        init(batch: consuming UniquenessLedger.ClaimBatch) { self.batch = batch }
    }

    init() {
        box = nil
        gatheredStart = 0
        gatheredCount = 0
    }

    /// Claims of their own: `batch`'s (none when it is empty).
    init(batch: consuming UniquenessLedger.ClaimBatch) {
        box = batch.items.isEmpty ? nil : Storage(batch: batch)
        gatheredStart = 0
        gatheredCount = 0
    }

    /// Claims gathered in a stream's batch, at `range`.
    init(gathered range: Range<Int>) {
        box = nil
        gatheredStart = Int32(truncatingIfNeeded: range.lowerBound)
        gatheredCount = Int32(truncatingIfNeeded: range.count)
    }

    /// The claims' own batch; nil when there are none or they were gathered.
    var ownBatch: UniquenessLedger.ClaimBatch? { box?.batch }
    var gathered: Range<Int>? {
        gatheredCount == 0 ? nil : Int(gatheredStart)..<(Int(gatheredStart) + Int(gatheredCount))
    }

    var isEmpty: Bool { box == nil && gatheredCount == 0 }
    var count: Int { box?.batch.items.count ?? Int(gatheredCount) }
    /// The bytes of the claims' own batch.
    var byteCount: Int { box?.batch.bytes.count ?? 0 }

    /// The claims of `parts`, one after another, in one pass. Gathered parts join only when they
    /// are next to each other in one batch, in order (one payload's reports from one feed of a
    /// stream): ranges of different batches cannot be told apart.
    static func concatenating(_ parts: [UniqueClaims]) -> UniqueClaims {
        let gathered = parts.compactMap(\.gathered)
        if let first = gathered.first {
            precondition(gathered.count == parts.filter { !$0.isEmpty }.count,
                         "claims gathered by a stream and claims of their own in one payload")
            precondition(zip(gathered, gathered.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound },
                         "gathered claims that are not next to each other in one batch")
            return UniqueClaims(gathered: first.lowerBound..<(gathered.last?.upperBound ?? first.upperBound))
        }
        let boxes = parts.compactMap(\.box)
        guard boxes.count > 1 else { return boxes.first.map { UniqueClaims(box: $0) } ?? UniqueClaims() }
        var batch = UniquenessLedger.ClaimBatch()
        batch.items.reserveCapacity(boxes.reduce(0) { $0 + $1.batch.items.count })
        batch.bytes.reserveCapacity(boxes.reduce(0) { $0 + $1.batch.bytes.count })
        for b in boxes { batch.append(b.batch) }
        return UniqueClaims(batch: batch)
    }

    private init(box: Storage) {
        self.box = box
        gatheredStart = 0
        gatheredCount = 0
    }
}

/// What validating one payload (or one NDJSON record) produced.
struct ValidationOutput: Sendable {
    var diagnostics: [Diagnostic] = []
    /// Findings past `ValidationContext.maxDiagnostics`: counted, not kept.
    var omitted = 0
    var uniqueClaims = UniqueClaims()
    /// Capture mode: pointer → value.
    var captured = [String: JSONValue]()
    /// NDJSON: the record's line.
    var record: Int? = nil
}
