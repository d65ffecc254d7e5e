// The `main` every fuzz target shares: under `FUZZING` it hands control to libFuzzer
// (`LLVMFuzzerRunDriver`: SwiftPM renames an executable's `main`, so libFuzzer's own `main` is not
// used); otherwise it runs each file given as an argument through the fuzz function, to reproduce
// a finding (`swift run FuzzReader fuzz-artifacts/reader/crash-…`).
#if canImport(Glibc)
import Glibc
#endif

/// libFuzzer's callback type (`LLVMFuzzerTestOneInput`).
public typealias FuzzCallback = @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32

public enum FuzzDriver {
    /// Runs the fuzzer (built with `-DFUZZING`) or replays the files named on the command line.
    public static func main(_ callback: FuzzCallback) -> Never {
        #if FUZZING
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, callback))
        #else
        for path in CommandLine.arguments.dropFirst() {
            guard let f = fopen(path, "rb") else {
                print("cannot open \(path)")
                continue
            }
            var bytes: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = fread(&chunk, 1, chunk.count, f)
                if n <= 0 { break }
                bytes += chunk[0..<n]
            }
            fclose(f)
            bytes.withUnsafeBufferPointer { _ = callback($0.baseAddress, $0.count) }
            print("\(path): ok")
        }
        exit(0)
        #endif
    }
}

#if FUZZING
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: FuzzCallback) -> Int32
#endif
