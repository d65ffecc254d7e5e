import Foundation
import Testing

/// Hostile payloads through the built `payloadlint`, each generated on the fly into its stdin:
/// the expected diagnostic, and peak resident memory under 64 MB (measured in the child, see
/// `Child`). Sizes are fixed, so each case is bounded in time by construction; none asserts on
/// time. Figures are printed (`peak RSS`) for HARDENING.md.
@Suite("Hostile payloads", .serialized)
struct HostilePayloadTests {
    static let maxRSS = 64 << 20

    struct Finding: Decodable {
        var code: String
        var severity: String
        var message: String
        var pointer: String
        /// nil for findings about the whole payload (`diagnostic_limit`).
        var line: Int?
        var column: Int?
    }

    /// Runs `payloadlint lint --format jsonl extra… -` on the generated input.
    static func lint(_ name: String, _ extra: [String] = [], cwd: URL? = nil, _ generate: (Child.Writer) -> Void) throws
        -> (result: Child.Result, findings: [Finding])
    {
        let r = try Child.run(["lint", "--format", "jsonl", "--no-progress"] + extra + ["-"], cwd: cwd, generate: generate)
        let findings = try r.stdout.split(separator: "\n").map {
            try JSONDecoder().decode(Finding.self, from: Data($0.utf8))
        }
        print("peak RSS \(name): \(String(format: "%.1f", r.peakRSSMB)) MB (input \(r.written) bytes, exit \(r.status))")
        #expect(r.peakRSS < maxRSS, "\(name): peak RSS \(r.peakRSSMB) MB")
        #expect(!r.stderr.contains("Fatal error"), "\(name): \(r.stderr)")
        return (r, findings)
    }

    @Test func millionNestedArrays() throws {
        let (r, f) = try Self.lint("1,000,000 nested arrays") { w in
            w.repeatWrite([UInt8](repeating: UInt8(ascii: "["), count: 1000), times: 1000)
            w.repeatWrite([UInt8](repeating: UInt8(ascii: "]"), count: 1000), times: 1000)
        }
        #expect(r.status == 1)
        #expect(f.map(\.code) == ["depth_limit"])
        #expect(f.first?.message == "nesting is deeper than 1024 levels")
        #expect(f.first.map { "\($0.line ?? 0):\($0.column ?? 0)" } == "1:1025")
        #expect(r.written == 2_000_000)
    }

    @Test func millionNestedObjects() throws {
        let (r, f) = try Self.lint("1,000,000 nested objects") { w in
            w.repeatWrite(Array(String(repeating: "{\"a\":", count: 1000).utf8), times: 1000)
            w.write("0")
            w.repeatWrite([UInt8](repeating: UInt8(ascii: "}"), count: 1000), times: 1000)
        }
        #expect(r.status == 1)
        #expect(f.map(\.code) == ["depth_limit"])
        #expect(f.first.map { "\($0.line ?? 0):\($0.column ?? 0)" } == "1:5121")
        #expect(f.first?.pointer == String(repeating: "/a", count: 1024))
    }

    /// 1 GiB between two quotes: reported at the 16 MiB limit; the rest is read and dropped.
    @Test func oneGigabyteString() throws {
        let (r, f) = try Self.lint("1 GB string") { w in
            w.write("\"")
            w.repeatWrite([UInt8](repeating: UInt8(ascii: "a"), count: 1 << 20), times: 1024)
            w.write("\"")
        }
        #expect(r.status == 1)
        #expect(f.map(\.code) == ["string_limit"])
        #expect(f.first?.message == "the string is longer than 16777216 bytes")
        #expect(f.first.map { "\($0.line ?? 0):\($0.column ?? 0)" } == "1:1")
        #expect(r.written == (1 << 30) + 2)
    }

    /// 10,000,000 distinct member names (4 characters each) in one object: well-formed, and
    /// duplicate detection stops remembering names past 100,000 instead of growing.
    @Test func tenMillionMembers() throws {
        let count = 10_000_000
        let (r, f) = try Self.lint("10,000,000 members") { w in
            w.write("{")
            Self.writeMembers(count - 1, to: w)
            w.write("\"end\":0}")
        }
        #expect(r.status == 0)
        #expect(f.isEmpty)
        #expect(r.written == 90_000_000)
    }

    /// The same shape against a rule set that allows 100 members and no unknown ones: one
    /// unknown_property per member is far past the finding limit, so 1000 are kept and the rest
    /// counted; too_many_properties at the end.
    @Test func millionMembersAgainstRules() throws {
        let dir = try Self.ruleFolder("""
            id: t.members
            body: { type: object, maxProperties: 100, additionalProperties: false, properties: { end: { type: integer } } }
            """)
        defer { try? FileManager.default.removeItem(at: dir) }
        let (r, f) = try Self.lint("1,000,000 members, rules", ["--rules", dir.path, "--document", "t.members"]) { w in
            w.write("{")
            Self.writeMembers(999_999, to: w)
            w.write("\"end\":0}")
        }
        #expect(r.status == 1)
        #expect(f.count == 1001)
        #expect(f.filter { $0.code == "unknown_property" }.count == 999)
        #expect(f.first?.code == "too_many_properties")  // at the object, before its members
        #expect(f.last?.code == "diagnostic_limit")
        #expect(f.last?.message == "999000 more findings not reported (the limit is 1000 per payload)")
    }

