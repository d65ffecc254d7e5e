/// The key of `JSONReader.nameHash`, drawn at random once per process.
///
/// Why keyed: every member name is hashed, and the hashes decide more than table probes — which
/// names the reader compares for duplicates, and which property paths `maxPropertyPaths` counts as
/// distinct (a 64-bit path hash built from the names). With a fixed hash a payload could choose
/// names that collide: thousands of different names on one probe chain, or different paths that
/// count as one and so pass the limit. A key the payload cannot know makes a collision a 2^-64
/// accident. Nothing that is printed depends on the hash, so output stays the same between runs.
public struct NameHashKey: Sendable, Equatable {
    /// The state the hash starts from.
    public var seed: UInt64
    /// What each step multiplies by (full width); odd, so never zero.
    public var multiplier: UInt64

    public init(seed: UInt64, multiplier: UInt64) {
        self.seed = seed
        self.multiplier = multiplier | 1
    }

    /// This process's key (the system's random source, once).
    public static let process: NameHashKey = {
        var random = SystemRandomNumberGenerator()
        return NameHashKey(seed: random.next(), multiplier: random.next())
    }()
}
