import BoardSyncTestSupport
import Foundation
import MongoDriver
import PlaneSimulator
import SyncCore
import Testing

@testable import BoardSync

/// Upgrading from renderer 1 (Ink) to renderer 2 (cmark-gfm) changes the desired HTML of every item, and
/// the input fingerprint (which holds the renderer's version) of every link: the first resync compares
/// the new rendering, canonicalised, with the base Plane stored for renderer 1. Equal: the fingerprint is
/// re-stamped without a write. Different: one PATCH, counted by the dry run first.
@Suite struct RendererUpgradeTests {
    /// Plane's stored HTML per external id after a sync with renderer 1 (`fixtures/upgrade/`).
    static func v1Bases() throws -> [String: String] {
        let url = SyncEndToEndTests.root.appendingPathComponent("fixtures/upgrade/v1-description-bases.json")
        return try JSONDecoder().decode([String: String].self, from: Data(contentsOf: url))
    }

    /// Puts each mirrored item back as renderer 1 left it: Plane holds the old HTML (written by our own
    /// user), the link's base and remote fingerprint say so, its input fingerprint is renderer 1's.
    static func rollBackToRenderer1(_ database: MongoDatabase, _ simulator: PlaneSimulator) async throws -> Int {
        let bases = try v1Bases()
        let links = database.collection(CollectionNames.boardLinks)
        var rolledBack = 0
        for document in try await links.find(["state": "synced"]).collect() {
            guard let link = LinkDocument.link(document), let planeId = link.planeItemId, var base = link.base,
                let old = bases[link.boardItemId.externalId]
            else { continue }
            try await simulator.editItemAsPerson(
                planeId, actorEmail: "boardsync-bot@acme.example", changes: ["description_html": .string(old)])
            let stored = try #require(await simulator.storedItem(planeId)?["description_html"]?.stringValue)
            base.descriptionHTML = stored
            try await links.updateOne(
                ["_id": document["_id"]!],
                [
                    "$set": [
                        "base": .document(LinkDocument.base(base)),
                        "remote_fingerprint": .string(Fingerprint.remote(base)),
                        "input_fingerprint": "written-by-renderer-1",
                    ]
                ])
            rolledBack += 1
        }
        return rolledBack
    }

    @Test func theFirstResyncWritesOnlyTheDescriptionsThatLookDifferent() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, integration in
            _ = try await SyncEndToEndTests.sync(database)
            let mirrored = try await Self.rollBackToRenderer1(database, simulator)
            #expect(mirrored == 62)
            // What differs, computed apart from the engine: renderer 2's canonical HTML against the old base.
            let bases = try Self.v1Bases()
            let renderer = DescriptionRenderer(backlinkTemplate: integration.configuration.mapping.backlinkTemplate)
            var differing: Set<String> = []
            for document in try await database.collection(CollectionNames.boardItems).find([:]).collect() {
                guard case .success(let item) = BoardItemConversion.item(from: document),
                    let old = bases[item.id.externalId]
                else { continue }
                let new = renderer.render(markdown: item.description, id: item.id, projectId: item.projectId)
                if PlaneCanonicalizer.canonicalHTML(new) != old { differing.insert(item.id.externalId) }
            }
            #expect(!differing.isEmpty && differing.count < mirrored)

            let dryRun = try await SyncWorld.run(database, SyncWorld.options(.full, dryRun: true))
            #expect(dryRun.summary.updated == differing.count)
            await simulator.clearRequestLog()
            let resync = try await SyncWorld.run(database, SyncWorld.options(.full))
            let patches = SyncWorld.writes(await simulator.requestLog())
            #expect(patches.count == differing.count && patches.allSatisfy { $0.method == "PATCH" })
            // The fixtures' two items that cannot be mirrored are blocked: skipped while their backoff lasts, failed
            // again once it has run out (how long the runs before took decides which); nothing else fails.
            #expect(resync.summary.updated == differing.count && resync.summary.failed <= 2, "\(resync.summary)")
            #expect(
                resync.summary.problems.allSatisfy { $0.contains("cannot be mirrored") }, "\(resync.summary.problems)")
            print("renderer upgrade on the fixtures: \(patches.count) PATCHes for \(mirrored) mirrored items")
            // The rest were re-stamped: the next resync writes nothing.
            let links = database.collection(CollectionNames.boardLinks)
            #expect(try await links.countDocuments(["input_fingerprint": "written-by-renderer-1"]) == 0)
            await simulator.clearRequestLog()
            _ = try await SyncWorld.run(database, SyncWorld.options(.full))
            #expect(SyncWorld.writes(await simulator.requestLog()).isEmpty)
        }
    }
}
