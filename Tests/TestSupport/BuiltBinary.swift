import Foundation

/// Where the end-to-end test targets find the package and the built `payloadlint` (built by
/// `swift build --build-tests` before the tests run).
public enum BuiltBinary {
    /// The package root (…/Tests/TestSupport/BuiltBinary.swift → …).
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// `PAYLOADLINT_BIN`, else beside the test bundle, else `.build/debug/payloadlint`.
    public static let payloadlint: String = {
        let fm = FileManager.default
        if let env = ProcessInfo.processInfo.environment["PAYLOADLINT_BIN"], fm.isExecutableFile(atPath: env) { return env }
        var candidates: [String] = []
        for bundle in Bundle.allBundles {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("payloadlint").path)
        }
        if let arg0 = CommandLine.arguments.first {
            var dir = URL(fileURLWithPath: arg0).deletingLastPathComponent()
            for _ in 0..<4 {
                candidates.append(dir.appendingPathComponent("payloadlint").path)
                dir = dir.deletingLastPathComponent()
            }
        }
        candidates.append(packageRoot.appendingPathComponent(".build/debug/payloadlint").path)
        return candidates.first { fm.isExecutableFile(atPath: $0) && !$0.hasSuffix(".xctest") } ?? candidates.last ?? "payloadlint"
    }()
}
