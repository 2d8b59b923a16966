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
        .executable(name: "boardsync", targets: ["boardsync"]),
        .library(name: "MongoDriver", targets: ["MongoDriver"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/JohnSundell/Ink", from: "0.6.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CMongoC",
            pkgConfig: "libmongoc-1.0",
            providers: [.apt(["libmongoc-dev", "libbson-dev"])]
        ),
        .target(
            name: "MongoDriver",
            dependencies: [
                "CMongoC",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "BoardSync",
            dependencies: [
                "MongoDriver",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "boardsync",
            dependencies: [
                "BoardSync",
                "MongoDriver",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "mongo-memory-probe",
            dependencies: ["MongoDriver"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "BoardSyncTestSupport",
            dependencies: ["MongoDriver"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "SyncCore",
            dependencies: [.product(name: "Ink", package: "Ink")],
            exclude: ["README.md"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SyncCoreTests",
            dependencies: ["SyncCore"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "MongoDriverTests",
            dependencies: ["MongoDriver", "CMongoC", "BoardSyncTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "BoardSyncTests",
            dependencies: ["BoardSync", "MongoDriver", "BoardSyncTestSupport"],
            swiftSettings: strictSettings
        ),
    ]
)
