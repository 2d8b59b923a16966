import BoardSyncTestSupport
import Foundation
import MongoDriver
import PlaneSimulator
import SyncCore
import Testing

@testable import BoardSync

/// One Plane project mapped from two board projects (issue 12, case 1). `check` and every run refuse that
/// mapping as a configuration error; the engine itself must still never read it as "every item is its own
/// duplicate" and delete the items it keeps. The integration is built in memory here, past the loader.
@Suite struct SharedPlaneProjectTests {
    static func doubleMapped(_ database: MongoDatabase) async throws -> Integration {
        var integration = try await IntegrationLoader(database: database).load(id: "plane-acme")
        integration.projects.append(Integration.ProjectLink(boardProjectId: "misc", planeProjectId: SyncWorld.nexus))
        integration.configuration.projects["misc"] = SyncWorld.nexus
        return integration
    }

    @Test func aPlaneProjectListedForTwoBoardProjectsDeletesNothing() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            // Two nexus items move to the board project `misc`, mirrored into the same Plane project.
            for suffix in ["05", "06"] {
                try await SyncWorld.edit(database, SyncWorld.hex(suffix), ["project_id": "misc"])
            }
            let engine = SyncEngine(database: database, logger: .silent())
            let first = try await engine.run(try await Self.doubleMapped(database), options: SyncWorld.options())
            #expect(first.summary.created == 62, "\(first.summary)")
            await simulator.clearRequestLog()

            // Every later run lists the Plane project once per mapping that names it; a few board edits make
            // their Plane items recent changes, read twice.
            for round in 0..<2 {
                for suffix in ["05", "07", "10"] {
                    try await SyncWorld.edit(
                        database, SyncWorld.hex(suffix), ["title": .string("Edited \(round) \(suffix)")])
                }
                let report = try await engine.run(try await Self.doubleMapped(database), options: SyncWorld.options())
                #expect(report.summary.deleted == 0, "\(report.summary.problems)")
                #expect(report.summary.updated == 3, "\(report.summary)")
            }
            let full = try await engine.run(try await Self.doubleMapped(database), options: SyncWorld.options(.full))
            #expect(full.summary.deleted == 0 && full.summary.created == 0, "\(full.summary)")
            #expect(SyncWorld.writes(await simulator.requestLog(), "DELETE").isEmpty)
            #expect(await simulator.storedItems().filter { $0["deleted_at"]?.isNull ?? true }.count == 62)
            #expect(await SyncWorld.duplicateExternalIds(simulator).isEmpty)
            let links = database.collection(CollectionNames.boardLinks)
            #expect(try await links.countDocuments(["state": "synced"]) == 62)
        }
    }
}
