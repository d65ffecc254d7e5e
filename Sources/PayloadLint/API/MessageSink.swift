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
    /// UTF-8 text `plain` whose escaped form (`RawJSONWriter.escapedInner`) is `escaped`.
    mutating func text(_ plain: UnsafeBufferPointer<UInt8>, escaped: UnsafeBufferPointer<UInt8>)
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

    mutating func text(_ plain: UnsafeBufferPointer<UInt8>, escaped: UnsafeBufferPointer<UInt8>) {
        append(contentsOf: plain)
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
    mutating func text(_ plain: UnsafeBufferPointer<UInt8>, escaped: UnsafeBufferPointer<UInt8>) {
        bytes(escaped)
    }

    @inline(__always)
    mutating func decimal(_ n: Int) {
        int(n)
    }
}
