import Foundation
import MongoDriver
import PlaneSimulator
import SyncCore
import Testing

@testable import BoardSync

/// A mapping changed without raising `mapping.version` (issue 12, case 11): the next sync re-pushes exactly
/// the items whose payload it alters, and nothing else.
@Suite struct MappingChangeTests {
    @Test func aStatusMovedToAnotherStateRePushesExactlyTheItemsItAlters() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            _ = try await SyncWorld.run(database, SyncWorld.options())
            let reviewing = try await BlockedItemTests.ids(database, status: "in_review")
            let urgent = Set(try await Self.ids(database, priority: "urgent"))
            await simulator.clearRequestLog()

            try await SyncWorld.setIntegration(
                database, ["mapping.status.in_review": "Todo", "mapping.priority.urgent": "high"])
            let report = try await SyncWorld.run(database, SyncWorld.options())
            let altered = Set(reviewing).union(urgent)
            #expect(report.summary.updated == altered.count, "\(report.summary)")
            let patches = SyncWorld.writes(await simulator.requestLog())
            #expect(patches.count == altered.count && patches.allSatisfy { $0.method == "PATCH" })
            let metadata = try await CrashTrialRunner.metadata(database)
            for id in reviewing {
                let item = try await SyncWorld.planeItem(simulator, externalId: id)
                let project = try #require(item["project"]?.stringValue)
                #expect(item["state"]?.stringValue == metadata[project]?.state(named: "Todo")?.id, "\(id)")
            }
            for id in urgent {
                #expect(try await SyncWorld.planeItem(simulator, externalId: id)["priority"] == "high", "\(id)")
            }

            // The next run has nothing left to do.
            await simulator.clearRequestLog()
            let again = try await SyncWorld.run(database, SyncWorld.options())
            #expect(again.summary.updated == 0)
            #expect(SyncWorld.writes(await simulator.requestLog()).isEmpty)
        }
    }

    static func ids(_ database: MongoDatabase, priority: String) async throws -> [String] {
        var ids: [String] = []
        let filter: BSONDocument = [
            "priority": .string(priority), "deleted_at": .null, "status": ["$ne": "blocked_on_vendor"],
        ]
        for try await document in database.collection(CollectionNames.boardItems).find(filter) {
            guard let id = document["_id"].flatMap(BoardItemConversion.id) else { continue }
            if (document["title"]?.stringValue?.unicodeScalars.count ?? 0) <= 255 { ids.append(id.externalId) }
        }
        return ids
    }
}
