import Foundation
import Logging
import MongoDriver
import PlaneAPI
import PlaneSimulator
import SyncCore
import Testing

@testable import BoardSync

/// Items blocked by configuration keep a record of why (a `blocked` link) and are decided again when the
/// integration document changes, when the board item changes, and on their backoff: a fixed mapping mirrors
/// them on the next `sync`, not only on a `resync`; `status`, `explain` and that `sync` agree (issue 12, case 3).
@Suite struct BlockedItemTests {
    static let vendor = SyncWorld.hex("40")

    static func options(at now: Date) -> SyncEngine.Options {
        var options = SyncWorld.options()
        options.now = { now }
        return options
    }

    static func explain(_ database: MongoDatabase, _ id: String, at now: Date) async throws -> ItemExplanation {
        try await ExplainTests.explain(database, id, now: now)
    }

    static func status(_ database: MongoDatabase) async throws -> IntegrationStatus {
        let integration = try await IntegrationLoader(database: database).load(id: "plane-acme")
        return try await IntegrationStatus.read(integration, database: database)
    }

    /// Live in-scope items of a board project with `status`, as Plane holds them.
    static func mirrored(_ simulator: PlaneSimulator, _ ids: [String]) async -> Int {
        var count = 0
        for id in ids where !(await SyncWorld.planeItems(simulator, externalId: id)).isEmpty { count += 1 }
        return count
    }

    static func ids(_ database: MongoDatabase, status: String) async throws -> [String] {
        var ids: [String] = []
        let filter: BSONDocument = ["status": .string(status), "deleted_at": .null]
        for try await document in database.collection(CollectionNames.boardItems).find(filter) {
            if let id = document["_id"].flatMap(BoardItemConversion.id) { ids.append(id.externalId) }
        }
        return ids
    }

    @Test func aFixedStatusMappingMirrorsTheBlockedItemOnTheNextSync() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            let start = Date()
            let first = try await SyncWorld.run(database, Self.options(at: start))
            #expect(first.summary.failed == 2)
            #expect(await SyncWorld.planeItems(simulator, externalId: Self.vendor).isEmpty)

            // What status and explain say of it: blocked, and why.
            let blocked = try await Self.status(database)
            #expect(blocked.linksByState["blocked"] == 2, "\(blocked.linksByState)")
            let listed = try #require(blocked.failing.first { $0.boardItemId.contains(Self.vendor) })
            #expect(listed.lastError?.contains("blocked_on_vendor") == true)
            let before = try await Self.explain(database, Self.vendor, at: start.addingTimeInterval(5))
            #expect(before.link?.state == "blocked")
            #expect(before.nextSync.first?.message.contains("next attempt after") == true)

            // The operator maps the status, as the message says, without raising mapping.version.
            try await SyncWorld.setIntegration(database, ["mapping.status.blocked_on_vendor": "Todo"])
            let after = try await Self.explain(database, Self.vendor, at: start.addingTimeInterval(10))
            #expect(after.nextSync.map(\.action) == ["create"], "\(after.nextSync)")

