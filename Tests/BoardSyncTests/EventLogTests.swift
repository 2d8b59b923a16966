import Foundation
import MongoDriver
import PlaneSimulator
import Testing

@testable import BoardSync

/// Every run and every notable action leaves an event in `events`, shaped as it would go to NATS.
@Suite struct EventLogTests {
    @Test func runsAndNotableActionsLeaveEvents() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            _ = try await SyncWorld.run(database, SyncWorld.options())
            let events = database.collection(CollectionNames.events)
            let subjects = try await events.find().collect().compactMap { $0["subject"]?.stringValue }
            #expect(subjects.filter { $0 == "board.sync.run.started" }.count == 1)
            #expect(subjects.filter { $0 == "board.sync.run.completed" }.count == 1)
            let completed = try #require(try await events.findOne(["subject": "board.sync.run.completed"]))
            #expect(
                completed.value(at: "details.created") == .int32(62)
                    || completed.value(at: "details.created") == .int64(62))
            #expect(completed["integration_id"] == "plane-acme" && completed["time"]?.dateValue != nil)

            try await SyncWorld.softDelete(database, SyncWorld.hex("08"))
            let planeId = try #require(
                try await SyncWorld.planeItem(simulator, externalId: SyncWorld.hex("09"))["id"]?.stringValue)
            try await simulator.editItemAsPerson(planeId, actorEmail: SyncWorld.alice, changes: ["priority": "urgent"])
            _ = try await SyncWorld.run(database, SyncWorld.options())
            let deleted = try #require(try await events.findOne(["subject": "board.sync.item.deleted"]))
            #expect(deleted["board_item_id"] == .string(SyncWorld.hex("08")))
            let conflict = try #require(try await events.findOne(["subject": "board.sync.item.conflict"]))
            #expect(conflict["plane_item_id"] == .string(planeId))
            #expect(conflict.value(at: "details.message")?.stringValue?.isEmpty == false)

            // A dry run leaves nothing behind.
            let before = try await events.countDocuments()
            _ = try await SyncWorld.run(database, SyncWorld.options(dryRun: true))
            #expect(try await events.countDocuments() == before)
        }
    }
}
