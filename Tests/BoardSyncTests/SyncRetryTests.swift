import Foundation
import MongoDriver
import PlaneSimulator
import SyncCore
import Testing

@testable import BoardSync

/// What the review found: no update may be lost to a failed write or to a watermark moved too far.
@Suite struct SyncRetryTests {
    @Test func aMirroredItemWhosePatchFailedIsRetriedWhenDue() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            _ = try await SyncWorld.run(database, SyncWorld.options())
            let id = SyncWorld.hex("0a")
            try await SyncWorld.edit(database, id, ["title": "An edit Plane refuses once"])
            await simulator.injectFault(
                FaultRule(
                    method: "PATCH", pathPrefix: "/api/v1/workspaces/acme/", action: .status(400), selection: .next(1)))
            let refused = try await SyncWorld.run(database, SyncWorld.options())
            #expect(refused.summary.failed == 1)
            #expect(try await SyncWorld.link(database, id)?["state"] == "failed")

            // Not before its next attempt; then, with nothing else changed, it is read again and pushed.
            _ = try await SyncWorld.run(database, SyncWorld.options())
            #expect(
                try await SyncWorld.planeItem(simulator, externalId: id)["name"]?.stringValue
                    != "An edit Plane refuses once")
            var later = SyncWorld.options()
            later.now = { Date().addingTimeInterval(600) }
            let retried = try await SyncWorld.run(database, later)
            #expect(retried.summary.updated == 1)
            #expect(try await SyncWorld.planeItem(simulator, externalId: id)["name"] == "An edit Plane refuses once")
            #expect(try await SyncWorld.link(database, id)?["state"] == "synced")
        }
    }

    @Test func resyncOfOneItemLeavesOtherHandEditsToBeSeen() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            _ = try await SyncWorld.run(database, SyncWorld.options())
            let (one, other) = (SyncWorld.hex("0b"), SyncWorld.hex("0c"))
            let otherPlaneId = try #require(
                try await SyncWorld.planeItem(simulator, externalId: other)["id"]?.stringValue)
            try await simulator.editItemAsPerson(
                otherPlaneId, actorEmail: SyncWorld.alice, changes: ["name": "Renamed in Plane"])
            var only = SyncWorld.options(.full)
            only.onlyItem = BoardItemID.objectId(hex: one)
            _ = try await SyncWorld.run(database, only)

            try await SyncWorld.edit(database, other, ["priority": "urgent"])
            let next = try await SyncWorld.run(database, SyncWorld.options())
            #expect(next.summary.conflicts == 1)
            #expect(try await SyncWorld.planeItem(simulator, externalId: other)["name"] == "Renamed in Plane")
        }
    }
}
