import Foundation
import TestSupport
import Testing

/// Runs the built `payloadlint` binary (built by `swift build --build-tests` before the tests).
enum CLI {
    static let packageRoot = BuiltBinary.packageRoot
    static let binary = BuiltBinary.payloadlint
    static let goldenDirectory = packageRoot.appendingPathComponent("Tests/CLITests/Golden")

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var stdoutData: Data
    }

    /// Runs `payloadlint arguments…` in `cwd` with `stdin` (nil: /dev/null).
    static func run(_ arguments: [String], cwd: URL? = nil, stdin: Data? = nil, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        if let cwd { process.currentDirectoryURL = cwd }
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = nil
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        if stdin != nil { process.standardInput = input } else { process.standardInput = FileHandle.nullDevice }
        try process.run()
        if let stdin {
            let writer = input.fileHandleForWriting
            DispatchQueue.global().async {
                writer.write(stdin)
                try? writer.close()
            }
        }
        return collect(process, out: out, err: err)
    }

    /// A shell pipeline (for `| head -1`).
    static func shell(_ script: String, cwd: URL) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = cwd
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return collect(process, out: out, err: err)
    }

    /// Reads both pipes concurrently (a large output cannot block the child), then waits for it.
    private static func collect(_ process: Process, out: Pipe, err: Pipe) -> Result {
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self), stdoutData: outData)
    }
}

/// A temporary folder, removed at deinit.
final class TempDir {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("payloadlint-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> URL {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
        return file
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

/// Parses JSON text (for structural comparisons).
func parseJSON(_ text: String) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
}

func jsonEqual(_ a: Any, _ b: Any) -> Bool {
    (a as? NSObject)?.isEqual(b) ?? false
}

/// The standard rule-free inputs.
enum Inputs {
    static let syntaxError = "{\n  \"name\": \"Ada\",\n  \"email\": tru\n}\n"
    static let duplicateKeys = "{\"role\": \"user\", \"name\": \"x\", \"role\": \"admin\"}\n"
    static let good = "{\"name\": \"Ada\"}\n"
}
