// swift-tools-version: 6.1
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "BoardSync",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "boardsync", targets: ["BoardSyncCLI"]),
        .library(name: "BoardSync", targets: ["BoardSync"]),
        .library(name: "SyncCore", targets: ["SyncCore"]),
        .library(name: "MongoDriver", targets: ["MongoDriver"]),
        .library(name: "PlaneAPI", targets: ["PlaneAPI"]),
        .library(name: "PlaneSimulator", targets: ["PlaneSimulator"]),
        .library(name: "SyncReports", targets: ["SyncReports"]),
        .library(name: "SyncCache", targets: ["SyncCache"]),
        .library(name: "Essentials", targets: ["Essentials"]),
        .executable(name: "plane-sim", targets: ["plane-sim"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // Small helpers every layer uses (Duration in other units, an opened clock, HTML escaping, JSON records
        // with every key): no dependencies, so the Plane simulator shares them without depending on SyncCore.
        .target(
            name: "Essentials",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "EssentialsTests",
            dependencies: ["Essentials"],
            swiftSettings: strictSettings
        ),
        .systemLibrary(
            name: "CMongoC",
            pkgConfig: "libmongoc-1.0",
            providers: [.apt(["libmongoc-dev", "libbson-dev"])]
        ),
        // GitHub's CommonMark + GFM parser (Debian's libcmark-gfm-dev and libcmark-gfm-extensions-dev).
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .target(
            name: "MongoDriver",
            dependencies: [
                "CMongoC",
                "Essentials",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "BoardSync",
            dependencies: [
                "Essentials",
                "MongoDriver",
                "PlaneAPI",
                "SyncCore",
                "SyncCache",
                "SyncReports",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "SyncCache",
            dependencies: ["Essentials", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strictSettings
        ),
        // The `boardsync` executable (the product's name); a folder named apart from `BoardSync`, which a
        // case-insensitive file system would take for the same one.
        .executableTarget(
            name: "BoardSyncCLI",
            dependencies: [
                "BoardSync",
                "Essentials",
                "SyncCore",
                "SyncReports",
                "MongoDriver",
                "PlaneAPI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        // Test-only targets, kept under Tests/ and out of the products.
        .executableTarget(
            name: "mongo-memory-probe",
            dependencies: ["MongoDriver"],
            path: "Tests/Support/mongo-memory-probe",
            swiftSettings: strictSettings
        ),
        .target(
            name: "BoardSyncTestSupport",
            dependencies: ["Essentials", "MongoDriver", .product(name: "Logging", package: "swift-log")],
            path: "Tests/Support/BoardSyncTestSupport",
            swiftSettings: strictSettings
        ),
        // A clock whose time the tests move (the pacer's and the simulator's tests).
        .target(
            name: "TestClocks",
            path: "Tests/Support/TestClocks",
            swiftSettings: strictSettings
        ),
        .target(
            name: "PlaneAPI",
            dependencies: [
                "Essentials", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "PlaneAPITests",
            dependencies: [
                "PlaneAPI",
                "PlaneSimulator",
                "TestClocks",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "InMemoryLogging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "SyncCore",
            dependencies: ["CCmarkGFM", "Essentials", .product(name: "Crypto", package: "swift-crypto")],
            exclude: ["README.md"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SyncCoreTests",
            dependencies: ["SyncCore"],
            exclude: ["CommonMarkSpec"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "SyncReports",
            dependencies: ["Essentials"],
            exclude: ["README.md"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SyncReportsTests",
            dependencies: ["SyncReports"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "MongoDriverTests",
            dependencies: [
                "MongoDriver", "CMongoC", "BoardSyncTestSupport", .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SyncCacheTests",
            dependencies: ["SyncCache"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "BoardSyncTests",
            dependencies: [
                "BoardSync", "MongoDriver", "PlaneAPI", "SyncCore", "SyncCache", "SyncReports", "PlaneSimulator",
                "BoardSyncTestSupport", "TestClocks",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "InMemoryLogging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "PlaneSimulator",
            dependencies: [
                "Essentials",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            exclude: ["README.md"],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "plane-sim",
            dependencies: [
                "PlaneSimulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "PlaneSimulatorTests",
            dependencies: [
                "PlaneSimulator", "BoardSyncTestSupport", "TestClocks",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
    ]
)
