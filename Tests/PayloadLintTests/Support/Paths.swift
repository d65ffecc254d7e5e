import Foundation

/// Locations the tests read from: the package root and `../shared/conformance`.
enum TestPaths {
    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    /// `../shared/conformance`, or nil (with the reason printed) when this clone has no `shared/`.
    static func conformance(_ sub: String) -> URL? {
        let url = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/conformance/" + sub)
        if FileManager.default.fileExists(atPath: url.path) { return url }
        print("SKIP: \(url.path) is absent (a clone without ../shared); conformance cases not run")
        return nil
    }
}
