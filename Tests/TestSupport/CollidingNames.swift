import Foundation
@testable import JSONStream

/// Member names crafted to share one `JSONReader.nameHash`, for tests of what a collision must
/// not break (duplicate detection, claim tables, path counting).
public enum CollidingNames {
    /// `count` different 24-byte names with one hash under `key`: two words of letters, then the
    /// hash state after them, which zeroes the state (each step multiplies the state xor the word).
    /// Only whoever knows the key can build them; the reader's is drawn per process.
    public static func make(count: Int, key: NameHashKey = .process) -> [[UInt8]] {
        var state: UInt64 = 0x1234_5678
        func letters() -> UInt64 {
            var w: UInt64 = 0
            for k in 0..<8 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                w |= (0x61 &+ (state >> 33) % 26) << UInt64(8 * k)
            }
            return w
        }
        func littleEndian(_ w: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: w >> UInt64(8 * $0)) } }
        var names: [[UInt8]] = []
        var seen = Set<[UInt8]>()
        while names.count < count {
            let w1 = letters(), w2 = letters()
            let w3 = JSONReader.mixName(JSONReader.mixName(key.seed, w1, key.multiplier), w2, key.multiplier)
            guard w3 & 0x8080_8080_8080_8080 == 0 else { continue }  // ASCII: valid UTF-8
            let name = littleEndian(w1) + littleEndian(w2) + littleEndian(w3)
            if seen.insert(name).inserted { names.append(name) }
        }
        return names
    }

    /// `bytes` (ASCII) as a JSON string literal, control characters and quotes escaped.
    public static func literal(_ bytes: [UInt8]) -> String {
        var out = "\""
        for c in bytes {
            switch c {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0..<0x20: out += String(format: "\\u%04x", c)
            default: out += String(UnicodeScalar(c))
            }
        }
        return out + "\""
    }
}
