import Foundation
import Logging
import MongoDriver
import PlaneAPI
import PlaneSimulator
import SyncCore
import Testing

@testable import BoardSync

/// What the crash trials found: a write of ours whose outcome was never recorded (the run killed after
/// its PATCH) is not a person's edit. The next run pushes the board's newer values instead of raising a
/// conflict, and the labels that write left are ours to remove.
@Suite struct UnrecordedWriteTests {
    /// A PATCH as BoardSync's own user that no link records, as a run killed right after it leaves.
    static func unrecordedPatch(_ database: MongoDatabase, planeId: String, _ patch: PlaneWorkItemPatch)
        async throws
    {
        let integration = try await IntegrationLoader(database: database).load(id: "plane-acme")
        let client = PlaneClient(
            configuration: PlaneClientConfiguration(
                baseURL: integration.apiRoot, apiKey: try integration.apiKey(),
                workspaceSlug: integration.workspaceSlug, rateLimit: integration.rateLimit),
            logger: Logger(label: "test"))
        _ = try await client.updateWorkItem(project: SyncWorld.nexus, id: planeId, patch)
    }

    @Test func aKilledRunsPatchFollowedByAnotherBoardEditIsNoConflict() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            _ = try await SyncWorld.run(database, SyncWorld.options())
            let id = SyncWorld.hex("02")
            let planeId = try #require(try await SyncWorld.planeItem(simulator, externalId: id)["id"]?.stringValue)
            // The killed run had pushed title v1 and labels [docs]; the board moved on to v2 and [security].
            var patch = PlaneWorkItemPatch()
            patch.name = "Title pushed by the killed run"
            patch.labels = [PlaneFixtures.labelID(project: 1, index: 3)]
            try await Self.unrecordedPatch(database, planeId: planeId, patch)
            try await SyncWorld.edit(database, id, ["title": "Title the board has now", "labels": ["security"]])

            let report = try await SyncWorld.run(database, SyncWorld.options())
            #expect(report.summary.conflicts == 0, "\(report.summary.problems)")
            let item = try await SyncWorld.planeItem(simulator, externalId: id)
            #expect(item["name"] == "Title the board has now")
            let security = PlaneFixtures.labelID(project: 1, index: 5)
            #expect(item["labels"]?.arrayValue?.compactMap(\.stringValue) == [security])
            #expect(try await SyncWorld.link(database, id)?["state"] == "synced")
        }
    }

    /// A person's edit is still one: the same PATCH made by alice is held as a conflict.
    @Test func aPersonsEditFollowedByABoardEditIsStillAConflict() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            _ = try await SyncWorld.run(database, SyncWorld.options())
            let id = SyncWorld.hex("02")
            let planeId = try #require(try await SyncWorld.planeItem(simulator, externalId: id)["id"]?.stringValue)
            try await simulator.editItemAsPerson(
                planeId, actorEmail: SyncWorld.alice, changes: ["name": "Title a person chose"])
            try await SyncWorld.edit(database, id, ["title": "Title the board has now"])
            let report = try await SyncWorld.run(database, SyncWorld.options())
            #expect(report.summary.conflicts == 1)
            #expect(try await SyncWorld.planeItem(simulator, externalId: id)["name"] == "Title a person chose")
        }
    }
}
