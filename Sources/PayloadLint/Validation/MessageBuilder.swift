/// A finding's message written as UTF-8 into one buffer, then made a `String` once.
///
/// Why: the hot messages (`too_long`, `type_mismatch`) were `String` concatenations, some 300
/// instructions per piece through the standard library's general append path, and findings are
/// many on some corpora (a quarter of the PubNub slice's records have one).
struct MessageBuilder {
    private var bytes: [UInt8] = []

    init(capacity: Int = 96) {
        bytes.reserveCapacity(capacity)
    }

    /// A builder writing into `storage`'s buffer (emptied), for a caller that keeps one buffer
    /// for all its messages and takes it back with `finish(recycling:)`: the buffer's allocation
    /// and release were a tenth of a size finding's cost.
    init(reusing storage: inout [UInt8]) {
        swap(&bytes, &storage)
        bytes.removeAll(keepingCapacity: true)
        if bytes.capacity == 0 { bytes.reserveCapacity(96) }
    }

    /// The message, and the buffer given back to `storage` (see `init(reusing:)`).
    mutating func finish(recycling storage: inout [UInt8]) -> String {
        let message = text
        swap(&bytes, &storage)
        return message
    }

    mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// (Labelled: with both overloads unlabelled, a literal argument picked the `String` one, a
    /// string made and copied per piece of every message.)
    mutating func append(string text: String) {
        bytes.appendUTF8(text)
    }

    mutating func append(utf8: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: utf8)
    }

    /// `2,049`: digits grouped by thousands. On bytes: findings are many on some corpora, and the
    /// `Character`-wise version cost more than the rest of the message.
    mutating func appendGrouped(_ n: Int) {
        let m = n.magnitude
        if n < 0 { bytes.append(UInt8(ascii: "-")) }
        let digits = DecimalDigits.count(m)
        let width = digits + (digits - 1) / 3
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: width))
        bytes.withUnsafeMutableBufferPointer { b in
            _ = DecimalDigits.writeGrouped(m, endingAt: start + width) { b[$0] = $1 }
        }
    }

    /// `2,049 characters`, `1 byte`.
    mutating func appendCount(_ n: Int, _ unit: StaticString) {
        appendGrouped(n)
        bytes.append(0x20)
        append(unit)
        if n != 1 { bytes.append(UInt8(ascii: "s")) }
    }

    /// `an object`, `a string` (an empty name stays empty).
    mutating func appendWithArticle(_ typeName: String) {
        switch typeName.utf8.first {
        case nil:
            return
        case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"):
            append("an ")
        default:
            append("a ")
        }
        append(string: typeName)
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// `n` in decimal, as `String(n)` writes it, without the generic `description` path (about 200
/// instructions each; a size finding writes two numbers).
func decimal(_ n: Int) -> String {
    let m = n.magnitude
    let count = DecimalDigits.count(m) + (n < 0 ? 1 : 0)  // at most 20 (Int.min)
    return String(unsafeUninitializedCapacity: count) { buffer in
        _ = DecimalDigits.write(m, endingAt: count) { buffer[$0] = $1 }
        if n < 0 { buffer[0] = UInt8(ascii: "-") }
        return count
    }
}
