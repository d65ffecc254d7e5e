/// What linting one payload found.
public struct Report: Sendable {
    /// The rule set applied (nil: only well-formedness was checked).
    public var document: String? {
        get { origin.document }
        set { origin = Origin(document: newValue, file: origin.file, errorStyle: origin.errorStyle) }
    }
    /// The input's name (`-` for stdin), as given to the linter.
    public var file: String? {
        get { origin.file }
        set { origin = Origin(document: origin.document, file: newValue, errorStyle: origin.errorStyle) }
    }
    /// NDJSON: the record's 1-based line.
    public var record: Int?
    /// Findings ordered by position; parameters first.
    public var diagnostics: [Diagnostic]
    /// How the API renders its errors (from the rule file's `errors:`).
    public var errorStyle: NativeErrorStyle? {
        get { origin.errorStyle }
        set { origin = Origin(document: origin.document, file: origin.file, errorStyle: newValue) }
    }
    /// Values that `unique:` rules want unique across payloads; settled by `UniquenessLedger`.
    var uniqueClaims = UniqueClaims()

    /// What the reports of one input share, behind one reference: a report is copied and
    /// destroyed on its way (one per NDJSON record), and its two strings there were a retain
    /// and a release each time. Immutable: a change makes a new one.
    private var origin: Origin

    private final class Origin: Sendable {
        let document: String?
        let file: String?
        let errorStyle: NativeErrorStyle?

        init(document: String?, file: String?, errorStyle: NativeErrorStyle?) {
            self.document = document
            self.file = file
            self.errorStyle = errorStyle
        }
    }

    public init(document: String?, file: String?, record: Int? = nil, diagnostics: [Diagnostic],
                errorStyle: NativeErrorStyle? = nil)
    {
        self.origin = Origin(document: document, file: file, errorStyle: errorStyle)
        self.record = record
        self.diagnostics = diagnostics
    }

    /// Whether any finding has error severity.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// The most severe finding's severity, nil when there is none.
    public var worstSeverity: Severity? { diagnostics.map(\.severity).max() }

    /// One payload's reports as one: a stream may hand out a document's findings in more than
    /// one piece (the parameters' findings, then the body's). Findings keep their order. Reports
    /// whose claims were gathered (`gatheredUniqueClaims`) combine only when taken with the same
    /// batch, one after another (the reports of one feed of one payload).
    public static func combining(_ reports: [Report], document: String?, file: String?) -> Report {
        guard var combined = reports.first else { return Report(document: document, file: file, diagnostics: []) }
        for r in reports.dropFirst() { combined.diagnostics += r.diagnostics }
        if reports.count > 1 { combined.uniqueClaims = UniqueClaims.concatenating(reports.map(\.uniqueClaims)) }
        return combined
    }
}