            await simulator.clearRequestLog()
            let fixed = try await SyncWorld.run(database, Self.options(at: start.addingTimeInterval(10)))
            #expect(fixed.summary.created == 1 && fixed.summary.updated == 0, "\(fixed.summary)")
            #expect(fixed.summary.boardPass == BoardPassReason.configurationChanged.rawValue)
            #expect(try await SyncWorld.planeItem(simulator, externalId: Self.vendor)["name"] != nil)
            let link = try #require(try await SyncWorld.link(database, Self.vendor))
            #expect(link["state"] == "synced" && link["last_error"] == .null, "\(link)")
            // The mapping change re-pushed nothing else.
            #expect(SyncWorld.writes(await simulator.requestLog()).count == 1)
            let now = try await Self.status(database)
            #expect(!now.failing.contains { $0.boardItemId.contains(Self.vendor) })
        }
    }

    /// A mapping to a state the Plane project lacks: fixed in the mapping (the next run), or by creating the
    /// state in Plane (decided again when the item's backoff ends).
    @Test func aFixedStateNameMirrorsTheItemsItBlocked() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, integration in
            try await CheckTests.mapEveryStatus(database)
            try await SyncWorld.setIntegration(
                database, ["mapping.status.in_review": "Reviewing", "mapping.status.done": "Shipped"])
            let reviewing = try await Self.ids(database, status: "in_review")
            let shipped = try await Self.ids(database, status: "done")
            let start = Date()
            let first = try await SyncWorld.run(database, Self.options(at: start))
            #expect(first.summary.failed == reviewing.count + shipped.count + 1, "\(first.summary)")
            #expect(await Self.mirrored(simulator, reviewing + shipped) == 0)

            // The state's name fixed in the mapping: the next sync.
            try await SyncWorld.setIntegration(database, ["mapping.status.in_review": "In Progress"])
            let renamed = try await SyncWorld.run(database, Self.options(at: start.addingTimeInterval(5)))
            #expect(renamed.summary.created == reviewing.count, "\(renamed.summary)")
            #expect(await Self.mirrored(simulator, reviewing) == reviewing.count)

            // The missing state created in Plane instead: decided again once the backoff ends.
            let client = PlaneClient(
                configuration: PlaneClientConfiguration(
                    baseURL: integration.apiRoot, apiKey: try integration.apiKey(),
                    workspaceSlug: integration.workspaceSlug, rateLimit: integration.rateLimit),
                logger: Logger(label: "test"))
            for project in [SyncWorld.nexus, SyncWorld.ops] {
                _ = try await client.createState(
                    project: project, PlaneStateCreate(name: "Shipped", color: "#00aa00", group: .completed))
            }
            let waiting = try await SyncWorld.run(database, Self.options(at: start.addingTimeInterval(20)))
            #expect(waiting.summary.created == 0, "still in backoff: \(waiting.summary)")
            let due = try await SyncWorld.run(database, Self.options(at: start.addingTimeInterval(600)))
            #expect(due.summary.created == shipped.count, "\(due.summary)")
            #expect(await Self.mirrored(simulator, shipped) == shipped.count)
        }
    }

    @Test func aWidenedScopeMirrorsTheItemsItExcludedBefore() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            try await SyncWorld.setIntegration(database, ["scope.exclude_statuses": ["done", "cancelled"]])
            let done = try await Self.ids(database, status: "done")
            let cancelled = try await Self.ids(database, status: "cancelled")
            _ = try await SyncWorld.run(database, SyncWorld.options())
            #expect(await Self.mirrored(simulator, done + cancelled) == 0)
            let excluded = try await Self.explain(database, done[0], at: Date())
            #expect(excluded.board.outOfScope?.contains("exclude_statuses") == true)

            try await SyncWorld.setIntegration(database, ["scope.exclude_statuses": ["cancelled"]])
            let widened = try await Self.explain(database, done[0], at: Date())
            #expect(widened.nextSync.map(\.action) == ["create"])
            let report = try await SyncWorld.run(database, SyncWorld.options())
            #expect(report.summary.created == done.count, "\(report.summary)")
            #expect(await Self.mirrored(simulator, done) == done.count)
            #expect(await Self.mirrored(simulator, cancelled) == 0)
        }
    }

    /// A board edit that removes the cause is taken at once, inside the item's backoff.
    @Test func aBoardEditThatFixesABlockedItemIsMirroredAtOnce() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            let start = Date()
            _ = try await SyncWorld.run(database, Self.options(at: start))
            let long = SyncWorld.hex("3f")
            #expect(await SyncWorld.planeItems(simulator, externalId: long).isEmpty)
            try await SyncWorld.edit(database, long, ["title": "A title Plane takes"])
            let report = try await SyncWorld.run(database, Self.options(at: start.addingTimeInterval(5)))
            #expect(report.summary.created == 1, "\(report.summary)")
            #expect(try await SyncWorld.planeItem(simulator, externalId: long)["name"] == "A title Plane takes")
        }
    }
}
