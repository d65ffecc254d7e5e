/// Writes the `jsonl` lines of `not_unique` findings for `UniquenessLedger.settleJSONL`: the
/// pieces of `appendFindingJSON`'s layout (`RawJSONWriter.findingFile` and the others), the ones
/// that repeat from line to line kept (tested against `JSONLinesReporter`).
///
/// Why: a line is fourteen members, and escaping each string member was most of settling on a
/// run where a quarter of the values repeat (Frontier's corpus: 44 M of the consumer thread's
/// 198 M instructions). Most members repeat from line to line: the file, the document and
/// severity, the rule's location. Those are escaped once per file, document and rule, and
/// copied; each line escapes only its pointer, message and value.
struct NotUniqueLines {
    /// `findingFile` of the file last written.
    private var file: String?
    private var head: [UInt8] = []
    private var hasHead = false
    /// `findingKind` by document and severity.
    private var middles: [(document: String?, severity: Severity, bytes: [UInt8])] = []
    /// `findingRule` by rule. The rules are held, so that an identity stays theirs.
    private var tails: [(rule: UniqueRule, bytes: [UInt8])] = []
    /// Room a line is written in, then copied out at its length: `RawJSONWriter.append` made its
    /// room of zeros at the bound (six bytes per byte of text) and cut the rest, some 500
    /// instructions a line.
    private var scratch: [UInt8] = []

    /// Appends the line (without its newline) of a `not_unique` finding of `rule` at
    /// `line`/`column`/`offset` of `source`, whose message `message` writes (between the quotes,
    /// escaped, at most `messageBound` bytes).
    mutating func append(to out: inout [UInt8], file: String?, record: Int?, document: String?, severity: Severity,
                         rule: UniqueRule, source: ValueSource, line: Int, column: Int, offset: Int,
                         pointer: UnsafeBufferPointer<UInt8>, actual: UnsafeBufferPointer<UInt8>,
                         messageBound: Int, message: (inout RawJSONWriter) -> Void)
    {
        let sameFile = hasHead && self.file == file
        // The caller's string, kept even when equal: its next lines compare at once (same
        // storage). Kept only when the name changed, each batch's own copy was compared byte by
        // byte on every line.
        self.file = file
        if !sameFile {
            head.removeAll(keepingCapacity: true)
            RawJSONWriter.append(to: &head) { $0.findingFile(file) }
            hasHead = true
        }
        let m = middleIndex(document: document, severity: severity)
        let t = tailIndex(rule)
        head.withUnsafeBufferPointer { head in
            middles[m].bytes.withUnsafeBufferPointer { middle in
                tails[t].bytes.withUnsafeBufferPointer { tail in
                    func body(_ w: inout RawJSONWriter) {
                        w.bytes(head)
                        w.int(record)
                        w.bytes(middle)
                        w.escaped(pointer)
                        w.findingPosition(source: source, line: line, column: column, offset: offset)
                        w.raw("\"")
                        w.bounded(messageBound, message)
                        w.raw("\"")
                        w.findingLimit(nil)
                        w.escaped(actual)
                        w.bytes(tail)
                    }
                    let bound = RawJSONWriter.bound(body)
                    if scratch.count < bound { scratch = [UInt8](repeating: 0, count: max(bound, 2 * scratch.count)) }
                    scratch.withUnsafeMutableBytes { room in
                        guard let at = room.baseAddress else { return }
                        let used = RawJSONWriter.write(at: at, capacity: room.count, body)
                        out.append(contentsOf: UnsafeRawBufferPointer(start: at, count: used))
                    }
                }
            }
        }
    }

    private mutating func middleIndex(document: String?, severity: Severity) -> Int {
        for i in middles.indices where middles[i].severity == severity && middles[i].document == document {
            // The caller's string, kept (see `append`).
            middles[i].document = document
            return i
        }
        var bytes: [UInt8] = []
        RawJSONWriter.append(to: &bytes) { $0.findingKind(document: document, code: .notUnique, severity: severity) }
        if middles.count == 8 { middles.removeFirst() }
        middles.append((document, severity, bytes))
        return middles.count - 1
    }

    private mutating func tailIndex(_ rule: UniqueRule) -> Int {
        for i in tails.indices where tails[i].rule === rule { return i }
        var bytes: [UInt8] = []
        RawJSONWriter.append(to: &bytes) { $0.findingRule(rule.location) }
        if tails.count == 16 { tails.removeFirst() }
        tails.append((rule, bytes))
        return tails.count - 1
    }
}
