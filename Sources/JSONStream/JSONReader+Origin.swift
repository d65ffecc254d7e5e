extension JSONReader {
    /// Places the input that follows at `offset` (bytes) and `line` (1-based) of a larger input,
    /// so that a part of a file read on its own (an NDJSON block linted in parallel) reports the
    /// file's positions. Call before the first `feed`.
    public mutating func setOrigin(offset: Int, line: Int) {
        precondition(offset >= 0 && line >= 1, "origin must be a valid position")
        base = offset
        self.line = line
        lineStart = offset
    }
}
