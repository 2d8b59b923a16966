import BoardSyncTestSupport
import Foundation
import MongoDriver
import PlaneAPI
import PlaneSimulator
import SyncCache
import SyncCore
import Testing

@testable import BoardSync

/// The cache in the commands around a run (issue 13): `explain` reads Plane's metadata through it and shows
/// the last snapshot a run saw with its age, `unlink` forgets the item's snapshot, `status` shows this
/// machine's run history when MongoDB's events are gone, and a cached checkpoint that is not MongoDB's is
/// never used to skip part of Plane's listing.
@Suite struct CommandCacheTests {
    static func scope(_ database: MongoDatabase) async throws -> (Integration, String) {
        let integration = try await IntegrationLoader(database: database).load(id: "plane-acme")
        return (integration, LocalCache.scope(integration, database: database.name, key: try integration.apiKey()))
    }

    @Test func explainReadsNoMetadataFromAWarmCacheAndSaysHowOldItsSnapshotIs() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            try await SyncCacheEngineTests.withCachePath { path in
                let cache = try SyncCache(path: path)
                let start = Date()
                _ = try await SyncWorld.run(database, SyncCacheEngineTests.options(at: start), cache: cache)
                let (integration, _) = try await Self.scope(database)
                let explainer = ItemExplainer(
                    engine: SyncEngine(database: database, cache: cache, logger: .silent()), integration: integration,
                    options: SyncCacheEngineTests.options(at: start + 120))
                let id = SyncWorld.hex("1b")
                await simulator.clearRequestLog()

                let warm = try await explainer.explain(id)
                let metadata = SyncCacheEngineTests.metadataRequests(await simulator.requestLog())
                #expect(metadata.isEmpty, "explain read metadata although the cache holds it: \(metadata)")
                let seen = try #require(warm.planeLastSeen, "no snapshot of \(id) in the cache")
                #expect(seen.itemId == warm.plane.itemId && seen.ageSeconds == 120 && seen.unchangedSince == true)
                #expect(ExplainText.render(warm).contains("last seen by a run on this machine (cache): 2 min ago"))

                let planeId = try #require(warm.plane.itemId)
                _ = try await simulator.editItemAsPerson(
                    planeId, actorEmail: SyncWorld.alice, changes: ["priority": "low"])
                let edited = try await explainer.explain(id)
                #expect(edited.planeLastSeen?.unchangedSince == false)
                #expect(ExplainText.render(edited).contains("changed in Plane since"))
            }
        }
    }

    @Test func unlinkForgetsTheItemsSnapshot() async throws {
        try await SyncEndToEndTests.withWorld { database, _, _ in
            try await SyncCacheEngineTests.withCachePath { path in
                let cache = try SyncCache(path: path)
                _ = try await SyncWorld.run(database, SyncWorld.options(), cache: cache)
                let (integration, scope) = try await Self.scope(database)
                let id = SyncWorld.hex("1b")
                #expect(try await cache.snapshot(scope: scope, boardItemId: id) != nil)

                let outcome = try await ItemUnlinker(
                    engine: SyncEngine(database: database, cache: cache, logger: .silent())
                )
                .unlink(.objectId(hex: id)!, in: integration, deleteInPlane: false)
                guard case .unlinked = outcome else {
                    Issue.record("\(outcome)")
                    return
                }
                #expect(try await cache.snapshot(scope: scope, boardItemId: id) == nil)
            }
        }
    }

    @Test func statusShowsThisMachinesRunsWhenMongoDBsEventsAreGone() async throws {
        try await SyncEndToEndTests.withWorld { database, _, _ in
            try await SyncCacheEngineTests.withCachePath { path in
                let cache = try SyncCache(path: path)
                let report = try await SyncWorld.run(database, SyncWorld.options(), cache: cache)
                _ = try await database.collection(CollectionNames.events).deleteMany([:])

                let status = try #require(
                    try await StatusReport.read(database: database, only: "plane-acme", cache: cache).integrations.first
                )
                #expect(status.lastRuns.isEmpty)
                let local = try #require(status.localRuns.first)
                #expect(
                    local.mode == "sync" && local.exitCode == Int(report.outcome.exitCode) && local.created == 62,
                    "\(local) after \(report.summary)")
                #expect(StatusText.render(status).contains("last runs on this machine (local cache):"))
            }
        }
    }

    /// A copy of the checkpoint ahead of MongoDB's (a restored backup, another worker's run, a save that
    /// failed after the copy): its listing positions would skip a person's edit, so the run ignores them.
    @Test func aCachedCheckpointAheadOfMongoDBsIsIgnored() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            try await SyncCacheEngineTests.withCachePath { path in
                let cache = try SyncCache(path: path)
                _ = try await SyncWorld.run(database, SyncWorld.options(), cache: cache)
                let (integration, scope) = try await Self.scope(database)
                #expect(try await cache.checkpoint(scope: scope) != nil, "the run kept no copy of its checkpoint")
                let ahead = PlaneTimestamp(microsecondsSinceEpoch: 4_102_444_800_000_000).description  // 2100
                try await cache.saveCheckpoint(
                    CachedCheckpoint(
                        scope: scope, integrationId: integration.id,
                        cursor: (integration.checkpoint.cursor ?? Date()) + 86_400, watermark: ahead,
                        listingPositions: [SyncWorld.nexus: ahead, SyncWorld.ops: ahead],
                        savedAt: Date()))
                let planeId = try #require(
                    try await SyncWorld.planeItem(simulator, externalId: SyncWorld.hex("1c"))["id"]?.stringValue)
                _ = try await simulator.editItemAsPerson(
                    planeId, actorEmail: SyncWorld.alice, changes: ["priority": "low"])

                let report = try await SyncWorld.run(database, SyncWorld.options(), cache: cache)
                #expect(report.summary.conflicts == 1, "the hand edit was skipped: \(report.summary)")
                #expect(try await SyncWorld.planeItem(simulator, externalId: SyncWorld.hex("1c"))["priority"] == "low")
            }
        }
    }

    /// `check` opens the cache as a run does: it says what the file holds and how old, and a file a run
    /// could not use is a warning (moved aside and rebuilt), never a failure: runs go on without it.
    @Test func checkSaysWhatTheCacheHoldsAndWarnsOfAFileARunCannotUse() async throws {
        try await SyncEndToEndTests.withWorld { database, _, _ in
            try await SyncCacheEngineTests.withCachePath { path in
                _ = try await SyncWorld.run(database, SyncWorld.options(), cache: try SyncCache(path: path))
                let warm = try CheckTests.result(try await CheckTests.check(database, cache: path), "cache")
                #expect(warm.outcome == .pass, "\(warm.detail)")
                for part in ["Plane's metadata in 10 part(s)", "62 Plane item snapshot(s)", "1 run(s) of history"] {
                    #expect(warm.detail.contains(part), "\(part): \(warm.detail)")
                }

                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
                try Data(repeating: 0x5A, count: 8192).write(to: URL(fileURLWithPath: path))
                let damaged = try CheckTests.result(try await CheckTests.check(database, cache: path), "cache")
                #expect(damaged.outcome == .warning, "\(damaged.detail)")
                #expect(damaged.detail.contains("moved it aside"), "\(damaged.detail)")
                #expect(damaged.detail.contains("no Plane metadata yet"), "\(damaged.detail)")
            }
        }
    }
}
