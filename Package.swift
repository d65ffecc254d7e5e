// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "payloadlint",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "JSONStream", targets: ["JSONStream"]),
        .library(name: "PayloadLint", targets: ["PayloadLint"]),
        .executable(name: "payloadlint", targets: ["payloadlint"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
    ],
    targets: [
        // PCRE2 from the system (Debian: libpcre2-dev); no vendored C sources.
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"]), .brew(["pcre2"])]
        ),
        // bytes -> events. No dependencies: usable on its own.
        .target(name: "JSONStream"),
        // rules, validator, diagnostics, reporters, library API.
        .target(
            name: "PayloadLint",
            dependencies: [
                "JSONStream",
                "CPCRE2",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // The command line: parses options, calls the library.
        .executableTarget(
            name: "payloadlint",
            dependencies: [
                "PayloadLint",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // `make bench`: throughput and memory figures (not a test).
        .executableTarget(
            name: "PayloadLintBench",
            dependencies: ["JSONStream", "PayloadLint"],
            path: "Benchmarks/PayloadLintBench"
        ),
        .testTarget(name: "JSONStreamTests", dependencies: ["JSONStream", "TestSupport"]),
        .testTarget(name: "PayloadLintTests", dependencies: ["PayloadLint", "JSONStream", "TestSupport"]),
        // Shared by the test targets: where the package and the built binary are; names crafted
        // to share one member-name hash.
        .target(name: "TestSupport", dependencies: ["JSONStream"], path: "Tests/TestSupport"),
        .testTarget(name: "CLITests", dependencies: ["PayloadLint", "TestSupport"], exclude: ["Golden"]),
    ],
    swiftLanguageModes: [.v6]
)

// Hardening (HARDENING.md): fuzz targets and hostile-input tests. The fuzz targets build as plain
// executables (they replay the files given as arguments); `make fuzz` rebuilds them with
// `-sanitize=fuzzer,address -DFUZZING` in `.build-fuzz`, where their `main` hands over to libFuzzer
// (`LLVMFuzzerRunDriver`).
package.targets += [
    .target(name: "FuzzSupport", path: "Fuzz/FuzzSupport"),
    .executableTarget(name: "FuzzReader", dependencies: ["JSONStream", "FuzzSupport"], path: "Fuzz/FuzzReader"),
    .executableTarget(name: "FuzzLint", dependencies: ["PayloadLint", "FuzzSupport"], path: "Fuzz/FuzzLint"),
    .executableTarget(name: "FuzzRules", dependencies: ["PayloadLint", "FuzzSupport"], path: "Fuzz/FuzzRules"),
    .testTarget(name: "HardeningTests", dependencies: ["PayloadLint", "JSONStream", "TestSupport"]),
]