    @Test func hundredThousandDigits() throws {
        let (r, f) = try Self.lint("100,000 digits") { w in
            w.write("[")
            w.repeatWrite([UInt8](repeating: UInt8(ascii: "7"), count: 1000), times: 100)
            w.write("]")
        }
        #expect(r.status == 1)
        #expect(f.map(\.code) == ["number_limit"])
        #expect(f.first?.message == "the number is longer than 4096 characters")
        #expect(f.first.map { "\($0.line ?? 0):\($0.column ?? 0)" } == "1:2")
        // With the limit raised past it: read whole, well-formed.
        let (r2, f2) = try Self.lint("100,000 digits, limit raised", ["--max-number-length", "200000"]) { w in
            w.write("[")
            w.repeatWrite([UInt8](repeating: UInt8(ascii: "7"), count: 1000), times: 100)
            w.write(".5e-999999]")
        }
        #expect(r2.status == 0)
        #expect(f2.isEmpty)
    }

    /// Huge exponents are well-formed JSON; against `maximum` they compare exactly (no overflow
    /// to infinity, no hang).
    @Test func hugeExponents() throws {
        let (r, f) = try Self.lint("exponents 1e999999") { w in
            w.write("[1e999999, -1e-999999, 1E+999999, 0e999999999]")
        }
        #expect(r.status == 0)
        #expect(f.isEmpty)
        let dir = try Self.ruleFolder("""
            id: t.numbers
            body:
              type: object
              properties:
                big: { type: number, maximum: 1000 }
                tiny: { type: number, exclusiveMinimum: 0 }
                whole: { type: integer, multipleOf: 3 }
            """)
        defer { try? FileManager.default.removeItem(at: dir) }
        let (r2, f2) = try Self.lint("exponents against rules", ["--rules", dir.path, "--document", "t.numbers"]) { w in
            w.write(#"{"big": 1e999999, "tiny": -1e-999999, "whole": 3e999999}"#)
        }
        #expect(r2.status == 1)
        #expect(f2.map { "\($0.code) \($0.pointer)" } == ["out_of_range /big", "out_of_range /tiny"])
    }

    @Test func hundredThousandDuplicateKeys() throws {
        let (r, f) = try Self.lint("100,000 duplicate keys") { w in
            w.write("{")
            w.repeatWrite(Array("\"a\":1,".utf8), times: 99_999)
            w.write("\"a\":1}")
        }
        #expect(r.status == 1)
        #expect(f.count == 1001)
        #expect(f.dropLast().allSatisfy { $0.code == "duplicate_key" && $0.pointer == "/a" })
        #expect(f.first.map { "\($0.line ?? 0):\($0.column ?? 0)" } == "1:8")
        #expect(f.last?.code == "diagnostic_limit")
        #expect(f.last?.message == "98999 more findings not reported (the limit is 1000 per payload)")
    }

    /// 100 MiB of well-formed JSON on stdin (an array of 1 KiB strings, some non-ASCII and
    /// escaped): streamed, clean. With a document limit below it: document_too_large.
    @Test func hundredMegabytesOnStdin() throws {
        var element = Array("\"".utf8)
        element += Array(String(repeating: "payload é \\n \\u00e9 ", count: 40).utf8)
        element += [UInt8](repeating: UInt8(ascii: "x"), count: 1024 - element.count - 2)
        element += Array("\",".utf8)
        let block = Array((0..<1024).map { _ in element }.joined())  // 1 MiB
        let (r, f) = try Self.lint("100 MB on stdin") { w in
            w.write("[")
            w.repeatWrite(block, times: 100)
            w.write("null]")
        }
        #expect(r.status == 0)
        #expect(f.isEmpty)
        #expect(r.written == 100 * (1 << 20) + 6)
        let (r2, f2) = try Self.lint("100 MB on stdin, 10M limit", ["--max-document-bytes", "10M"]) { w in
            w.write("[")
            w.repeatWrite(block, times: 100)
            w.write("null]")
        }
        #expect(r2.status == 1)
        #expect(f2.map(\.code) == ["document_too_large"])
        #expect(f2.first?.message == "the document is larger than 10485760 bytes")
    }

    // MARK: Helpers

    /// `n` members `"XYZW":0,` with distinct 4-character names, in 2.4 MB blocks.
    static func writeMembers(_ n: Int, to w: Child.Writer) {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        let perBlock = 64 * 64 * 64
        var block: [UInt8] = []
        block.reserveCapacity(perBlock * 9)
        for i in 0..<perBlock {
            block += [UInt8(ascii: "\""), alphabet[0], alphabet[i >> 12], alphabet[(i >> 6) & 63], alphabet[i & 63],
                      UInt8(ascii: "\""), UInt8(ascii: ":"), UInt8(ascii: "0"), UInt8(ascii: ",")]
        }
        var left = n
        var prefix = 0
        while left > 0 {
            block.withUnsafeMutableBufferPointer { b in
                for i in 0..<perBlock { b[i * 9 + 1] = alphabet[prefix] }
            }
            let take = min(left, perBlock)
            block.withUnsafeBytes { raw in _ = w.write(UnsafeRawBufferPointer(rebasing: raw[0..<(take * 9)])) }
            left -= take
            prefix += 1
        }
    }

    /// A temporary rules folder holding one rule file.
    static func ruleFolder(_ text: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("payloadlint-rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try (text + "\n").write(to: dir.appendingPathComponent("rule.yaml"), atomically: true, encoding: .utf8)
        return dir
    }
}
