import Foundation
import MongoDriver
import PlaneAPI
import PlaneSimulator
import SyncCore
import Testing

@testable import BoardSync

/// A person's edit of an item that waits in its backoff (a write Plane keeps refusing) is listed but not
/// decided: it is marked on the item's link and the watermark moves on (an item failing for days no longer
/// makes every listing re-read everything changed since), and the item's next decision reads Plane's item
/// by id, so the edit is still held, not overwritten.
@Suite struct UndecidedPlaneChangeTests {
    static func watermarkMicros(_ database: MongoDatabase) async throws -> Int64? {
        let integration = try await IntegrationLoader(database: database).load(id: "plane-acme")
        return integration.checkpoint.remoteWatermark.flatMap(PlaneTimestamp.init)?.microsecondsSinceEpoch
    }

    @Test func aChangeToAnItemInItsBackoffIsMarkedAndTheWatermarkMovesOn() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            _ = try await SyncWorld.run(database, SyncWorld.options())
            let id = SyncWorld.hex("0a")
            let planeId = try #require(try await SyncWorld.planeItem(simulator, externalId: id)["id"]?.stringValue)
            try await SyncWorld.edit(database, id, ["title": "An edit Plane refuses"])
            await simulator.injectFault(
                FaultRule(method: "PATCH", pathPrefix: "/api/v1/workspaces/acme/", action: .status(400)))
            let refused = try await SyncWorld.run(database, SyncWorld.options())
            #expect(refused.summary.failed == 1)

            // In its backoff, a person edits it; the run lists the edit but does not decide the item.
            let edited = try await simulator.editItemAsPerson(
                planeId, actorEmail: SyncWorld.alice, changes: ["name": "Alice's title"])
            let editedAt = try #require(
                edited["updated_at"]?.stringValue.flatMap(PlaneTimestamp.init)?.microsecondsSinceEpoch)
            _ = try await SyncWorld.run(database, SyncWorld.options())
            let link = try #require(try await SyncWorld.link(database, id))
            // Plane's newest `updated_at` of the item as listed (the edit, or the bump just after it).
            let marked = try #require(link["undecided_plane_change"]?.int64Value)
            #expect(marked >= editedAt)
            #expect(try await Self.watermarkMicros(database) ?? 0 >= marked, "the watermark moved past the edit")

            // Time passes and later changes move the watermark well past the edit (beyond the reader's 5-second
            // skew): the listing no longer shows it. Once due, the item is decided on Plane's item read by id: the
            // person's title stays (held as a conflict), the board's is not pushed over it blindly.
            let passed = PlaneTimestamp(microsecondsSinceEpoch: editedAt + 10_000_000)
            try await SyncWorld.setIntegration(database, ["sync_state.remote_watermark": .string(passed.description)])
            await simulator.clearFaults()
            await simulator.clearRequestLog()
            var later = SyncWorld.options()
            later.now = { Date().addingTimeInterval(600) }
            let retried = try await SyncWorld.run(database, later)
            let log = await simulator.requestLog()
            #expect(log.contains { $0.method == "GET" && $0.pathAndQuery.hasSuffix("/work-items/\(planeId)/") })
            #expect(try await SyncWorld.planeItem(simulator, externalId: id)["name"] == "Alice's title")
            #expect(retried.summary.conflicts == 1, "\(retried.summary)")
        }
    }
}
