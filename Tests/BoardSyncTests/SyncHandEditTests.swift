import Foundation
import MongoDriver
import PlaneSimulator
import SyncCore
import Testing

@testable import BoardSync

/// A hand edit in Plane is known before the board is pushed: `hold` keeps it, `overwrite` reports it.
@Suite struct SyncHandEditTests {
    static func conflicts(_ report: SyncEngine.Report) -> [BoardItemID: Conflict] {
        var found: [BoardItemID: Conflict] = [:]
        for action in report.plan.actions {
            if case .conflict(let conflict) = action.action, let id = action.boardItemId { found[id] = conflict }
        }
        return found
    }

    @Test func underHoldAHandEditIsKeptAndTheLinkGoesToConflict() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            _ = try await SyncWorld.run(database, SyncWorld.options())
            let id = SyncWorld.hex("04")
            let planeId = try #require(try await SyncWorld.planeItem(simulator, externalId: id)["id"]?.stringValue)
            try await simulator.editItemAsPerson(planeId, actorEmail: SyncWorld.alice, changes: ["priority": "urgent"])
            await simulator.clearRequestLog()

            let report = try await SyncWorld.run(database, SyncWorld.options())
            #expect(SyncWorld.writes(await simulator.requestLog()).isEmpty)
            let conflict = try #require(Self.conflicts(report)[.objectId(id)])
            #expect(conflict.kind == .handEdit && conflict.fields.map(\.field) == [.priority])
            #expect(report.summary.conflicts == 1)
            #expect(try await SyncWorld.planeItem(simulator, externalId: id)["priority"] == "urgent")
            #expect(try await SyncWorld.link(database, id)?["state"] == "conflict")
        }
    }

    @Test func underHoldABothChangedItemIsNotOverwritten() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            _ = try await SyncWorld.run(database, SyncWorld.options())
            let id = SyncWorld.hex("05")
            let planeId = try #require(try await SyncWorld.planeItem(simulator, externalId: id)["id"]?.stringValue)
            try await simulator.editItemAsPerson(
                planeId, actorEmail: SyncWorld.alice, changes: ["name": "Alice's title"])
            try await SyncWorld.edit(database, id, ["title": "The board's title"])
            await simulator.clearRequestLog()

            let report = try await SyncWorld.run(database, SyncWorld.options())
            #expect(SyncWorld.writes(await simulator.requestLog()).isEmpty)
            let conflict = try #require(Self.conflicts(report)[.objectId(id)])
            #expect(conflict.kind == .bothChanged)
            #expect(try await SyncWorld.planeItem(simulator, externalId: id)["name"] == "Alice's title")
            #expect(try await SyncWorld.link(database, id)?["state"] == "conflict")

            // Held: a later run does not write it either.
            await simulator.clearRequestLog()
            _ = try await SyncWorld.run(database, SyncWorld.options())
            #expect(SyncWorld.writes(await simulator.requestLog()).isEmpty)
        }
    }

    @Test func underOverwriteTheBoardWinsAndTheOverwrittenValuesAreReported() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            try await SyncWorld.setIntegration(database, ["policy.remote_edits": "overwrite"])
            _ = try await SyncWorld.run(database, SyncWorld.options())
            let id = SyncWorld.hex("04")
            let planeId = try #require(try await SyncWorld.planeItem(simulator, externalId: id)["id"]?.stringValue)
            let original = try await SyncWorld.planeItem(simulator, externalId: id)["priority"]
            try await simulator.editItemAsPerson(planeId, actorEmail: SyncWorld.alice, changes: ["priority": "urgent"])
            await simulator.clearRequestLog()

            let report = try await SyncWorld.run(database, SyncWorld.options())
            let writes = SyncWorld.writes(await simulator.requestLog())
            #expect(writes.count == 1 && writes.first?.method == "PATCH")
            #expect(try await SyncWorld.planeItem(simulator, externalId: id)["priority"] == original)
            #expect(report.summary.updated == 1)
            let reported = report.summary.overwritten.first { $0.contains(id) }
            #expect(reported?.contains("urgent") == true, "overwritten: \(report.summary.overwritten)")
            #expect(try await SyncWorld.link(database, id)?["state"] == "synced")

            // When the board changed too, even overwrite holds: both sides changed since the base.
            let other = SyncWorld.hex("06")
            let otherId = try #require(try await SyncWorld.planeItem(simulator, externalId: other)["id"]?.stringValue)
            try await simulator.editItemAsPerson(otherId, actorEmail: SyncWorld.alice, changes: ["name": "Alice's"])
            try await SyncWorld.edit(database, other, ["title": "The board's"])
            await simulator.clearRequestLog()
            let both = try await SyncWorld.run(database, SyncWorld.options())
            #expect(SyncWorld.writes(await simulator.requestLog()).isEmpty)
            #expect(Self.conflicts(both)[.objectId(other)]?.kind == .bothChanged)
            #expect(try await SyncWorld.planeItem(simulator, externalId: other)["name"] == "Alice's")
        }
    }
}
