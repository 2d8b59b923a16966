import Foundation
import MongoDriver
import PlaneSimulator
import SyncCore
import Testing

@testable import BoardSync

/// `resync --item` and the re-read before each write of a resync.
@Suite struct ResyncItemTests {
    @Test func aFailedItemWaitsForItsBackoffButResyncItemTakesItNow() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            await simulator.injectFault(
                FaultRule(
                    method: "POST", pathPrefix: "/api/v1/workspaces/acme/", action: .status(400), selection: .next(1)))
            // One clock for both runs: on a loaded machine the first run may outlast the backoff itself.
            let start = Date()
            var options = SyncWorld.options()
            options.now = { start }
            let first = try await SyncWorld.run(database, options)
            #expect(first.summary.created == 61)
            let failed = try #require(
                try await database.collection(CollectionNames.boardLinks).findOne(["state": "failed"]))
            #expect(failed["attempts"]?.int64Value == 1 && failed["next_attempt_at"]?.dateValue != nil)
            let id = try #require(failed["board_item_id"].flatMap(BoardItemConversion.id))

            let waiting = try await SyncWorld.run(database, options)
            #expect(waiting.summary.created == 0)

            var only = SyncWorld.options(.full)
            only.onlyItem = id
            let now = try await SyncWorld.run(database, only)
            #expect(now.summary.created == 1)
            #expect(await SyncWorld.planeItems(simulator, externalId: id.externalId).count == 1)
        }
    }

    @Test func aResyncLeavesAnItemEditedWhileItsPlanWasShownToTheNextSync() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            _ = try await SyncWorld.run(database, SyncWorld.options())
            let (steady, moving) = (SyncWorld.hex("06"), SyncWorld.hex("07"))
            try await SyncWorld.edit(database, steady, ["title": "Steady edit"])
            try await SyncWorld.edit(database, moving, ["title": "First edit"])
            var options = SyncWorld.options(.full)
            options.approve = { _, _ in
                // Someone edits the board while the operator reads the plan.
                try? await SyncWorld.edit(database, moving, ["title": "Second edit"])
                return true
            }
            let resync = try await SyncWorld.run(database, options)
            #expect(resync.summary.updated == 1)
            #expect(resync.summary.problems.contains { $0.contains("changed while the plan was shown") })
            #expect(try await SyncWorld.planeItem(simulator, externalId: steady)["name"] == "Steady edit")
            #expect(try await SyncWorld.planeItem(simulator, externalId: moving)["name"]?.stringValue != "First edit")

            let next = try await SyncWorld.run(database, SyncWorld.options())
            #expect(next.summary.updated == 1)
            #expect(try await SyncWorld.planeItem(simulator, externalId: moving)["name"] == "Second edit")
        }
    }
}
