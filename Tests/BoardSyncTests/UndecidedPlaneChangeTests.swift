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

    /// Marks a link as a run that listed a change of its item without deciding it does, and makes it due;
    /// the watermark is moved well past every item, as time passing would, so no listing shows it.
    static func mark(_ database: MongoDatabase, _ hex: String, due: Bool = true) async throws {
        let id = try #require(BSONObjectId(hex: hex))
        guard due else {
            try await database.collection(CollectionNames.boardLinks).updateOne(
                ["board_item_id": .objectId(id)], ["$set": ["undecided_plane_change": .int64(1_700_000_000_000_000)]])
            return
        }
        let past = PlaneTimestamp(microsecondsSinceEpoch: Int64(Date().timeIntervalSince1970 * 1_000_000) + 60_000_000)
        try await SyncWorld.setIntegration(database, ["sync_state.remote_watermark": .string(past.description)])
        try await database.collection(CollectionNames.boardLinks).updateOne(
            ["board_item_id": .objectId(id)],
            [
                "$set": [
                    "undecided_plane_change": .int64(1_700_000_000_000_000),
                    "next_attempt_at": .date(Date(timeIntervalSince1970: 0)),
                ]
            ])
    }

    /// A marked item decided unchanged on its Plane item read by id: the mark has done its work and goes.
    @Test func aMarkGoesOnceTheItemIsDecidedOnAFreshRead() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            _ = try await SyncWorld.run(database, SyncWorld.options())
            let id = SyncWorld.hex("05")
            let planeId = try #require(try await SyncWorld.planeItem(simulator, externalId: id)["id"]?.stringValue)
            try await Self.mark(database, id)
            await simulator.clearRequestLog()
            let report = try await SyncWorld.run(database, SyncWorld.options())
            let log = await simulator.requestLog()
            #expect(log.contains { $0.method == "GET" && $0.pathAndQuery.hasSuffix("/work-items/\(planeId)/") })
            #expect(SyncWorld.writes(log).isEmpty, "\(report.summary)")
            let link = try #require(try await SyncWorld.link(database, id))
            #expect(link["undecided_plane_change"] == nil || link["undecided_plane_change"] == .null)

            // Not due, and listed again (a person's edit undone): decided unchanged on the listing, unmarked.
            try await Self.mark(database, id, due: false)
            try await simulator.editItemAsPerson(planeId, actorEmail: SyncWorld.alice, changes: [:])
            try await SyncWorld.setIntegration(database, ["sync_state.remote_watermark": .null])
            let listed = try await SyncWorld.run(database, SyncWorld.options())
            #expect(listed.plan.actions.contains { $0.boardItemId == .objectId(id) && $0.action == .skip(.unchanged) })
            let unmarked = try #require(try await SyncWorld.link(database, id))
            #expect(unmarked["undecided_plane_change"] == nil || unmarked["undecided_plane_change"] == .null)
        }
    }

    /// In a run on webhook deliveries too, a marked item is decided on Plane's item read by id: a delivery
    /// older than the change its mark stands for would decide it unchanged, the mark would go, and the
    /// person's edit would be lost.
    @Test func aMarkedItemIsReadByIdOverAnOldDelivery() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            _ = try await SyncWorld.run(database, SyncWorld.options())
            let id = SyncWorld.hex("05")
            let plane = try await DeliveryRunTests.planeSide(simulator, id)
            let old = try await DeliveryRunTests.workItem(simulator, plane)
            try await simulator.editItemAsPerson(plane.id, actorEmail: SyncWorld.alice, changes: ["name": "Alice's"])
            try await Self.mark(database, id)
            await simulator.clearRequestLog()

            var options = SyncWorld.options()
            options.delivered = [DeliveredItem(project: plane.project, id: plane.id, workItem: old)]
            let report = try await SyncWorld.run(database, options)
            let log = await simulator.requestLog()
            #expect(log.contains { $0.method == "GET" && $0.pathAndQuery.hasSuffix("/work-items/\(plane.id)/") })
            #expect(SyncWorld.writes(log).isEmpty)
            #expect(SyncHandEditTests.conflicts(report)[.objectId(id)]?.kind == .handEdit, "\(report.summary)")
        }
    }

    /// A marked item whose Plane item Plane will not show (an answer that is no work item) is left out and
    /// counted as failed, its board change kept ahead of the cursor; the rest of the run goes on.
    @Test func aMarkedItemPlaneRefusesIsLeftOutAndTheRunGoesOn() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            _ = try await SyncWorld.run(database, SyncWorld.options())
            let (refused, other) = (SyncWorld.hex("05"), SyncWorld.hex("04"))
            let plane = try await SyncWorld.planeItem(simulator, externalId: refused)
            let planeId = try #require(plane["id"]?.stringValue)
            let project = try #require(plane["project"]?.stringValue)
            try await Self.mark(database, refused)
            await simulator.injectFault(
                FaultRule(
                    method: "GET", pathPrefix: "\(SyncWorld.workItems)\(project)/work-items/\(planeId)/",
                    action: .status(200, body: ["unexpected": true])))
            try await SyncWorld.edit(database, refused, ["title": "Waits for Plane to show its item"])
            try await SyncWorld.edit(database, other, ["title": "Pushed all the same"])
            let report = try await SyncWorld.run(database, SyncWorld.options())
            #expect(try await SyncWorld.planeItem(simulator, externalId: other)["name"] == "Pushed all the same")
            #expect(report.summary.problems.contains { $0.contains(refused) && $0.contains("read by id") })
            #expect(report.plan.actions.allSatisfy { $0.boardItemId != .objectId(refused) })

            // Plane shows it again: the next run decides it and pushes the board's title.
            await simulator.clearFaults()
            _ = try await SyncWorld.run(database, SyncWorld.options())
            #expect(
                try await SyncWorld.planeItem(simulator, externalId: refused)["name"]
                    == "Waits for Plane to show its item")
        }
    }

    /// A change listed and decided in the run whose write then fails (policy `overwrite`: the person's edit
    /// was to be overwritten) is marked too: the retry, after the watermark moved on, reads the item again.
    @Test func aListedChangeWhoseWriteFailsIsMarked() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            try await SyncWorld.setIntegration(database, ["policy.remote_edits": "overwrite"])
            _ = try await SyncWorld.run(database, SyncWorld.options())
            let id = SyncWorld.hex("0a")
            let planeId = try #require(try await SyncWorld.planeItem(simulator, externalId: id)["id"]?.stringValue)
            try await simulator.editItemAsPerson(planeId, actorEmail: SyncWorld.alice, changes: ["priority": "urgent"])
            await simulator.injectFault(
                FaultRule(method: "PATCH", pathPrefix: "/api/v1/workspaces/acme/", action: .status(400)))
            let refused = try await SyncWorld.run(database, SyncWorld.options())
            #expect(refused.summary.failed >= 1)
            let link = try #require(try await SyncWorld.link(database, id))
            #expect(link["state"] == "failed" && link["undecided_plane_change"]?.int64Value != nil)
        }
    }
}
