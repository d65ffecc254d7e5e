/// Where `UniquenessLedger` writes a `not_unique` message: as plain text (a finding's `message`,
/// a byte array), or escaped straight into a `jsonl` line (`RawJSONWriter`, between the quotes).
///
/// Why: the `jsonl` path built the message, then escaped it into the line, so that every byte
/// of a message was written twice and looked at by the escaper, constant words and the file name
/// included (Frontier's corpus: 15,511 such lines on the thread that writes the output). One
/// description, written through either sink, keeps both outputs the same text.
protocol MessageSink {
    /// Constant text that JSON never escapes (printable ASCII without `"` or `\`).
    mutating func text(_ s: StaticString)
    /// Any UTF-8 text.
    mutating func text(_ p: UnsafeBufferPointer<UInt8>)
    /// Text kept with its escaped form (a scope's or a file's name).
    mutating func text(_ t: EscapedText)
    /// `String(n)`.
    mutating func decimal(_ n: Int)
}

extension Array: MessageSink where Element == UInt8 {
    mutating func text(_ s: StaticString) {
        s.withUTF8Buffer { append(contentsOf: $0) }
    }

    mutating func text(_ p: UnsafeBufferPointer<UInt8>) {
        append(contentsOf: p)
    }

    mutating func text(_ t: EscapedText) {
        t.plain.withUnsafeBufferPointer { append(contentsOf: $0) }
    }

    mutating func decimal(_ n: Int) {
        RawJSONWriter.append(to: &self) { $0.int(n) }
    }
}

extension RawJSONWriter: MessageSink {
    @inline(__always)
    mutating func text(_ s: StaticString) {
        raw(s)
    }

    @inline(__always)
    mutating func text(_ p: UnsafeBufferPointer<UInt8>) {
        escapedInner(p)
    }

    @inline(__always)
    mutating func text(_ t: EscapedText) {
        t.json.withUnsafeBufferPointer { bytes($0) }
    }

    @inline(__always)
    mutating func decimal(_ n: Int) {
        int(n)
    }
}

/// A name as UTF-8 and escaped as inside a JSON string (`RawJSONWriter.escapedInner`), escaped
/// once when the ledger first sees it rather than in every line that names it.
struct EscapedText {
    let plain: [UInt8]
    let json: [UInt8]

    init(_ text: String) {
        plain = Array(text.utf8)
        var json: [UInt8] = []
        plain.withUnsafeBufferPointer { p in RawJSONWriter.append(to: &json) { $0.escapedInner(p) } }
        self.json = json
    }
}
