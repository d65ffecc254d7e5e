import JSONStream

/// Reads inputs with a `JSONReader`, whole or in chunks.
enum Read {
    struct Result {
        var events: [JSONEvent] = []
        var error: JSONStreamError? = nil
    }

    /// Every event of `input` fed in chunks of `chunk` bytes (nil: whole), and the first error.
    static func events(_ input: [UInt8], chunk: Int? = nil, options: JSONReader.Options = JSONReader.Options()) -> Result {
        var reader = JSONReader(options: options)
        var result = Result()
        let size = max(chunk ?? input.count, 1)
        var at = 0
        func drain() -> Bool {
            do {
                while let e = try reader.next() { result.events.append(e) }
                return true
            } catch {
                result.error = error
                return false
            }
        }
        repeat {
            let end = min(at + size, input.count)
            reader.feed(Array(input[at..<end]))
            at = end
            if !drain() { return result }
        } while at < input.count
        reader.finish()
        _ = drain()
        return result
    }
}
