// swift-tools-version: 6.1
import Foundation
import PackageDescription

// The root package is a path dependency; SwiftPM names it after its directory, which differs between
// clones (a developer's checkout, a worktree, a CI clone). Compute that name here so the product references hold
// in any clone.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let rootIdentity = root.lastPathComponent.lowercased()

let package = Package(
    name: "BoardSyncBenchmarks",
    platforms: [.macOS(.v15)],
    products: [.executable(name: "boardsync-bench", targets: ["boardsync-bench"])],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .executableTarget(
            name: "boardsync-bench",
            dependencies: [
                .product(name: "BoardSync", package: rootIdentity),
                .product(name: "SyncCore", package: rootIdentity),
                .product(name: "MongoDriver", package: rootIdentity),
                .product(name: "PlaneAPI", package: rootIdentity),
                .product(name: "PlaneSimulator", package: rootIdentity),
                .product(name: "SyncCache", package: rootIdentity),
                .product(name: "Essentials", package: rootIdentity),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: [
                .enableUpcomingFeature("ExistentialAny"),
                .enableUpcomingFeature("MemberImportVisibility"),
            ]
        )
    ]
)
