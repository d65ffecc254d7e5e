// libFuzzer target: the JSONStream reader, fed the same input whole and in random chunk sizes.
//
// Oracles (a violated one is a crash the fuzzer reports):
// - no trap, no sanitizer report, no hang;
// - chunking does not matter: the events (kind, depth, position, counts, pointer, decoded bytes)
//   and the error are the same whole and in chunks chosen from the input's hash;
// - an input the reader accepts is valid UTF-8.
//
// Built by `make fuzz` with `-sanitize=fuzzer,address -DFUZZING` (then libFuzzer supplies `main`).
// Without `FUZZING` it is a plain executable that runs the files given as arguments through the
// same function, to reproduce a finding: `swift run FuzzReader crash-…`.
import JSONStream
import FuzzSupport

#if canImport(Glibc)
import Glibc
#endif

/// One run's observable output, compared between chunkings.
struct Trace: Equatable {
    var items: [UInt64] = []
    var error: JSONStreamError? = nil
    var errors: [JSONStreamError] = []
}

@inline(__always)
func mix(_ h: inout UInt64, _ v: UInt64) {
    h = (h ^ v) &* 0x100_0000_01b3
}

func read(_ input: UnsafeRawBufferPointer, options: JSONReader.Options, cuts: [Int]) -> Trace {
    var reader = JSONReader(options: options)
    var trace = Trace()
    var start = 0
    var cutIndex = 0
    func drain(_ reader: inout JSONReader, _ trace: inout Trace) -> Bool {
        while true {
            do {
                guard let e = try reader.next() else { return true }
                var h: UInt64 = 0xcbf2_9ce4_8422_2325
                mix(&h, UInt64(e.kind.rawValue))
                mix(&h, UInt64(e.depth))
                mix(&h, UInt64(e.offset))
                mix(&h, UInt64(e.line))
                mix(&h, UInt64(e.column))
                mix(&h, UInt64(e.byteCount))
                mix(&h, UInt64(e.scalarCount))
                mix(&h, e.isDuplicateKey ? 1 : 0)
                mix(&h, e.isASCII ? 1 : 0)
                if e.kind == .key || e.kind == .string || e.kind == .number {
                    reader.withDecodedBytes(e) { bytes in
                        // Decoded length agrees with the scan's figure.
                        precondition(bytes.count == e.byteCount, "decoded length \(bytes.count) != byteCount \(e.byteCount)")
                        for b in bytes { mix(&h, UInt64(b)) }
                    }
                }
                for b in reader.pointer.utf8 { mix(&h, UInt64(b)) }
                trace.items.append(h)
            } catch {
                trace.errors.append(error)
                if options.ndjson {
                    reader.skipRecord()
                    continue
                }
                trace.error = error
                return false
            }
        }
    }
    while true {
        let end = cutIndex < cuts.count ? cuts[cutIndex] : input.count
        cutIndex += 1
        reader.feed(UnsafeRawBufferPointer(rebasing: input[start..<end]))
        start = end
        if !drain(&reader, &trace) { return trace }
        if end == input.count { break }
    }
    reader.finish()
    _ = drain(&reader, &trace)
    return trace
}

/// Cut points chosen by a generator seeded from the input: mostly small chunks, some large.
func cuts(for input: UnsafeRawBufferPointer, salt: UInt64) -> [Int] {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ salt
    for b in input { mix(&state, UInt64(b)) }
    if state == 0 { state = 1 }
    func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }
    var out: [Int] = []
    var at = 0
    while true {
        let r = next()
        let step = r & 3 == 0 ? Int(r >> 8 % 64) + 1 : Int(r >> 8 % 4) + 1
        at += step
        if at >= input.count { break }
        out.append(at)
    }
    return out
}

func isValidUTF8(_ input: UnsafeRawBufferPointer) -> Bool {
    var it = input.makeIterator()
    var decoder = UTF8()
    while true {
        switch decoder.decode(&it) {
        case .scalarValue: continue
        case .emptyInput: return true
        case .error: return false
        }
    }
}

func check(_ input: UnsafeRawBufferPointer) {
    var variants: [JSONReader.Options] = []
    var plain = JSONReader.Options()
    plain.maxDepth = 16
    plain.maxStringBytes = 64
    plain.maxNumberLength = 24
    variants.append(plain)
    var ndjson = plain
    ndjson.ndjson = true
    ndjson.maxTrackedKeysPerObject = 3
    variants.append(ndjson)
    var bom = JSONReader.Options()
    bom.allowByteOrderMark = true
    bom.maxDocumentBytes = 200
    variants.append(bom)
    for (i, options) in variants.enumerated() {
        let whole = read(input, options: options, cuts: [])
        let bytewise = read(input, options: options, cuts: Array(1..<max(input.count, 1)))
        let random = read(input, options: options, cuts: cuts(for: input, salt: UInt64(i)))
        precondition(whole == bytewise, "variant \(i): whole and byte-by-byte reads differ\n\(whole)\n\(bytewise)")
        precondition(whole == random, "variant \(i): whole and chunked reads differ\n\(whole)\n\(random)")
        if whole.errors.isEmpty, !options.allowByteOrderMark {
            precondition(isValidUTF8(input), "variant \(i): accepted input that is not UTF-8")
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard size <= 1 << 16 else { return 0 }
    check(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}

@main
enum FuzzReaderMain {
    static func main() { FuzzDriver.main(fuzzReader) }
}
