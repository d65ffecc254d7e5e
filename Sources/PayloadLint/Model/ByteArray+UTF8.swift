extension Array where Element == UInt8 {
    /// Appends `text`'s UTF-8 (in one copy, from the string's own storage); returns where it is.
    @discardableResult
    mutating func appendUTF8(_ text: String) -> Range<Int> {
        let start = count
        var text = text
        text.withUTF8 { append(contentsOf: $0) }
        return start..<count
    }
}
