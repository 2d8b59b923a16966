import Foundation
import Logging
import MongoDriver
import PlaneAPI
import PlaneSimulator
import SyncCache
import Testing

@testable import BoardSync

/// Evidence that the cached copy of Plane's metadata is stale, met within its TTL: the parts it points at are
/// read again once, in the run that meets it, and the items are decided with what Plane says (issue 13).
@Suite struct MetadataStalenessTests {
    /// A state added in Plane and mapped at once: the warm cache does not hold it, so the run reads each
    /// project's states once more (no other metadata) and moves the items to it.
    @Test func aStateAddedInPlaneIsReadOnceInTheRunThatMeetsIt() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            try await SyncCacheEngineTests.withCachePath { path in
                let cache = try SyncCache(path: path)
                let start = Date()
                _ = try await SyncWorld.run(database, SyncCacheEngineTests.options(at: start), cache: cache)
                let integration = try await IntegrationLoader(database: database).load(id: "plane-acme")
                let client = PlaneClient(
                    configuration: PlaneClientConfiguration(
                        baseURL: integration.apiRoot, apiKey: try integration.apiKey(),
                        workspaceSlug: integration.workspaceSlug, rateLimit: integration.rateLimit),
                    logger: Logger(label: "test"))
                var added: Set<String> = []
                for project in [SyncWorld.nexus, SyncWorld.ops] {
                    added.insert(
                        try await client.createState(
                            project: project, PlaneStateCreate(name: "Reviewing", color: "#aa00aa", group: .started)
                        ).id)
                }
                try await SyncWorld.setIntegration(database, ["mapping.status.in_review": "Reviewing"])
                await simulator.clearRequestLog()

                let report = try await SyncWorld.run(
                    database, SyncCacheEngineTests.options(at: start + 60), cache: cache)
                let metadata = SyncCacheEngineTests.metadataRequests(await simulator.requestLog())
                    .filter { !$0.contains("/work-items") && !$0.contains("/users/me") }
                let states = metadata.filter { $0.contains("/states/") }
                #expect(!states.isEmpty && states.count <= 2, "one read of states per project at most: \(metadata)")
                #expect(metadata.count == states.count, "no other metadata read: \(metadata)")
                let reviewing = try await BlockedItemTests.ids(database, status: "in_review")
                #expect(!reviewing.isEmpty)
                for id in reviewing {
                    let item = try await SyncWorld.planeItem(simulator, externalId: id)
                    #expect(item["state"]?.stringValue.map(added.contains) == true, "\(id): \(report.summary)")
                }
                #expect(await SyncWorld.duplicateExternalIds(simulator).isEmpty)
            }
        }
    }
}
