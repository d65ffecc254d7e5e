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
    let known: [JSONValue]
    let location: RuleLocation
    let severity: Severity
    let customMessage: String?

    init(scope: String, known: [JSONValue], location: RuleLocation, severity: Severity, customMessage: String?) {
        self.scope = scope
        self.scopeHash = scope.hashValue
        self.known = known
        self.location = location
        self.severity = severity
        self.customMessage = customMessage
    }
}

/// The `unique:` claims of one payload (values that a rule wants unique across the payloads
/// linted together), flat: string values, pointers and subjects are UTF-8 in one byte array.
/// Why: a claim held three strings, each allocated on the worker where the value was read and
/// copied into the ledger's batch (`UniquenessLedger.ClaimBatch`) on the way; now a payload's
/// claims are a few flat arrays, and the batch takes their bytes with one copy.
struct UniqueClaims: Sendable {
    struct Claim: Sendable {
        var rule: UniqueRule
        /// Scope and value hashed where the claim is made (on a worker): the ledger only probes.
        var hash: Int
        var source: ValueSource
        var position: (offset: Int, line: Int, column: Int)
        var texts: Texts
        // No document: the report the claim travels in names it (one string per claim, retained
        // on a worker and released on the ledger's thread, was what settling cost most).
    }

    /// Where a claim's value, pointer and subject are (plain numbers: moving them copies no
    /// reference, where a copy of the `Claim` retained and released its rule).
    struct Texts: Sendable {
        /// A string value's UTF-8 in `bytes`; nil: the value is `others[other]`.
        var value: Range<Int>?
        var other: Int
        /// Where the value is: the finding is built from these only when the value turns out to
        /// be taken (most claims are not, and describing a value costs more than claiming it).
        var pointer: Range<Int>
        /// How messages name the value when it is not the pointer's last segment (a member name);
        /// nil: it is. Decoding the name costs more than the rest of a claim, and is rarely needed.
        var subject: Range<Int>?

        /// These places moved `bytes` further on in the bytes and `others` further on among the
        /// other values: where they land when the claims are put after others.
        @inline(__always)
        func shifted(bytes base: Int, others otherBase: Int) -> Texts {
            func shifted(_ r: Range<Int>) -> Range<Int> { (r.lowerBound + base)..<(r.upperBound + base) }
            return Texts(value: value.map(shifted), other: value == nil ? other + otherBase : other,
                         pointer: shifted(pointer), subject: subject.map(shifted))
        }
    }

    /// The arrays, behind one reference that is nil while there is no claim: a `Report` (one
    /// per payload, most without claims) is copied and destroyed on its way, and three arrays
    /// there cost three retains and releases each time (+6 M instructions on the PubNub slice).
    /// Immutable once made (`let`s: reading a class's `var` was a dynamic exclusivity check).
    private let box: Storage?

    final class Storage: Sendable {
        let items: [Claim]
        let bytes: [UInt8]
        let others: [JSONValue]

        init(items: [Claim], bytes: [UInt8], others: [JSONValue]) {
            self.items = items
            self.bytes = bytes
            self.others = others
        }
    }

    /// The claims `items`, whose string values, pointers and subjects are in `bytes` and other
    /// values in `others`.
    init(items: [Claim], bytes: [UInt8], others: [JSONValue]) {
        box = items.isEmpty ? nil : Storage(items: items, bytes: bytes, others: others)
    }

    init() { box = nil }

    var items: [Claim] { box?.items ?? [] }
    var bytes: [UInt8] { box?.bytes ?? [] }
    var others: [JSONValue] { box?.others ?? [] }
    var isEmpty: Bool { box == nil }
    var count: Int { box?.items.count ?? 0 }

    /// The claims of `parts`, one after another, in one pass (each part's ranges shifted past the
    /// parts before it): appending them one by one copied everything gathered so far each time.
    static func concatenating(_ parts: [UniqueClaims]) -> UniqueClaims {
        let boxes = parts.compactMap(\.box)
        guard boxes.count > 1 else { return boxes.first.map { UniqueClaims(box: $0) } ?? UniqueClaims() }
        var items: [Claim] = []
        var bytes: [UInt8] = []
        var others: [JSONValue] = []
        items.reserveCapacity(boxes.reduce(0) { $0 + $1.items.count })
        bytes.reserveCapacity(boxes.reduce(0) { $0 + $1.bytes.count })
        for b in boxes {
            let base = bytes.count, otherBase = others.count
            for var c in b.items {
                c.texts = c.texts.shifted(bytes: base, others: otherBase)
                items.append(c)
            }
            bytes.append(contentsOf: b.bytes)
            others.append(contentsOf: b.others)
        }
        return UniqueClaims(items: items, bytes: bytes, others: others)
    }

    private init(box: Storage) { self.box = box }
}

/// What validating one payload (or one NDJSON record) produced.
struct ValidationOutput: Sendable {
    var diagnostics: [Diagnostic] = []
    /// Findings past `ValidationContext.maxDiagnostics`: counted, not kept.
    var omitted = 0
    var uniqueClaims = UniqueClaims()
    /// Capture mode: pointer → value.
    var captured: [String: JSONValue] = [:]
    /// NDJSON: the record's line.
    var record: Int? = nil
}
