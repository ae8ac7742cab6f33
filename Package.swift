// swift-tools-version: 6.0
import PackageDescription

// Dependencies point one way: obhut (executable) → ObhutServer → Obhut (use cases, privacy kernel)
// → ObhutStore / ObhutImport / ObhutAnalytics / ObhutDemo → ObhutCore.
let package = Package(
    name: "Obhut",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "obhut", targets: ["obhut"]),
        .library(name: "Obhut", targets: ["Obhut"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.0.0"),
    ],
    targets: [
        .target(name: "ObhutCore"),
        .target(name: "ObhutAnalytics", dependencies: ["ObhutCore"]),
        .target(name: "ObhutImport", dependencies: ["ObhutCore"]),
        .target(name: "ObhutDemo", dependencies: ["ObhutCore"]),
        .target(
            name: "ObhutStore",
            dependencies: [
                "ObhutCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .target(
            name: "Obhut",
            dependencies: [
                "ObhutCore", "ObhutStore", "ObhutImport", "ObhutAnalytics", "ObhutDemo",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ]),
        // HTTP API, dashboard, sign-in and roles (Hummingbird). Depends on the use cases only.
        .target(
            name: "ObhutServer",
            dependencies: [
                "Obhut", "ObhutCore", "ObhutStore", "ObhutImport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        .executableTarget(
            name: "obhut",
            dependencies: [
                "Obhut", "ObhutServer", "ObhutStore", "ObhutAnalytics",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // Benchmarks of the privacy kernel on a real workspace (scripts/bench-kernel.sh).
        .executableTarget(name: "obhut-bench", dependencies: ["Obhut", "ObhutStore", "ObhutDemo"], path: "Benchmarks/Kernel"),
        // Fuzzing of the CSV and JSON Lines readers and the import mapping (scripts/fuzz.sh).
        .executableTarget(name: "obhut-fuzz", dependencies: ["ObhutImport", "ObhutCore"], path: "Benchmarks/Fuzz"),
        .testTarget(name: "ObhutCoreTests", dependencies: ["ObhutCore"]),
        .testTarget(name: "ObhutAnalyticsTests", dependencies: ["ObhutAnalytics"]),
        .testTarget(name: "ObhutImportTests", dependencies: ["ObhutImport"]),
        .testTarget(name: "ObhutDemoTests", dependencies: ["ObhutDemo", "ObhutCore"]),
        .testTarget(name: "ObhutStoreTests", dependencies: ["ObhutStore"]),
        .testTarget(name: "ObhutTests", dependencies: ["Obhut"]),
        .testTarget(
            name: "ObhutServerTests",
            dependencies: [
                "ObhutServer", "Obhut",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]),
        .testTarget(name: "CLITests", dependencies: ["obhut", "ObhutAnalytics"]),
    ],
    swiftLanguageModes: [.v6]
)
