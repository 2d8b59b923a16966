import Foundation
import MongoDriver
import PlaneSimulator
import SyncCore
import Testing

@testable import BoardSync

/// `boardsync status` on the situations `explain` is tested on: never synced, linked, failing,
/// conflicting, out of scope. (The process form, `status --json`, is in ``CLITests``.)
@Suite struct StatusTests {
    static func status(_ database: MongoDatabase) async throws -> IntegrationStatus {
        try await IntegrationStatus.read(
            try await IntegrationLoader(database: database).load(id: "plane-acme"), database: database)
    }

    /// The `status --json` object of one integration, as `StatusCommand` encodes it.
    static func json(_ status: IntegrationStatus) throws -> [String: Any] {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return try #require(try JSONSerialization.jsonObject(with: encoder.encode(status)) as? [String: Any])
    }

    @Test func neverSyncedShowsNoLinksNoRunsAndNoCheckpoint() async throws {
        try await SyncEndToEndTests.withWorld { database, _, _ in
            let status = try await Self.status(database)
            #expect(status.linksByState.isEmpty && status.failing.isEmpty && status.lastRuns.isEmpty)
            #expect(status.pendingConflicts == 0)
            #expect(status.cursor == nil && status.remoteWatermark == nil && status.lastSuccessAt == nil)
            #expect(status.lastFullResyncAt == nil)
            #expect(status.projects == ["nexus": SyncWorld.nexus, "ops": SyncWorld.ops])
            let text = StatusText.render(status)
            #expect(text.contains("links: none"))
            #expect(text.contains("last successful run: never"))
            #expect(text.contains("last full resync: never"))
        }
    }

    /// The fixture items that cannot be mirrored (a 299-code-point title, an unmapped status).
    static let blocked = [SyncWorld.hex("3f"), SyncWorld.hex("40")]

    @Test func linkedItemsAndTheRunsThatMadeThem() async throws {
        try await SyncEndToEndTests.withWorld { database, _, _ in
            _ = try await SyncWorld.run(database, SyncWorld.options())
            let synced = try await Self.status(database)
            // The fixtures' two items that cannot be mirrored keep a `blocked` link saying why.
            #expect(synced.linksByState == ["synced": 62, "blocked": 2])
            #expect(synced.failing.map(\.boardItemId).sorted() == Self.blocked)
            // The fixtures' values Plane cannot take (three items) and the item with no title.
            #expect(synced.pendingConflicts == 4)
            #expect(synced.cursor != nil && synced.remoteWatermark != nil && synced.lastSuccessAt != nil)
            let run = try #require(synced.lastRuns.first)
            #expect(run.mode == "sync" && run.subject == "board.sync.run.completed")
            #expect(run.created == 62 && run.failed == 2 && run.deleted == 0 && run.conflicts == 0)
            #expect(synced.lastFullResyncAt == nil)

            _ = try await SyncWorld.run(database, SyncWorld.options(.full))
            let resynced = try await Self.status(database)
            #expect(resynced.lastRuns.map(\.mode) == ["resync", "sync"])
            let resync = try #require(resynced.lastFullResyncAt)
            #expect(resync == resynced.lastRuns.first?.time)
            let text = StatusText.render(resynced, now: Date())
            #expect(text.contains("links: 2 blocked, 62 synced"))
            #expect(text.contains("sync completed: 62 created, 0 updated, 0 deleted, 0 conflicts, 2 failed"))
            #expect(text.contains("last full resync: \(StatusText.time(resync))"))
            let json = try Self.json(resynced)
            #expect(json["last_full_resync_at"] as? String == StatusText.time(resync))
            #expect((json["last_runs"] as? [[String: Any]])?.first?["created"] as? Int == 0)
        }
    }

    @Test func aFailingItemIsListedWithItsAttemptsAndError() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            _ = try await SyncWorld.run(database, SyncWorld.options())
            let id = SyncWorld.hex("0a")
            try await SyncWorld.edit(database, id, ["title": "An edit Plane refuses once"])
            await simulator.injectFault(
                FaultRule(
                    method: "PATCH", pathPrefix: "/api/v1/workspaces/acme/", action: .status(400), selection: .next(1)))
            _ = try await SyncWorld.run(database, SyncWorld.options())

