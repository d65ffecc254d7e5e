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
        /// The first use of the value: its file's name, its record, and its pointer (`pointer` in
        /// the ledger's bytes). It holds the ledger's store: a message is written and dropped
        /// before the ledger takes its next claim (kept across one, the store would be shared,
        /// and copied whole by the next claim's `uniqueStore()`).
        struct FirstUse {
            var file: EscapedText
            var record: Int?
            var ledger: Store
            var pointer: Range<Int>
        }

        /// The value as JSON text, as the message shows it (cut to 57 characters and `…` when it
        /// is longer than 60).
        var shown: [UInt8]
        /// The rule's scope.
        var scope: EscapedText
        /// nil: the value is on the rule's list of values in use.
        var first: FirstUse?

        /// `actual` (the value as JSON text) as a message shows it.
        static func shown(_ actual: [UInt8]) -> [UInt8] {
            guard actual.count > 60 else { return actual }
            return Array(abbreviated(String(decoding: actual, as: UTF8.self)).utf8)
        }

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
                shown.withUnsafeBufferPointer { sink.text($0) }
                sink.text(" is already taken (unique within ")
                sink.text(scope)
                sink.text(")")
            }
            guard let first else {
                sink.text(" (it is on the rule's list of values in use)")
                return
            }
            sink.text(" (first used by ")
            sink.text(first.file)
            if let r = first.record {
                sink.text(":")
                sink.decimal(r)
            }
            sink.text(" at ")
            sink.text(first.ledger.bytes(first.pointer))
            sink.text(")")
        }

        /// The most bytes `write` writes into a `jsonl` line (`RawJSONWriter`): six for each byte of
        /// text it escapes there (the custom message, or the name and the value as shown; the first
        /// use's pointer), the escaped scope and file name as they are, a record number (20), and
        /// the constant words (at most 79 bytes in one message; 128 counted).
        func jsonBound(_ batch: borrowing ClaimBatch, _ k: Int) -> Int {
            let item = batch.items[k]
            let escapedText: Int
            if let custom = batch.ruleRefs[Int(item.rule)]._withUnsafeGuaranteedRef({ $0.customMessage?.utf8.count }) {
                escapedText = custom
            } else {
                // The name: the subject, or at most the pointer's bytes (its last segment, unescaped);
                // a span that is none counts -1.
                escapedText = max(Int(item.subject.count), Int(item.pointer.count), 0) + shown.count + scope.json.count
            }
            return 128 + 20 + 6 * (escapedText + (first?.pointer.count ?? 0)) + (first?.file.json.count ?? 0)
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
