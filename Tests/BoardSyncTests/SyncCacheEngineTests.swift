import Foundation
import MongoDriver
import PlaneAPI
import PlaneSimulator
import SyncCache
import SyncCore
import Testing

@testable import BoardSync

/// The SQLite cache in front of MongoDB and Plane: metadata for ten minutes (the default TTL), a copy of the checkpoint,
/// run history; deleting it changes nothing but the number of metadata reads.
@Suite struct SyncCacheEngineTests {
    /// A cache file in a directory of its own, removed afterwards.
    static func withCachePath(_ body: (String) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("boardsync-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        try await body(directory.appendingPathComponent("cache.sqlite").path)
    }

    static func options(at now: Date) -> SyncEngine.Options {
        var options = SyncWorld.options()
        options.now = { now }
        return options
    }

    static func metadataRequests(_ log: [PlaneSimulator.LoggedRequest]) -> [String] {
        log.map(\.pathAndQuery).filter { !$0.contains("/work-items/") }
    }

    @Test func metadataIsReadOncePerTenMinutesAndRunsAreRecorded() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            try await Self.withCachePath { path in
                let cache = try SyncCache(path: path)
                let start = Date()
                let first = try await SyncWorld.run(database, Self.options(at: start), cache: cache)
                #expect(first.summary.api.metadataReads == 10)
                await simulator.clearRequestLog()

                let second = try await SyncWorld.run(database, Self.options(at: start + 540), cache: cache)
                #expect(Self.metadataRequests(await simulator.requestLog()).isEmpty)
                #expect(second.summary.api.metadataReads == 0)
                await simulator.clearRequestLog()

                // Expired, but a run with nothing to write does not need it (SyncCore's ExpiredMetadataRule).
                _ = try await SyncWorld.run(database, Self.options(at: start + 601), cache: cache)
                #expect(Self.metadataRequests(await simulator.requestLog()).isEmpty, "expired, not needed")
                await simulator.clearRequestLog()

                // Expired and needed (an edit to write): read again.
                try await SyncWorld.edit(database, SyncWorld.hex("02"), ["title": "Edited after the TTL"])
                let fourth = try await SyncWorld.run(database, Self.options(at: start + 602), cache: cache)
                #expect(fourth.summary.updated == 1)
                #expect(Self.metadataRequests(await simulator.requestLog()).count == 10, "expired: read again")

                let runs = try await cache.recentRuns(integrationId: "plane-acme")
                // Newest first: the first run had items that cannot be mirrored (exit 3); the second decided
                // them again when their one-minute backoff ended (exit 3); the third found them in backoff.
                #expect(runs.map(\.exitCode) == [0, 0, 3, 3] && runs.allSatisfy { $0.mode == "sync" })
                #expect(runs.last?.summaryJSON.contains("\"created\":62") == true)
                let integration = try await IntegrationLoader(database: database).load(id: "plane-acme")
                let saved = integration.checkpoint
                let scope = LocalCache.scope(integration, database: database.name, key: try integration.apiKey())
                let copy = try #require(try await cache.checkpoint(scope: scope))
                #expect(copy.cursor?.timeIntervalSince1970 == saved.cursor?.timeIntervalSince1970)
                #expect(copy.watermark == saved.remoteWatermark)
            }
        }
    }

    @Test func deletingTheCacheBetweenRunsCausesNoDuplicateAndNoLostUpdate() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            try await Self.withCachePath { path in
                _ = try await SyncWorld.run(database, SyncWorld.options(), cache: try SyncCache(path: path))
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
                let edited = [SyncWorld.hex("19"), SyncWorld.hex("1a")]
                for id in edited { try await SyncWorld.edit(database, id, ["title": .string("After the cache \(id)")]) }
                await simulator.clearRequestLog()

                let report = try await SyncWorld.run(database, SyncWorld.options(), cache: try SyncCache(path: path))
                let writes = SyncWorld.writes(await simulator.requestLog())
                #expect(writes.count == 2 && writes.allSatisfy { $0.method == "PATCH" })
                #expect(report.summary.updated == 2 && report.summary.created == 0)
                #expect(await SyncWorld.duplicateExternalIds(simulator).isEmpty)
                for id in edited {
                    #expect(
                        try await SyncWorld.planeItem(simulator, externalId: id)["name"]
                            == .string("After the cache \(id)"))
                }
            }
        }
    }

    /// The scenario: the cache deleted, one board item edited and another Plane item edited by
    /// hand: exactly one PATCH (the board edit), one hand edit detected, no duplicate.
    @Test func withTheCacheDeletedABoardEditIsOnePatchAndAHandEditIsDetected() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            try await Self.withCachePath { path in
                _ = try await SyncWorld.run(database, SyncWorld.options(), cache: try SyncCache(path: path))
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
                try await SyncWorld.edit(database, SyncWorld.hex("1b"), ["title": "Board edit after the cache went"])
                let handEdited = try #require(
                    try await SyncWorld.planeItem(simulator, externalId: SyncWorld.hex("1c"))["id"]?.stringValue)
                try await simulator.editItemAsPerson(
                    handEdited, actorEmail: SyncWorld.alice, changes: ["priority": "low"])
                await simulator.clearRequestLog()

                let report = try await SyncWorld.run(database, SyncWorld.options(), cache: try SyncCache(path: path))
                let writes = SyncWorld.writes(await simulator.requestLog())
                #expect(writes.count == 1 && writes.first?.method == "PATCH")
                #expect(report.summary.updated == 1 && report.summary.conflicts == 1 && report.summary.created == 0)
                #expect(await SyncWorld.duplicateExternalIds(simulator).isEmpty)
                #expect(try await SyncWorld.planeItem(simulator, externalId: SyncWorld.hex("1c"))["priority"] == "low")
            }
        }
    }
}
