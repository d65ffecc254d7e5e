import JSONStream

/// The fields of the compiled nodes that the validator reads for every value, as plain data in
/// flat buffers.
///
/// Why: reading a `CompiledNode` (a class) or any of its arrays from the session costs a retain
/// and a release per access, and those were a sixth of the validator's time. `HotNode` holds no
/// reference, so loading one through an `UnsafePointer` is a plain memory read; the member-name
/// tables live in the same way in three buffers. The session keeps `CompiledRules` (which owns
/// this program) alive, so the pointers stay valid as long as it runs.
final class HotProgram: @unchecked Sendable {
    // @unchecked: written once in `init`, only read afterwards, freed in `deinit`.
    let nodes: UnsafeMutablePointer<HotNode>
    let names: HotNameTables
    /// The compiled nodes as unmanaged references, for the paths that need a node's keywords on
    /// every value of a kind (string content): borrowed without a retain (`CompiledRules` keeps
    /// them alive).
    let refs: UnsafeMutablePointer<Unmanaged<CompiledNode>>
    private let nodeCount: Int
    /// Some node bounds the compact size of a non-string (`maxBytes`/`minBytes`): only then does
    /// the session count compact bytes.
    let usesCompactSize: Bool
    /// Some node limits key paths or counts property paths: only then does the session keep the
    /// path figures of every member.
    let tracksPaths: Bool

    init(_ compiled: [CompiledNode]) {
        nodeCount = compiled.count
        // A string's `maxBytes` is its UTF-8 length, known from its event: only nodes that may
        // see other values need the compact size.
        usesCompactSize = compiled.contains {
            ($0.maxBytes != nil || $0.minBytes != nil) && $0.typeMask != TypeBits.string
        }
        tracksPaths = compiled.contains { $0.tracksKeyPath || $0.tracksPropertyPaths }
        nodes = .allocate(capacity: max(1, compiled.count))
        refs = .allocate(capacity: max(1, compiled.count))
        for (i, node) in compiled.enumerated() { (refs + i).initialize(to: .passUnretained(node)) }
        var probes: [Int32] = []
        var entries: [HotNameEntry] = []
        var bytes: [UInt8] = []
        for (i, node) in compiled.enumerated() {
            var h = HotNode(node)
            if !node.nameList.isEmpty {
                // At most a quarter full: a probe that meets another name costs a dependent load
                // and a mispredicted branch (at half full, a quarter of the lookups did).
                var capacity = 16
                while capacity < node.nameList.count * 4 { capacity *= 2 }
                let start = probes.count
                probes.append(contentsOf: repeatElement(0, count: capacity))
                for (slot, name) in node.nameList.enumerated() {
                    let utf8 = Array(name.utf8)
                    let hash = JSONReader.nameHash(utf8)
                    var words: (UInt64, UInt64) = (0, 0)
                    withUnsafeMutableBytes(of: &words) { w in
                        for k in 0..<min(16, utf8.count) { w[k] = utf8[k] }
                    }
                    entries.append(HotNameEntry(hash: hash, start: Int32(bytes.count), length: Int32(utf8.count),
                                                slot: Int32(slot), schema: Int32(node.slotSchema[slot]),
                                                word0: UInt64(littleEndian: words.0), word1: UInt64(littleEndian: words.1)))
                    bytes.append(contentsOf: utf8)
                    var p = Int(truncatingIfNeeded: hash) & (capacity - 1)
                    while probes[start + p] != 0 { p = (p + 1) & (capacity - 1) }
                    probes[start + p] = Int32(entries.count)
                }
                h.namesStart = Int32(start)
                h.namesMask = Int32(capacity - 1)
            }
            (nodes + i).initialize(to: h)
        }
        // A node that is only a `$ref` (`propertyNames: {$ref: …}`) adds nothing of its own: its
        // findings all come from the target, with the target's severities and messages. Chains
        // are followed up to 16 links; a longer one (or a cycle) keeps the general path, which
        // reports runaway nesting.
        for i in compiled.indices where compiled[i].isPureRef {
            var t = compiled[i].ref
            var links = 1
            while t >= 0, compiled[t].isPureRef, links < 16 {
                t = compiled[t].ref
                links += 1
            }
            guard t >= 0, !compiled[t].isPureRef else { continue }
            nodes[i].flags.insert(.pureRef)
            nodes[i].target = Int32(t)
        }
        // Eight bytes of padding: `lookup` compares the last word of a name whole (masked).
        bytes.append(contentsOf: repeatElement(0, count: 8))
        names = HotNameTables(probes: HotProgram.copy(probes), entries: HotProgram.copy(entries), bytes: HotProgram.copy(bytes))
    }