            let status = try await Self.status(database)
            #expect(status.linksByState == ["synced": 61, "failed": 1, "blocked": 2])
            let failing = try #require(status.failing.first)
            #expect(status.failing.count == 3)
            #expect(failing.boardItemId == id && failing.attempts == 1 && failing.nextAttemptAt != nil)
            #expect(failing.lastError?.contains("400") == true)
            #expect(status.lastRuns.first?.failed == 1 && status.lastRuns.first?.updated == 0)
            let text = StatusText.render(status)
            #expect(text.contains("failing or blocked items:\n    \(id): 1 attempts, next "))
            let json = try Self.json(status)
            let listed = try #require((json["failing"] as? [[String: Any]])?.first)
            #expect(listed["board_item_id"] as? String == id && listed["attempts"] as? Int == 1)
            #expect(listed["next_attempt_at"] is String && listed["last_error"] is String)
        }
    }

    @Test func aConflictCountsAsPendingAndItsLinkAsConflict() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            _ = try await SyncWorld.run(database, SyncWorld.options())
            let planeId = try #require(
                try await SyncWorld.planeItem(simulator, externalId: SyncWorld.hex("04"))["id"]?.stringValue)
            try await simulator.editItemAsPerson(planeId, actorEmail: SyncWorld.alice, changes: ["priority": "urgent"])
            _ = try await SyncWorld.run(database, SyncWorld.options())

            let status = try await Self.status(database)
            #expect(status.linksByState == ["synced": 61, "conflict": 1, "blocked": 2])
            #expect(status.pendingConflicts == 5 && status.failing.map(\.boardItemId).sorted() == Self.blocked)
            #expect(status.lastRuns.first?.conflicts == 1)
            let text = StatusText.render(status)
            #expect(text.contains("pending conflicts: 5 (boardsync conflicts list)"))
            #expect(text.contains("links: 2 blocked, 1 conflict, 61 synced"))
        }
    }

    @Test func outOfScopeItemsAreNotLinkedAndOneLeavingScopeIsDeleted() async throws {
        try await SyncEndToEndTests.withWorld { database, _, _ in
            try await SyncWorld.setIntegration(database, ["scope.exclude_statuses": ["cancelled"]])
            _ = try await SyncWorld.run(database, SyncWorld.options())
            // 8 live items are cancelled: 62 - 8 mirrored.
            #expect(try await Self.status(database).linksByState == ["synced": 54, "blocked": 2])

            try await SyncWorld.edit(database, SyncWorld.hex("01"), ["status": "cancelled"])
            _ = try await SyncWorld.run(database, SyncWorld.options())
            let status = try await Self.status(database)
            #expect(status.linksByState["synced"] == 53)
            #expect(status.lastRuns.first?.deleted == 1)
            #expect((try Self.json(status)["last_runs"] as? [[String: Any]])?.first?["deleted"] as? Int == 1)
            #expect(status.failing.map(\.boardItemId).sorted() == Self.blocked && status.pendingConflicts == 4)
        }
    }

    /// A document changed since the whole board was last decided shows in `status` with what the next run
    /// does about it, until a run has read the whole board under the new document.
    @Test func aDocumentChangedSinceTheLastWholeBoardPassIsShownUntilARunFollowsIt() async throws {
        try await SyncEndToEndTests.withWorld { database, _, _ in
            let leased = LeaseSyncTests.leasedRun(database, token: "t")
            func run(_ mode: SyncEngine.Mode) async throws {
                _ = try await leased.run("plane-acme", mode: mode, wait: false) { _ in SyncWorld.options(mode) }
            }
            try await run(.incremental)
            #expect(try await Self.status(database).configurationChange == nil)

            try await SyncWorld.setIntegration(database, ["mapping.status.in_review": "Todo"])
            let changed = try await Self.status(database)
            #expect(changed.configurationChange?.contains("the next run reads the whole board") == true)
            #expect(StatusText.render(changed).contains("  configuration: the integration document changed"))
            try await run(.incremental)
            #expect(try await Self.status(database).configurationChange == nil)
            let json = try Self.json(try await Self.status(database))
            #expect(json["configuration_change"] == nil && json["served_by"] as? [String] == [])
        }
    }
}
