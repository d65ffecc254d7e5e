import JSONStream

extension UniquenessLedger {
    /// The message of a `not_unique` finding, from what `UniquenessLedger` knows of the value and of
    /// its first use, written through a `MessageSink`: as the finding's text, or escaped straight
    /// into a `jsonl` line (`NotUniqueLines`). One description for both, so they say the same.
    ///
    /// It holds the ledger's arrays it reads (references, not copies) rather than the ledger: the
    /// line writer calls it from a closure, and a closure reading the ledger itself copied the whole
    /// ledger twice per line (some 2,700 instructions on Frontier's corpus).
    struct NotUniqueMessage {
        /// The first use of the value: its file's name (as UTF-8 and escaped), its record, and its
        /// pointer (`pointer` in `bytes`).
        struct FirstUse {
            var file: [UInt8]
            var fileJSON: [UInt8]
            var record: Int?
            var bytes: [UInt8]
            var pointer: Range<Int>
        }

        /// The value as JSON text.
        var actual: [UInt8]
        /// The rule's scope, as UTF-8 and escaped.
        var scope: [UInt8]
        var scopeJSON: [UInt8]
        /// nil: the value is on the rule's list of values in use.
        var first: FirstUse?

        /// `name "value" is already taken (unique within scope) (first used by file:record at
        /// pointer)`, or the rule's own message with the part in parentheses after it; claim `k` of
        /// `batch` names the member and the rule.
        func write<Sink: MessageSink>(_ batch: borrowing ClaimBatch, _ k: Int, into sink: inout Sink) {
            let item = batch.items[k]
            let ref = batch.ruleRefs[Int(item.rule)]
            if let custom = ref._withUnsafeGuaranteedRef({ $0.customMessage }) {
                var custom = custom
                custom.withUTF8 { sink.text($0) }
            } else {
                if !item.subject.isNone {
                    batch.withBytes(item.subject) { sink.text($0) }
                } else {
                    Self.lastSegment(batch, item.pointer, into: &sink)
                }
                sink.text(" ")
                actual.withUnsafeBufferPointer { actual in
                    if actual.count > 60 {
                        var short = abbreviated(String(decoding: actual, as: UTF8.self))
                        short.withUTF8 { sink.text($0) }
                    } else {
                        sink.text(actual)
                    }
                }
                sink.text(" is already taken (unique within ")
                scope.withUnsafeBufferPointer { plain in
                    scopeJSON.withUnsafeBufferPointer { sink.text(plain, escaped: $0) }
                }
                sink.text(")")
            }
            guard let first else {
                sink.text(" (it is on the rule's list of values in use)")
                return
            }
            sink.text(" (first used by ")
            first.file.withUnsafeBufferPointer { plain in
                first.fileJSON.withUnsafeBufferPointer { sink.text(plain, escaped: $0) }
            }
            if let r = first.record {
                sink.text(":")
                sink.decimal(r)
            }
            sink.text(" at ")
            first.bytes.withUnsafeBufferPointer { sink.text(UnsafeBufferPointer(rebasing: $0[first.pointer])) }
            sink.text(")")
        }

        /// The most bytes `write` writes into a `jsonl` line (`RawJSONWriter`): six for each byte of
        /// text it escapes there (the custom message, or the name and the value, and the first use's
        /// pointer), the escaped names as they are, a number, and the constant words (101 bytes).
        func jsonBound(_ batch: borrowing ClaimBatch, _ k: Int) -> Int {
            let item = batch.items[k]
            let custom = batch.ruleRefs[Int(item.rule)]._withUnsafeGuaranteedRef { $0.customMessage?.utf8.count ?? 0 }
            // The name: the subject, or at most the pointer's bytes (its last segment, unescaped).
            let name = max(Int(item.subject.count), Int(item.pointer.count), 0)
            let escapedText = custom + name + actual.count + (first?.pointer.count ?? 0)
            return 128 + 20 + 6 * escapedText + scopeJSON.count + (first?.fileJSON.count ?? 0)
        }

        // Strings are written from buffers (`withUTF8`, `withUnsafeBufferPointer`), in place where
        // they are read: of a string's `utf8` or of an array slice, appending went through the
        // generic sequence path, a few hundred instructions a piece.

        /// The pointer's last segment, unescaped (`JSONPointer.lastSegment`): the bytes after the last
        /// `/` when they hold no `~`; the whole pointer when it has no `/`.
        private static func lastSegment<Sink: MessageSink>(_ batch: borrowing ClaimBatch, _ pointer: Span32,
                                                           into sink: inout Sink)
        {
            let escaped = batch.withBytes(pointer) { p -> Bool in
                guard let slash = p.lastIndex(of: UInt8(ascii: "/")) else {
                    sink.text(p)
                    return false
                }
                let segment = UnsafeBufferPointer(rebasing: p[(slash + 1)...])
                if segment.contains(UInt8(ascii: "~")) { return true }
                sink.text(segment)
                return false
            }
            if escaped {
                let text = batch.string(pointer)
                var segment = JSONPointer.lastSegment(text) ?? text
                segment.withUTF8 { sink.text($0) }
            }
        }
    }
}
