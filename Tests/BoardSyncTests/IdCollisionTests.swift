import Foundation
import MongoDriver
import PlaneAPI
import PlaneSimulator
import SyncCore
import Testing

@testable import BoardSync

/// One board document stops nothing but itself (issue 12, case 5): a string `_id` equal to another item's
/// ObjectId hex is a per-item problem naming both items; the rest syncs, and every later run too.
@Suite struct IdCollisionTests {
    @Test func aStringIdEqualToAMirroredObjectIdIsAProblemOfItsOwnAndTheRestSyncs() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            _ = try await SyncWorld.run(database, SyncWorld.options())
            let hex = SyncWorld.hex("08")
            let original = try await SyncWorld.planeItem(simulator, externalId: hex)
            var twin = CrashTrialWorld.document(3, id: BSONObjectId())
            twin["_id"] = .string(hex)
            twin["title"] = "A string id that reads like an ObjectId"
            twin["project_id"] = "nexus"  // the twin's project: Plane answers the second POST with 409
            try await database.collection(CollectionNames.boardItems).insertOne(twin)
            try await SyncWorld.edit(database, SyncWorld.hex("09"), ["title": "An edit beside the collision"])
            // Plane's changes lie behind the watermark: the mirrored twin is not among this run's reads.
            let mark = PlaneTimestamp(microsecondsSinceEpoch: Int64((Date().timeIntervalSince1970 + 5) * 1_000_000))
            try await SyncWorld.setIntegration(database, ["sync_state.remote_watermark": .string(mark.description)])

            let report = try await SyncWorld.run(database, SyncWorld.options())
            let named = report.summary.problems.filter { $0.contains(hex) }
            #expect(named.count == 1, "\(report.summary.problems)")
            #expect(named.first?.contains("\"\(hex)\"") == true && named.first?.contains("ObjectId(\(hex))") == true)
            #expect(report.summary.updated == 1 && report.summary.failed == 1, "the rest syncs: \(report.summary)")
            // The next run completes too (the newcomer waits in its backoff, recorded on its link).
            let next = try await SyncWorld.run(database, SyncWorld.options())
            #expect(next.summary.stoppedBecause == nil)
            // The mirrored item keeps its Plane item and link; the newcomer has a blocked link, no Plane item.
            #expect(await SyncWorld.planeItems(simulator, externalId: hex).map { $0["id"] } == [original["id"]])
            let links = database.collection(CollectionNames.boardLinks)
            let mine = try #require(try await SyncWorld.link(database, hex))
            #expect(
                mine["state"] == "synced"
                    && mine["plane_item_id"] == original["id"].map { .string($0.stringValue ?? "") })
            let newcomer = try #require(try await links.findOne(["board_item_id": .string(hex)]))
            #expect(newcomer["state"] == "blocked" && newcomer["plane_item_id"] == .null, "\(newcomer)")
            #expect(newcomer["last_error"]?.stringValue?.contains("ObjectId(\(hex))") == true)
            // The mirrored one still follows the board.
            try await SyncWorld.edit(database, hex, ["title": "Still followed"])
            _ = try await SyncWorld.run(database, SyncWorld.options())
            #expect(try await SyncWorld.planeItem(simulator, externalId: hex)["name"] == "Still followed")
        }
    }
}