    private static func copy<T>(_ a: [T]) -> UnsafeMutablePointer<T> {
        let p = UnsafeMutablePointer<T>.allocate(capacity: max(1, a.count))
        a.withUnsafeBufferPointer { if let base = $0.baseAddress { p.initialize(from: base, count: a.count) } }
        return p
    }

    deinit {
        nodes.deinitialize(count: nodeCount)
        nodes.deallocate()
        refs.deallocate()
        names.probes.deallocate()
        names.entries.deallocate()
        names.bytes.deallocate()
    }
}

/// The per-node member-name tables: open addressing over `probes` (per node, `namesMask + 1`
/// entries from `namesStart`; each holds an index into `entries` + 1, 0 for empty).
struct HotNameTables {
    let probes: UnsafeMutablePointer<Int32>
    let entries: UnsafeMutablePointer<HotNameEntry>
    let bytes: UnsafeMutablePointer<UInt8>

    /// The entry of `name` in `node`'s table, nil when the node does not mention it. `hash` is
    /// `JSONReader.nameHash` of the name's bytes (the reader computes it while scanning the key).
    /// The eight bytes after `name` must be readable and zero (`JSONReader.lastKeyBytes` are):
    /// a name of up to 16 bytes is then compared as two plain words against the entry's
    /// zero-padded copy (no mask, no loop; nearly every name is that short), a longer one a word
    /// at a time against the table's bytes.
    @inline(__always)
    func lookup(_ node: UnsafePointer<HotNode>, _ name: UnsafeRawBufferPointer, hash: UInt64) -> UnsafePointer<HotNameEntry>? {
        let mask = Int(node.pointee.namesMask)
        guard mask >= 0 else { return nil }
        let start = Int(node.pointee.namesStart)
        let count = name.count
        var i = Int(truncatingIfNeeded: hash) & mask
        while true {
            let t = Int(probes[start + i])
            if t == 0 { return nil }
            let e = UnsafePointer(entries + (t - 1))
            if e.pointee.hash == hash && Int(e.pointee.length) == count {
                guard let base = name.baseAddress else { return e }  // the empty name
                let w0 = UInt64(littleEndian: base.loadUnaligned(as: UInt64.self))
                if count <= 8 {
                    if w0 == e.pointee.word0 { return e }
                } else if count <= 16 {
                    let w1 = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
                    if w0 == e.pointee.word0 && w1 == e.pointee.word1 { return e }
                } else if Self.equalPadded(bytes + Int(e.pointee.start), base, count) {
                    return e
                }
            }
            i = (i + 1) & mask
        }
    }
}

extension HotNameTables {
    /// Whether `n` (> 0) bytes at `a` and `b` are equal, where eight bytes past each are readable:
    /// whole words, the last one masked to the bytes that count.
    @inline(__always)
    static func equalPadded(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ n: Int) -> Bool {
        var i = 0
        while i &+ 8 < n {
            if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
                return false
            }
            i &+= 8
        }
        let rest = UInt64(truncatingIfNeeded: n &- i)  // 1...8
        let mask: UInt64 = rest == 8 ? ~0 : (1 &<< (rest &* 8)) &- 1
        let x = a.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ b.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        return UInt64(littleEndian: x) & mask == 0
    }
}

struct HotNameEntry {
    var hash: UInt64
    var start: Int32
    var length: Int32
    /// The name's slot in its node (bit in `Eval.present`).
    var slot: Int32
    /// Its `properties` schema, -1 when the name is only mentioned elsewhere.
    var schema: Int32
    /// The name's first 16 bytes as two little-endian words, zero past its end.
    var word0: UInt64
    var word1: UInt64
}

