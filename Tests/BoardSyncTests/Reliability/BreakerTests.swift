import Foundation
import MongoDriver
import PlaneSimulator
import SyncCore
import Testing

@testable import BoardSync

/// The breakers (issue 7, item 6) stop a run that would otherwise delete. Soft-deleting most of the board
/// is SyncSafetyTests.softDeletingMostOfTheBoardStopsWithoutDeleting; the planner's side of an incomplete
/// read is ReconcilerRemovalTests.incompleteReadNeverDeletesOrRecreates.
@Suite struct BreakerTests {
    enum Mistake: String, CaseIterable, Sendable {
        /// `nexus` mistyped in the integration: every nexus item looks out of scope.
        case wrongProjectMapping = "wrong project mapping"
        /// The board query finds nothing at all (a wrong database, a renamed collection).
        case emptyBoard = "empty board"
    }

    @Test(arguments: Mistake.allCases)
    func theMassDeleteGuardStopsAResyncThatWouldDeleteTheMirror(_ mistake: Mistake) async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            _ = try await SyncWorld.run(database, SyncWorld.options())
            switch mistake {
            case .wrongProjectMapping:
                try await SyncWorld.setIntegration(database, ["projects.0.board_project_id": "nexsu"])
            case .emptyBoard:
                try await database.collection(CollectionNames.boardItems).deleteMany([:])
            }
            await simulator.clearRequestLog()
            // A resync reads the whole board, so it is the run that would delete everything.
            let report = try await SyncWorld.run(database, SyncWorld.options(.full))
            #expect(report.summary.deleted == 0)
            let why = try #require(report.summary.stoppedBecause, "\(mistake): the resync was not stopped")
            #expect(why.contains("max_delete_fraction"), "\(why)")
            #expect(report.plan.blocked != nil)
            #expect(SyncWorld.writes(await simulator.requestLog(), "DELETE").isEmpty)
            #expect(await simulator.storedItems().filter { $0["deleted_at"]?.isNull ?? true }.count == 62)
            let links = database.collection(CollectionNames.boardLinks)
            #expect(try await links.countDocuments(["state": "synced"]) == 62, "no link was dropped")
        }
    }

    /// A Plane listing that fails part-way (the second project's pages answer 500) stops the resync
    /// before it deletes what it would have deleted; with Plane whole again, the deletes go through.
    @Test func aListingThatFailsPartWayStopsAResyncThatWouldDelete() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            _ = try await SyncWorld.run(database, SyncWorld.options())
            let gone = ["05", "06", "07"].map(SyncWorld.hex)
            for id in gone { try await SyncWorld.softDelete(database, id) }
            await simulator.injectFault(
                FaultRule(
                    method: "GET", pathPrefix: "\(SyncWorld.workItems)\(SyncWorld.ops)/work-items/",
                    action: .status(500, body: nil)))
            await simulator.clearRequestLog()
            let failure = await #expect(throws: RunFailure.self) {
                try await SyncWorld.run(database, SyncSafetyTests.quickRetries(.full))
            }
            #expect(failure?.stopped.kind == .outage)
            #expect(failure?.summary.deleted == 0)
            let log = await simulator.requestLog()
            #expect(log.contains { $0.pathAndQuery.contains(SyncWorld.nexus) && $0.status == 200 }, "nexus was read")
            #expect(SyncWorld.writes(log).isEmpty, "nothing written: \(SyncWorld.writes(log).map(\.pathAndQuery))")
            for id in gone { #expect(await SyncWorld.planeItems(simulator, externalId: id).count == 1) }

            await simulator.clearFaults()
            let report = try await SyncWorld.run(database, SyncSafetyTests.quickRetries(.full))
            #expect(report.summary.deleted == gone.count, "\(report.summary)")
            for id in gone { #expect(await SyncWorld.planeItems(simulator, externalId: id).isEmpty) }
        }
    }
}
