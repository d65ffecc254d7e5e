import JSONStream

/// Everything a test wants to know about one event, with the reader state that goes with it.
struct Seen: Equatable, CustomStringConvertible {
    var kind: JSONEventKind
    var pointer: String
    var value: String
    var offset: Int
    var line: Int
    var column: Int
    var depth: Int
    var byteCount: Int
    var scalarCount: Int
    var hasEscapes: Bool
    var isASCII: Bool
    var isDuplicateKey: Bool
    var duplicateOfOffset: Int?
    var record: Int

    var description: String {
        "\(kind) \(pointer) \(value.debugDescription) @\(offset) \(line):\(column) d\(depth)"
            + " b\(byteCount) s\(scalarCount)\(hasEscapes ? " esc" : "")\(isASCII ? "" : " nonascii")"
            + (isDuplicateKey ? " dup(\(duplicateOfOffset ?? -1))" : "")
    }
}

struct Outcome: Equatable {
    var events: [Seen] = []
    var error: JSONStreamError? = nil
}

func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

/// Reads `input` fed in the pieces `cuts` describes (ascending cut offsets), then `finish()`.
/// `inPlace`: each piece is fed as `PayloadLinter.Stream` feeds NDJSON (its first line copied
/// while input is unread, the rest with `feed(borrowing:)`), from a copy that is overwritten
/// with 0xFF once `endBorrowing()` returned, so that reading a borrowed chunk too late shows.
func read(_ input: [UInt8], cuts: [Int] = [], options: JSONReader.Options = .init(), inPlace: Bool = false) -> Outcome {
    var reader = JSONReader(options: options)
    var out = Outcome()
    var bounds = cuts.filter { $0 > 0 && $0 < input.count }
    bounds.append(input.count)
    var from = 0
    func drain() throws(JSONStreamError) {
        while let e = try reader.next() {
            let value = e.kind.isScalar || e.kind == .key ? reader.string(e) : ""
            out.events.append(Seen(
                kind: e.kind, pointer: reader.pointer, value: value, offset: e.offset, line: e.line,
                column: e.column, depth: e.depth, byteCount: e.byteCount, scalarCount: e.scalarCount,
                hasEscapes: e.hasEscapes, isASCII: e.isASCII, isDuplicateKey: e.isDuplicateKey,
                duplicateOfOffset: e.isDuplicateKey ? reader.duplicateOf?.offset : nil,
                record: reader.recordLine))
        }
    }
    do throws(JSONStreamError) {
        for to in bounds {
            defer { from = to }
            guard inPlace else {
                input[from..<to].withUnsafeBytes { reader.feed($0) }
                try drain()
                continue
            }
            var chunk = Array(input[from..<to])
            var failed: JSONStreamError?
            chunk.withUnsafeMutableBytes { memory in
                defer {
                    reader.endBorrowing()
                    memory.initializeMemory(as: UInt8.self, repeating: 0xFF)
                }
                let piece = UnsafeRawBufferPointer(memory)
                var rest = piece
                do throws(JSONStreamError) {
                    if reader.hasUnreadInput, let head = JSONReader.firstLineEnd(in: piece) {
                        reader.feed(UnsafeRawBufferPointer(rebasing: piece[..<head]))
                        try drain()
                        rest = UnsafeRawBufferPointer(rebasing: piece[head...])
                    }
                    reader.feed(borrowing: rest)
                    try drain()
                } catch {
                    failed = error
                }
            }
            if let failed { throw failed }
        }
        reader.finish()
        try drain()
    } catch {
        out.error = error
    }
    return out
}

func read(_ s: String, options: JSONReader.Options = .init()) -> Outcome { read(bytes(s), options: options) }

/// Reads in 1-byte chunks.
func readBytewise(_ input: [UInt8], options: JSONReader.Options = .init()) -> Outcome {
    read(input, cuts: Array(0..<input.count), options: options)
}

/// The error `input` gives (fed whole), or nil.
func failure(_ s: String, options: JSONReader.Options = .init()) -> JSONStreamError? { read(s, options: options).error }
func failure(_ b: [UInt8], options: JSONReader.Options = .init()) -> JSONStreamError? { read(b, options: options).error }

extension JSONReader.Options {
    static func with(_ change: (inout JSONReader.Options) -> Void) -> JSONReader.Options {
        var o = JSONReader.Options()
        change(&o)
        return o
    }
}
