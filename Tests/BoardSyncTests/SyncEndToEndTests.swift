import BoardSyncTestSupport
import Foundation
import MongoDriver
import PlaneSimulator
import SyncCache
import SyncCore
import Testing

@testable import BoardSync

/// The sync engine against the local MongoDB-compatible server and the Plane simulator over real HTTP.
@Suite struct SyncEndToEndTests {
    static let root = BuiltExecutable.packageRoot()

    /// A database with the fixtures loaded and BoardSync's indexes, a simulator seeded to match, and the
    /// fixture integration pointing at it.
    static func withWorld(
        rateLimit: String = "200/second", _ body: (MongoDatabase, PlaneSimulator, Integration) async throws -> Void
    ) async throws {
        let simulator = try await PlaneSimulator.start(
            PlaneSimulator.Configuration(
                seedFile: root.appendingPathComponent("fixtures/plane-seed.json").path, rateLimit: rateLimit,
                bumpDelay: .milliseconds(40), logger: .silent()))
        do {
            try await TestServer.withDatabase { _, database in
                _ = try await Migration(database: database).run(createBoardItemsIndex: true)
                _ = try await FixtureLoader(
                    directory: root.appendingPathComponent("fixtures"), planeBaseURL: simulator.baseURL.absoluteString
                ).load(into: database, drop: true)
                // Pace at the simulator's limit: at Plane's 60/minute a sync of the fixtures takes minutes.
                try await database.collection(CollectionNames.integrations).updateOne(
                    ["_id": "plane-acme"], ["$set": ["rate_limit": .string(rateLimit)]])
                let integration = try await IntegrationLoader(database: database).load(id: "plane-acme")
                try await body(database, simulator, integration)
            }
            try await simulator.stop()
        } catch {
            try? await simulator.stop()
            throw error
        }
    }

    static func sync(_ database: MongoDatabase, _ mode: SyncEngine.Mode = .incremental) async throws
        -> SyncEngine.Report
    {
        let integration = try await IntegrationLoader(database: database).load(id: "plane-acme")
        return try await SyncEngine(database: database, logger: .silent()).run(
            integration, options: SyncEngine.Options(mode: mode, requestTimeout: .seconds(30)))
    }

    @Test func initialSyncMirrorsEveryLiveInScopeItemOnceWithItsFields() async throws {
        try await Self.withWorld { database, simulator, integration in
            let report = try await Self.sync(database)
            let items = await simulator.storedItems()
            let live = items.filter { $0["deleted_at"]?.isNull ?? true }
            // 66 fixture items: 2 soft-deleted, the 300-character title and the unknown status cannot be mirrored.
            #expect(report.summary.created == 62)
            #expect(live.count == 62)
            #expect(report.summary.failed == 2)
            #expect(report.summary.problems.contains { $0.contains("blocked_on_vendor") })
            #expect(report.summary.problems.contains { $0.contains("255") })
            let externalIds = live.compactMap { $0["external_id"]?.stringValue }
            #expect(Set(externalIds).count == externalIds.count)
            #expect(live.allSatisfy { $0["external_source"]?.stringValue == "nexus/plane-acme" })

            let links = database.collection(CollectionNames.boardLinks)
            #expect(try await links.countDocuments(["state": "synced"]) == 62)

            // One item, field by field.
            let epic = try #require(live.first { $0["name"]?.stringValue == "Epic: board sync to Plane" })
            let child = try #require(live.first { $0["name"]?.stringValue == "Sync: create items in Plane" })
            #expect(child["parent"]?.stringValue == epic["id"]?.stringValue)
            #expect(epic["priority"]?.stringValue == "high")
            let rich = try #require(
                live.first { $0["name"]?.stringValue == "Fix SSO login timeout for slow identity providers" })
            let html = rich["description_html"]?.stringValue ?? ""
            #expect(html.contains("<table>") && html.contains("rel=\"noopener noreferrer\""))
            #expect(html.contains("nexus.acme.example/board/nexus/items/"))
            let hostile = try #require(live.first { $0["name"]?.stringValue == "Markdown with raw HTML" })
            let hostileHTML = hostile["description_html"]?.stringValue ?? ""
            #expect(!hostileHTML.contains("<script") && !hostileHTML.contains("javascript:"))
            let state = integration.checkpoint
            #expect(state.cursor == nil)
            let saved = try await IntegrationLoader(database: database).load(id: "plane-acme").checkpoint
            #expect(saved.cursor != nil && saved.remoteWatermark != nil)
        }
    }

    @Test func aSecondSyncMakesNoWriteAndReadsOnePagePerProject() async throws {
        try await Self.withWorld { database, simulator, _ in
            try await SyncCacheEngineTests.withCachePath { path in
                let cache = try SyncCache(path: path)
                _ = try await SyncWorld.run(database, SyncWorld.options(), cache: cache)
                await simulator.clearRequestLog()
                // Run at once, while Plane's delayed updated_at bump of the last writes may still be pending.
                let report = try await SyncWorld.run(database, SyncWorld.options(), cache: cache)
                let log = await simulator.requestLog()
                let writes = log.filter { $0.method != "GET" }
                #expect(writes.isEmpty, "writes: \(writes.map(\.pathAndQuery))")
                // The only reads allowed: one page of recent work-item changes per project. The key's user,
                // workspace members and each project's details, states, labels and members come from the
                // cache (read at most once per five minutes; without a cache they are 10 more reads).
                let pages = log.filter { $0.pathAndQuery.contains("/work-items/?") }
                #expect(pages.count == 2, "work-item reads: \(pages.map(\.pathAndQuery))")
                #expect(log.count == pages.count, "other reads: \(log.map(\.pathAndQuery))")
                #expect(report.summary.api.metadataReads == 0)
                #expect(report.summary.created == 0 && report.summary.updated == 0)
            }
        }
    }
}
