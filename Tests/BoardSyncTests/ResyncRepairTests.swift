import Foundation
import MongoDriver
import PlaneSimulator
import SyncCore
import Testing

@testable import BoardSync

/// `resync` lists both sides whole and repairs what drifted, after showing the plan; a dry run writes nothing.
@Suite struct ResyncRepairTests {
    struct Drift {
        var deleted = SyncWorld.hex("11")
        var edited = SyncWorld.hex("12")
        var archived = SyncWorld.hex("13")
        var orphan = SyncWorld.hex("14")
        var duplicated = SyncWorld.hex("0c")
        var duplicate = ""
        var duplicatedPlaneId = ""
        var orphanPlaneId = ""
        var archivedPlaneId = ""
    }

    /// Deletes, edits and archives items in Plane by hand, leaves an orphan and a duplicated pair.
    static func drift(_ database: MongoDatabase, _ simulator: PlaneSimulator) async throws -> Drift {
        var drift = Drift()
        func planeId(_ hex: String) async throws -> String {
            try #require(try await SyncWorld.planeItem(simulator, externalId: hex)["id"]?.stringValue)
        }
        try await simulator.deleteItemAsPerson(try await planeId(drift.deleted), actorEmail: SyncWorld.alice)
        try await simulator.editItemAsPerson(
            try await planeId(drift.edited), actorEmail: SyncWorld.alice, changes: ["name": "Renamed in Plane"])
        drift.archivedPlaneId = try await planeId(drift.archived)
        try await simulator.archiveItemAsPerson(drift.archivedPlaneId, actorEmail: SyncWorld.alice)
        // The orphan: its board item and link are gone, its Plane item still carries our pair.
        drift.orphanPlaneId = try await planeId(drift.orphan)
        try await hardDelete(database, drift.orphan)
        // The duplicate: another mirrored item made to carry the pair of `duplicated` (newer, so not kept).
        drift.duplicatedPlaneId = try await planeId(drift.duplicated)
        let donor = SyncWorld.hex("0d")
        drift.duplicate = try await planeId(donor)
        try await hardDelete(database, donor)
        try await simulator.editItemAsPerson(
            drift.duplicate, actorEmail: SyncWorld.alice, changes: ["external_id": .string(drift.duplicated)])
        return drift
    }

    static func hardDelete(_ database: MongoDatabase, _ hex: String) async throws {
        let id = BSONValue.objectId(try #require(BSONObjectId(hex: hex)))
        try await database.collection(CollectionNames.boardItems).deleteOne(["_id": id])
        try await database.collection(CollectionNames.boardLinks).deleteOne(["board_item_id": id])
    }

    static func kinds(_ plan: SyncPlan) -> [String: [String]] {
        var found: [String: [String]] = [:]
        for action in plan.actions where action.kind != .skip {
            let detail: String =
                switch action.action {
                case .conflict(let conflict): "conflict:\(conflict.kind.rawValue)"
                case .delete(let reason): "delete:\(reason)"
                default: "\(action.kind)"
                }
            found[action.boardItemId?.externalId ?? "-", default: []].append(detail)
        }
        return found
    }

    @Test func theResyncPlanListsEveryRepairAndADryRunWritesNothing() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            _ = try await SyncWorld.run(database, SyncWorld.options())
            let drift = try await Self.drift(database, simulator)
            let links = database.collection(CollectionNames.boardLinks)
            let linksBefore = try await links.find([:]).reduce(into: [BSONDocument]()) { $0.append($1) }
            let checkpoint = try await IntegrationLoader(database: database).load(id: "plane-acme").checkpoint
            await simulator.clearRequestLog()

            let preview = try await SyncWorld.run(database, SyncWorld.options(.full, dryRun: true))
            #expect(SyncWorld.writes(await simulator.requestLog()).isEmpty, "a dry run writes nothing to Plane")
            let linksAfter = try await links.find([:]).reduce(into: [BSONDocument]()) { $0.append($1) }
            #expect(linksAfter == linksBefore, "nor to board_links")
            #expect(try await IntegrationLoader(database: database).load(id: "plane-acme").checkpoint == checkpoint)
            let planned = Self.kinds(preview.plan)
            #expect(planned[drift.deleted] == ["recreate"])
            #expect(planned[drift.edited] == ["conflict:handEdit"])
            #expect(planned[drift.archived] == ["conflict:archived"])
            #expect(planned[drift.orphan] == ["delete:orphan"])
            #expect(planned[drift.duplicated]?.contains { $0.hasPrefix("delete:duplicate") } == true)
            #expect(planned.count == 5, "only the drift is planned: \(planned)")
        }
    }

    @Test func resyncRepairsWhatDriftedInPlane() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            _ = try await SyncWorld.run(database, SyncWorld.options())
            let drift = try await Self.drift(database, simulator)
            await simulator.clearRequestLog()

            let report = try await SyncWorld.run(database, SyncWorld.options(.full))
            let writes = SyncWorld.writes(await simulator.requestLog())
            #expect(writes.filter { $0.method == "POST" }.count == 1, "only the hand-deleted item is created again")
            #expect(writes.filter { $0.method == "PATCH" }.isEmpty, "nothing held is overwritten")
            let deletes = writes.filter { $0.method == "DELETE" }.map(\.pathAndQuery)
            #expect(deletes.count == 2)
            #expect(
                deletes.contains { $0.contains(drift.orphanPlaneId) }
                    && deletes.contains { $0.contains(drift.duplicate) })
            #expect(report.summary.recreated == 1 && report.summary.deleted == 2 && report.summary.conflicts == 2)

            #expect(await SyncWorld.planeItems(simulator, externalId: drift.deleted).count == 1)
            #expect(try await SyncWorld.planeItem(simulator, externalId: drift.edited)["name"] == "Renamed in Plane")
            let archived = await SyncWorld.planeItems(simulator, externalId: drift.archived)
            #expect(archived.count == 1 && archived.first?["id"]?.stringValue == drift.archivedPlaneId, "not recreated")
            #expect(await SyncWorld.planeItems(simulator, externalId: drift.orphan).isEmpty)
            #expect(await SyncWorld.duplicateExternalIds(simulator).isEmpty)
            let kept = await SyncWorld.planeItems(simulator, externalId: drift.duplicated)
            #expect(kept.map { $0["id"]?.stringValue } == [drift.duplicatedPlaneId], "the oldest is kept")
            #expect(try await SyncWorld.link(database, drift.edited)?["state"] == "conflict")
            #expect(try await SyncWorld.link(database, drift.archived)?["state"] == "conflict")
            #expect(try await SyncWorld.link(database, drift.deleted)?["state"] == "synced")
        }
    }
}