/// What the hot path knows of one node; see `HotProgram`.
struct HotNode {
    struct Flags: OptionSet {
        let rawValue: UInt32
        static let isTrue = Flags(rawValue: 1 << 0)
        static let isFalse = Flags(rawValue: 1 << 1)
        static let hasApplicators = Flags(rawValue: 1 << 2)
        static let checksStrings = Flags(rawValue: 1 << 3)
        static let checksNumbers = Flags(rawValue: 1 << 4)
        static let checksObjects = Flags(rawValue: 1 << 5)
        static let checksArrays = Flags(rawValue: 1 << 6)
        static let needsValue = Flags(rawValue: 1 << 7)
        static let hasContainerEndChecks = Flags(rawValue: 1 << 8)
        static let checksStringContent = Flags(rawValue: 1 << 9)
        static let hasPatternProperties = Flags(rawValue: 1 << 10)
        static let hasUnknownPolicy = Flags(rawValue: 1 << 11)
        static let additionalIsFalse = Flags(rawValue: 1 << 12)
        /// Something to check or start when an object / array begins (enum of scalars, capture,
        /// depth, key-path and property-path trackers).
        static let startsObject = Flags(rawValue: 1 << 13)
        static let startsArray = Flags(rawValue: 1 << 14)
        /// `maxBytes`/`minBytes` (compact size of non-strings).
        static let checksCompactSize = Flags(rawValue: 1 << 15)
        /// Only a `$ref`: instantiating it is instantiating `target` (see `HotProgram.init`).
        static let pureRef = Flags(rawValue: 1 << 16)
        /// A string passes this node when its sizes are within the bounds and its `pattern` (if
        /// any) matches: it has no other keyword that looks at a string (no applicators, type
        /// other than string, format, enum…). Member names under `propertyNames` are then
        /// checked without instantiating the node (`ValidationSession.nameClearlyPasses`).
        static let stringBoundsAndPatternOnly = Flags(rawValue: 1 << 17)

        /// The flags under which `ValidationSession.instantiate` does more than add one
        /// evaluation of the node itself (follows a `$ref`, drops `true`, reports `false`,
        /// expands applicators); without them the leaf path of `onValue` may check the value
        /// against the node directly.
        static let expandsWhenInstantiated: Flags = [.pureRef, .isTrue, .isFalse, .hasApplicators]
    }

    var flags: Flags = []
    var typeMask: UInt8 = 0
    /// Bounds, with neutral values when absent (0 and `Int.max`): one comparison each.
    var minLength = 0
    var maxLength = Int.max
    var minBytes = 0
    var maxBytes = Int.max
    var additional: Int32 = -1
    var propertyNames: Int32 = -1
    var namesStart: Int32 = 0
    var namesMask: Int32 = -1
    /// `pureRef`: the first node of the `$ref` chain that is not itself only a `$ref`.
    var target: Int32 = -1

    init(_ n: CompiledNode) {
        var f: Flags = []
        if n.isTrue { f.insert(.isTrue) }
        if n.isFalse { f.insert(.isFalse) }
        if n.hasApplicators { f.insert(.hasApplicators) }
        if n.checksStrings { f.insert(.checksStrings) }
        if n.checksNumbers { f.insert(.checksNumbers) }
        if n.checksObjects { f.insert(.checksObjects) }
        if n.checksArrays { f.insert(.checksArrays) }
        if n.needsValue { f.insert(.needsValue) }
        if n.hasContainerEndChecks { f.insert(.hasContainerEndChecks) }
        if n.checksStringContent { f.insert(.checksStringContent) }
        if !n.patternRegexes.isEmpty { f.insert(.hasPatternProperties) }
        if n.unknownPolicy != nil { f.insert(.hasUnknownPolicy) }
        if n.additionalIsFalse { f.insert(.additionalIsFalse) }
        let starts = (n.hasEnumOrConst && !n.enumHasContainers) || n.maxDepth != nil
        if starts || n.capturesObject || n.tracksKeyPath || n.tracksPropertyPaths { f.insert(.startsObject) }
        if starts || n.capturesArray { f.insert(.startsArray) }
        if n.maxBytes != nil || n.minBytes != nil { f.insert(.checksCompactSize) }
        if !n.isTrue, !n.isFalse, !n.hasApplicators, !n.needsValue, n.typeMask == 0 || n.typeMask & TypeBits.string != 0,
           n.format == nil, !n.notBlank, n.forbidden.isEmpty, !n.forbidControl, n.mediaType == nil, n.accepts == nil
        {
            f.insert(.stringBoundsAndPatternOnly)
        }
        flags = f
        typeMask = n.typeMask
        minLength = n.minLength ?? 0
        maxLength = n.maxLength ?? .max
        minBytes = n.minBytes ?? 0
        maxBytes = n.maxBytes ?? .max
        additional = Int32(n.additional)
        propertyNames = Int32(n.propertyNamesSchema)
    }
}
