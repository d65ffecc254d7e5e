extension String {
    /// The same text in storage of its own. Why: Swift counts references to a string's storage
    /// atomically, and a string retained and released per record on one thread and per batch or
    /// claim on another moves its count's cache line between the cores every time; a copy per
    /// thread (or per hand-over) keeps each count on one core.
    public var unsharedCopy: String { String(decoding: Array(utf8), as: UTF8.self) }
}
