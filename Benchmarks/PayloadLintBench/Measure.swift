import Foundation
import JSONStream
#if canImport(Glibc)
import Glibc
#endif

enum Measure {
    /// Streams `path` through a JSONReader in 64 KiB read(2) chunks; returns the event count.
    static func stream(_ path: String, ndjson: Bool) -> Int {
        let fd = open(path, O_RDONLY)
        precondition(fd >= 0, "cannot open \(path)")
        defer { close(fd) }
        var options = JSONReader.Options()
        options.ndjson = ndjson
        var reader = JSONReader(options: options)
        let chunkSize = 64 << 10
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { chunk.deallocate() }
        var events = 0
        func drain() {
            do {
                while try reader.next() != nil { events &+= 1 }
            } catch {
                fatalError("\(path): \(error) at offset \(error.offset)")
            }
        }
        while true {
            let n = read(fd, chunk.baseAddress, chunkSize)
            if n <= 0 { break }
            // As `PayloadLinter.Stream.feed` does: NDJSON is read in place but for cut records.
            let bytes = UnsafeRawBufferPointer(rebasing: chunk[0..<n])
            if !ndjson {
                reader.feed(bytes)
                drain()
                continue
            }
            var rest = bytes
            if reader.hasUnreadInput, let head = JSONReader.firstLineEnd(in: bytes) {
                reader.feed(UnsafeRawBufferPointer(rebasing: bytes[..<head]))
                drain()
                rest = UnsafeRawBufferPointer(rebasing: bytes[head...])
            }
            reader.feed(borrowing: rest)
            drain()
            reader.endBorrowing()
        }
        reader.finish()
        drain()
        precondition(reader.isAtEnd)
        return events
    }

    /// Foundation's JSONSerialization over the same bytes (NDJSON: one call per line).
    static func foundation(_ data: Data, ndjson: Bool) -> Int {
        if !ndjson {
            let v = try! JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return (v as? [Any])?.count ?? 1
        }
        var count = 0
        data.withUnsafeBytes { raw in
            let p = raw.bindMemory(to: UInt8.self)
            var start = 0
            for i in 0..<p.count where p[i] == 0x0A {
                if i > start {
                    let line = Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: raw.baseAddress! + start), count: i - start, deallocator: .none)
                    _ = try! JSONSerialization.jsonObject(with: line)
                    count += 1
                }
                start = i + 1
            }
        }
        return count
    }

    /// Runs `json_verify` (yajl) on the file as a subprocess; nil when it is not installed.
    static func jsonVerify(_ path: String, ndjson: Bool) -> Int32? {
        let tool = "/usr/bin/json_verify"
        guard FileManager.default.isExecutableFile(atPath: tool) else { return nil }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = ndjson ? ["-q", "-s"] : ["-q"]
        p.standardInput = FileHandle(forReadingAtPath: path)
        p.standardOutput = FileHandle.nullDevice
        try! p.run()
        p.waitUntilExit()
        return p.terminationStatus
    }

    /// CPU seconds (user + system) used so far by this process and its waited-for children.
    static func cpuSeconds() -> Double {
        var me = rusage(), children = rusage()
        getrusage(RUSAGE_SELF.rawValue, &me)
        getrusage(RUSAGE_CHILDREN.rawValue, &children)
        func s(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return s(me.ru_utime) + s(me.ru_stime) + s(children.ru_utime) + s(children.ru_stime)
    }

    /// Median wall time and median CPU time (this process + children) of `runs` calls, in
    /// seconds. CPU time is what the table uses: the build machine is shared, so wall time
    /// depends on what else runs.
    static func median(_ runs: Int, _ body: () -> Void) -> (wall: Double, cpu: Double) {
        var walls: [Double] = [], cpus: [Double] = []
        for _ in 0..<runs {
            let c0 = cpuSeconds()
            let t0 = DispatchTime.now().uptimeNanoseconds
            body()
            walls.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
            cpus.append(cpuSeconds() - c0)
        }
        return (walls.sorted()[runs / 2], cpus.sorted()[runs / 2])
    }

    /// (VmRSS, VmHWM) of this process, in KiB.
    static func memory() -> (rss: Int, hwm: Int) {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return (0, 0) }
        var rss = 0, hwm = 0
        for line in text.split(separator: "\n") {
            let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if parts.first == "VmRSS:", parts.count > 1 { rss = Int(parts[1]) ?? 0 }
            if parts.first == "VmHWM:", parts.count > 1 { hwm = Int(parts[1]) ?? 0 }
        }
        return (rss, hwm)
    }

    /// Runs this executable again as `peak FILE ndjson|json` and returns what it printed:
    /// the peak resident memory above its own baseline, in KiB.
    static func peakInChild(_ path: String, ndjson: Bool) -> Int? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        p.arguments = ["peak", path, ndjson ? "ndjson" : "json"]
        let out = Pipe()
        p.standardOutput = out
        try! p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Int(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
