import Foundation
import MongoDriver
import PlaneAPI
import PlaneSimulator
import SyncCore
import Testing

@testable import BoardSync

/// Losing links and checkpoint, or a POST's answer: never a duplicate, never a lost update.
@Suite struct SyncRecoveryTests {
    @Test(arguments: [true, false])
    func afterLosingEveryLinkTheMirrorIsAdoptedAndAHandEditIsNotOverwritten(resetCheckpoint: Bool) async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            _ = try await SyncWorld.run(database, SyncWorld.options())
            let mirrored = await simulator.storedItems().count
            try await database.collection(CollectionNames.boardLinks).deleteMany(["integration_id": "plane-acme"])
            if resetCheckpoint {
                try await SyncWorld.setIntegration(
                    database, ["sync_state": ["cursor": nil, "remote_watermark": nil, "last_success_at": nil]])
            }
            let boardEdit = SyncWorld.hex("09")
            let handEdit = SyncWorld.hex("0a")
            try await SyncWorld.edit(database, boardEdit, ["title": "Cache project metadata for 5 minutes"])
            let planeId = try #require(
                try await SyncWorld.planeItem(simulator, externalId: handEdit)["id"]?.stringValue)
            try await simulator.editItemAsPerson(planeId, actorEmail: SyncWorld.alice, changes: ["priority": "urgent"])
            await simulator.clearRequestLog()

            let report = try await SyncWorld.run(database, SyncWorld.options())
            let writes = SyncWorld.writes(await simulator.requestLog())
            #expect(await simulator.storedItems().count == mirrored, "no Plane item created")
            #expect(await SyncWorld.duplicateExternalIds(simulator).isEmpty)
            #expect(writes.count == 1 && writes.first?.method == "PATCH", "\(writes.map(\.pathAndQuery))")
            #expect(
                try await SyncWorld.planeItem(simulator, externalId: boardEdit)["name"]
                    == "Cache project metadata for 5 minutes")
            // The hand edit stays and is reported.
            #expect(try await SyncWorld.planeItem(simulator, externalId: handEdit)["priority"] == "urgent")
            #expect(report.summary.conflicts == 1)
            #expect(report.summary.problems.contains { $0.contains(handEdit) }, "\(report.summary.problems)")
            #expect(try await SyncWorld.link(database, handEdit)?["state"] == "conflict")
            let links = database.collection(CollectionNames.boardLinks)
            #expect(try await links.countDocuments(["state": "synced"]) == 61)

            // And the next run is quiet.
            await simulator.clearRequestLog()
            _ = try await SyncWorld.run(database, SyncWorld.options())
            #expect(SyncWorld.writes(await simulator.requestLog()).isEmpty)
        }
    }

    @Test func anItemWhoseLinkAloneWasLostIsAdoptedAndItsBoardEditStillReachesPlane() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            _ = try await SyncWorld.run(database, SyncWorld.options())
            let id = SyncWorld.hex("0e")
            let oid = BSONValue.objectId(try #require(BSONObjectId(hex: id)))
            try await database.collection(CollectionNames.boardLinks).deleteOne(["board_item_id": oid])
            try await SyncWorld.edit(database, id, ["title": "Nightly backup verification, every night"])

            // The POST meets the existing pair (409): adopted, never a second item.
            _ = try await SyncWorld.run(database, SyncWorld.options())
            _ = try await SyncWorld.run(database, SyncWorld.options())
            #expect(await SyncWorld.planeItems(simulator, externalId: id).count == 1)
            #expect(
                try await SyncWorld.planeItem(simulator, externalId: id)["name"]
                    == "Nightly backup verification, every night", "the board edit is not lost")
            #expect(try await SyncWorld.link(database, id)?["state"] == "synced")
        }
    }

    @Test func aPostWhoseAnswerIsLostIsFoundByItsExternalIdAndNeverSentTwice() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            await simulator.injectFault(
                FaultRule(method: "POST", pathPrefix: SyncWorld.workItems, action: .applyThenDrop, selection: .next(1)))
            let first = try await SyncWorld.run(database, SyncWorld.options())
            let second = try await SyncWorld.run(database, SyncWorld.options())
            let log = await simulator.requestLog()
            #expect(log.filter { $0.pathAndQuery.contains("external_id=") }.count == 1, "one lookup settles it")
            let posts = log.filter { entry in entry.method == "POST" && entry.fault == "apply-then-drop" }
            #expect(posts.count == 1, "the fault hit one POST")
            #expect(await SyncWorld.duplicateExternalIds(simulator).isEmpty)
            let live = await simulator.storedItems().filter { $0["deleted_at"]?.isNull ?? true }
            #expect(live.count == 62)
            // Found by the external-id lookup in the same run; the next run has nothing to create.
            #expect(first.summary.created == 62 && first.summary.failed == 2, "\(first.summary)")
            #expect(second.summary.created == 0 && second.summary.adopted == 0)
            let links = database.collection(CollectionNames.boardLinks)
            #expect(try await links.countDocuments(["state": "synced"]) == 62)
        }
    }

    @Test func aCreateWhoseAnswerWasLostAndWhoseBoardItemThenWentLeavesNoPlaneItemBehind() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            _ = try await SyncWorld.run(database, SyncWorld.options())
            let id = SyncWorld.hex("0e")
            let planeId = try #require(try await SyncWorld.planeItem(simulator, externalId: id)["id"]?.stringValue)
            // Move the watermark well past the item (beyond the reader's 5-second skew), as time passing and a
            // later change in Plane would, so that Plane's recent changes no longer list it and only a lookup
            // can find it.
            let updated = try #require(
                (await simulator.storedItem(planeId))?["updated_at"]?.stringValue.flatMap(PlaneTimestamp.init))
            let later = PlaneTimestamp(microsecondsSinceEpoch: updated.microsecondsSinceEpoch + 10_000_000)
            try await SyncWorld.setIntegration(database, ["sync_state.remote_watermark": .string(later.description)])
            // As a crash after the POST landed leaves it: the link still `creating`, without Plane's id.
            let oid = BSONValue.objectId(try #require(BSONObjectId(hex: id)))
            try await database.collection(CollectionNames.boardLinks).updateOne(
                ["board_item_id": oid], ["$set": ["state": "creating", "plane_item_id": nil, "base": nil]])
            try await SyncWorld.softDelete(database, id)

            _ = try await SyncWorld.run(database, SyncWorld.options())
            #expect(await SyncWorld.planeItems(simulator, externalId: id).isEmpty)
            #expect(await simulator.storedItem(planeId)?["deleted_at"]?.isNull == false)
            #expect(try await SyncWorld.link(database, id) == nil)
        }
    }
}
