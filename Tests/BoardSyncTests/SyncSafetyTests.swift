import Foundation
import MongoDriver
import PlaneAPI
import PlaneSimulator
import SyncCore
import Testing

@testable import BoardSync

/// The brakes: a mass delete stops before deleting; a Plane outage stops the run without blaming items.
@Suite struct SyncSafetyTests {
    /// Retries quick enough for a test; still several attempts before an error counts as an outage.
    static func quickRetries(_ mode: SyncEngine.Mode = .incremental) -> SyncEngine.Options {
        var options = SyncWorld.options(mode)
        options.retry = PlaneRetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(20), maxDelay: .milliseconds(50))
        return options
    }

    @Test func softDeletingMostOfTheBoardStopsWithoutDeleting() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            _ = try await SyncWorld.run(database, SyncWorld.options())
            try await database.collection(CollectionNames.boardItems).updateMany(
                ["project_id": "nexus"], ["$set": ["deleted_at": .date(Date()), "updated_at": .date(Date())]])
            await simulator.clearRequestLog()

            let report = try await SyncWorld.run(database, SyncWorld.options())
            #expect(SyncWorld.writes(await simulator.requestLog(), "DELETE").isEmpty)
            #expect(report.summary.deleted == 0)
            let why = try #require(report.summary.stoppedBecause)
            #expect(why.contains("max_delete_fraction") || why.contains("delete"), "\(why)")
            #expect(report.plan.blocked != nil)
            let links = database.collection(CollectionNames.boardLinks)
            #expect(try await links.countDocuments(["state": "synced"]) == 62, "no link was dropped")
        }
    }

    /// Every run that would delete applies the mass-delete breaker (issue 12, case 9): an incremental sync
    /// sees only the few items Plane changed last, so its plan is made again from the whole board.
    @Test func droppingTheBoardStopsAnIncrementalSyncThatWouldDelete() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            _ = try await SyncWorld.run(database, SyncWorld.options())
            // What an incremental run reads: Plane's changes since the watermark (three items a person edited
            // since; the rest lies behind it) and three items due for a retry (a write that failed before).
            let mark = PlaneTimestamp(microsecondsSinceEpoch: Int64((Date().timeIntervalSince1970 + 5) * 1_000_000))
            try await SyncWorld.setIntegration(database, ["sync_state.remote_watermark": .string(mark.description)])
            for suffix in ["0a", "0b", "0c"] {
                let planeId = try #require(
                    try await SyncWorld.planeItem(simulator, externalId: SyncWorld.hex(suffix))["id"]?.stringValue)
                try await simulator.editItemAsPerson(planeId, actorEmail: SyncWorld.alice, changes: ["priority": "low"])
            }
            for suffix in ["05", "06", "07"] {
                let id = try #require(BSONObjectId(hex: SyncWorld.hex(suffix)))
                try await database.collection(CollectionNames.boardLinks).updateOne(
                    ["board_item_id": .objectId(id)],
                    ["$set": ["next_attempt_at": .date(Date().addingTimeInterval(-60))]])
            }
            _ = try await database.collection(CollectionNames.boardItems).deleteMany([:])
            await simulator.clearRequestLog()

            let report = try await SyncWorld.run(database, SyncWorld.options())
            #expect(report.summary.deleted == 0, "\(report.summary)")
            #expect(report.summary.boardPass == BoardPassReason.deletes.rawValue)
            let why = try #require(report.summary.stoppedBecause)
            #expect(why.contains("max_delete_fraction"), "\(why)")
            #expect(SyncWorld.writes(await simulator.requestLog(), "DELETE").isEmpty)
            #expect(await simulator.storedItems().filter { $0["deleted_at"]?.isNull ?? true }.count == 62)
        }
    }

    @Test func aPlaneOutageStopsTheRunWithoutCountingAttemptsAndALaterRunCompletes() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            _ = try await SyncWorld.run(database, SyncWorld.options())
            let edited = [SyncWorld.hex("15"), SyncWorld.hex("16"), SyncWorld.hex("17"), SyncWorld.hex("18")]
            for id in edited { try await SyncWorld.edit(database, id, ["title": .string("Renamed \(id)")]) }
            // Plane answers reads, then falls over on writes.
            await simulator.injectFault(
                FaultRule(method: "PATCH", pathPrefix: SyncWorld.workItems, action: .status(503, body: nil)))
            let failure = await #expect(throws: RunFailure.self) {
                try await SyncWorld.run(database, Self.quickRetries())
            }
            #expect(failure?.stopped.kind == .outage)
            #expect(failure?.summary.failed == 0 && failure?.summary.updated == 0)
            for id in edited {
                let link = try #require(try await SyncWorld.link(database, id))
                #expect(link["state"] == "synced" && (link["attempts"] ?? .int32(0)) == .int32(0), "\(id): \(link)")
                #expect(link["next_attempt_at"] == nil || link["next_attempt_at"] == .null)
            }

            // Everything down, from the first request.
            await simulator.clearFaults()
            await simulator.injectFault(FaultRule(pathPrefix: "/api/v1/", action: .status(503, body: nil)))
            let down = await #expect(throws: RunFailure.self) {
                try await SyncWorld.run(database, Self.quickRetries())
            }
            #expect(down?.stopped.kind == .outage && down?.summary.stoppedBecause != nil)

            await simulator.clearFaults()
            let report = try await SyncWorld.run(database, Self.quickRetries())
            // No edited item failed (the fixtures' two blocked items may be decided again if their one-minute
            // backoff ended meanwhile on a slow machine; they fail as before).
            #expect(report.summary.updated == edited.count, "\(report.summary)")
            #expect(!report.summary.problems.contains { line in edited.contains { line.contains($0) } })
            for id in edited {
                #expect(try await SyncWorld.planeItem(simulator, externalId: id)["name"] == .string("Renamed \(id)"))
            }
        }
    }
}
