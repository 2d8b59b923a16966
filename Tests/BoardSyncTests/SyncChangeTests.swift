import Foundation
import MongoDriver
import PlaneSimulator
import SyncCore
import Testing

@testable import BoardSync

/// Board changes after an initial sync: only what changed is written, and only the fields that changed.
@Suite struct SyncChangeTests {
    @Test func threeEditedItemsGiveThreePatchesOfOnlyTheirChangedFields() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            _ = try await SyncWorld.run(database, SyncWorld.options())
            let edited = [SyncWorld.hex("02"), SyncWorld.hex("03"), SyncWorld.hex("1b")]
            var before: [String: SimJSON] = [:]
            for id in edited { before[id] = try await SyncWorld.planeItem(simulator, externalId: id) }
            try await SyncWorld.edit(database, edited[0], ["title": "Add rate-limit headers (v2)"])
            try await SyncWorld.edit(database, edited[1], ["priority": "low"])
            try await SyncWorld.edit(database, edited[2], ["status": "done", "labels": ["infra", "docs"]])
            await simulator.clearRequestLog()

            let report = try await SyncWorld.run(database, SyncWorld.options())
            let writes = SyncWorld.writes(await simulator.requestLog())
            #expect(writes.count == 3 && writes.allSatisfy { $0.method == "PATCH" }, "\(writes.map(\.pathAndQuery))")
            #expect(report.summary.updated == 3)
            var fields: [String: Set<PlaneField>] = [:]
            for action in report.plan.actions {
                if case .update(let changes, _) = action.action, let id = action.boardItemId {
                    fields[id.externalId] = Set(changes.map(\.field))
                }
            }
            #expect(fields[edited[0]] == [.name])
            #expect(fields[edited[1]] == [.priority])
            #expect(fields[edited[2]] == [.state, .labels])

            // Plane holds the new values, and every other field as before.
            for id in edited {
                let after = try await SyncWorld.planeItem(simulator, externalId: id)
                let old = try #require(before[id])
                for key in ["description_html", "assignees", "start_date", "target_date", "parent"] {
                    #expect(after[key] == old[key], "\(id) \(key)")
                }
            }
            #expect(
                try await SyncWorld.planeItem(simulator, externalId: edited[0])["name"] == "Add rate-limit headers (v2)"
            )
            #expect(try await SyncWorld.planeItem(simulator, externalId: edited[1])["priority"] == "low")
        }
    }

    @Test func aSoftDeletedItemIsOneDelete() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            _ = try await SyncWorld.run(database, SyncWorld.options())
            let id = SyncWorld.hex("07")
            let planeId = try #require(try await SyncWorld.planeItem(simulator, externalId: id)["id"]?.stringValue)
            try await SyncWorld.softDelete(database, id)
            await simulator.clearRequestLog()

            let report = try await SyncWorld.run(database, SyncWorld.options())
            let writes = SyncWorld.writes(await simulator.requestLog())
            #expect(writes.count == 1)
            #expect(writes.first?.method == "DELETE" && writes.first?.pathAndQuery.contains(planeId) == true)
            #expect(report.summary.deleted == 1)
            #expect(await SyncWorld.planeItems(simulator, externalId: id).isEmpty)
            #expect(try await SyncWorld.link(database, id) == nil)
        }
    }

    @Test func anItemMovedToTheOtherProjectIsDeletedThereAndCreatedHere() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            _ = try await SyncWorld.run(database, SyncWorld.options())
            let id = SyncWorld.hex("08")
            let old = try await SyncWorld.planeItem(simulator, externalId: id)
            let oldId = try #require(old["id"]?.stringValue)
            #expect(old["project"]?.stringValue == SyncWorld.nexus)
            try await SyncWorld.edit(database, id, ["project_id": "ops"])
            await simulator.clearRequestLog()

            _ = try await SyncWorld.run(database, SyncWorld.options())
            let writes = SyncWorld.writes(await simulator.requestLog())
            #expect(writes.count == 2, "\(writes.map { "\($0.method) \($0.pathAndQuery)" })")
            let delete = try #require(writes.first { $0.method == "DELETE" })
            let post = try #require(writes.first { $0.method == "POST" })
            #expect(delete.pathAndQuery.contains("\(SyncWorld.nexus)/work-items/\(oldId)"))
            #expect(post.pathAndQuery.contains("\(SyncWorld.ops)/work-items/"))
            let now = await SyncWorld.planeItems(simulator, externalId: id)
            #expect(now.count == 1 && now.first?["project"]?.stringValue == SyncWorld.ops)
            let link = try #require(try await SyncWorld.link(database, id))
            #expect(link["plane_project_id"] == .string(SyncWorld.ops) && link["state"] == "synced")
        }
    }
}
