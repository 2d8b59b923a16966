import Foundation
import MongoDriver
import PlaneSimulator
import SyncCore
import Testing

@testable import BoardSync

/// `resync --adopt-by-title` on a first rollout: Plane items people made by hand are adopted by their title
/// when it is unique on both sides, held when it is not, and never when they carry another source's pair.
@Suite struct AdoptByTitleTests {
    /// Board items 01…0a: 01-07 unique, 08 and 09 share a title, 0a's Plane copy belongs to Jira.
    static let unique = (1...7).map { SyncWorld.hex(String(format: "%02x", $0)) }
    static let shared = [SyncWorld.hex("08"), SyncWorld.hex("09")]
    static let foreign = SyncWorld.hex("0a")
    /// Among the unique ones, the Plane copy of 01 differs from the board.
    static let differing = SyncWorld.hex("01")

    /// Turns the mirrored items 01…0a into a Plane project filled by hand: no link, no external pair.
    static func handMade(_ database: MongoDatabase, _ simulator: PlaneSimulator) async throws -> [String: String] {
        var planeIds: [String: String] = [:]
        for hex in unique + shared + [foreign] {
            let planeId = try #require(try await SyncWorld.planeItem(simulator, externalId: hex)["id"]?.stringValue)
            planeIds[hex] = planeId
            let id = BSONValue.objectId(try #require(BSONObjectId(hex: hex)))
            try await database.collection(CollectionNames.boardLinks).deleteOne(["board_item_id": id])
            var changes: SimJSON = ["external_id": .null, "external_source": .null]
            if shared.contains(hex) {
                changes = ["external_id": .null, "external_source": .null, "name": "Quarterly review"]
                try await SyncWorld.edit(database, hex, ["title": "  Quarterly review "])
            }
            if hex == foreign { changes = ["external_id": "JIRA-7", "external_source": "jira"] }
            // A person set another priority than the board's (urgent) on the copy they made.
            if hex == differing { changes = ["external_id": .null, "external_source": .null, "priority": "low"] }
            _ = try await simulator.editItemAsPerson(planeId, actorEmail: SyncWorld.alice, changes: changes)
        }
        return planeIds
    }

    static func adopting(dryRun: Bool = false) -> SyncEngine.Options {
        var options = SyncWorld.options(.full, dryRun: dryRun)
        options.adoptByTitle = true
        return options
    }

    @Test func adoptsUniqueTitlesHoldsAmbiguousOnesAndLeavesOtherSourcesAlone() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, integration in
            _ = try await SyncWorld.run(database, SyncWorld.options())
            let planeIds = try await Self.handMade(database, simulator)
            await simulator.clearRequestLog()

            let report = try await SyncWorld.run(database, Self.adopting())
            let adoption = try #require(report.plan.titleAdoption)
            #expect(Set(adoption.matches.map(\.boardItemId.externalId)) == Set(Self.unique))
            #expect(adoption.matches.allSatisfy { planeIds[$0.boardItemId.externalId] == $0.planeItemId })
            #expect(adoption.ambiguities.map(\.title) == ["Quarterly review"])
            #expect(Set(adoption.heldBoardItemIds.map(\.externalId)) == Set(Self.shared))
            let foreignPlaneId = try #require(planeIds[Self.foreign])
            #expect(
                adoption.leftAlone.first { $0.planeItemId == foreignPlaneId }?.reason
                    == .externalPair(source: "jira", id: "JIRA-7"))

            let writes = SyncWorld.writes(await simulator.requestLog())
            let patches = writes.filter { $0.method == "PATCH" }
            #expect(
                patches.count == 7,
                "our pair written on each adopted item, nothing else: \(patches.map(\.pathAndQuery))")
            #expect(writes.filter { $0.method == "POST" }.count == 1, "only the Jira item's board item is created")
            for hex in Self.unique {
                let item = try await SyncWorld.planeItem(simulator, externalId: hex)
                #expect(item["id"]?.stringValue == planeIds[hex])
                #expect(item["external_source"]?.stringValue == integration.externalSource)
                let link = try #require(try await SyncWorld.link(database, hex))
                #expect(link["plane_item_id"]?.stringValue == planeIds[hex])
                #expect(link["state"] == (hex == Self.differing ? "conflict" : "synced"))
            }
            #expect(report.summary.conflicts == 1, "under hold, one report for the adopted item that differs")
            #expect(try await SyncWorld.planeItem(simulator, externalId: Self.differing)["priority"] == "low")
            for hex in Self.shared {
                #expect(try await SyncWorld.link(database, hex)?["state"] == "ambiguous")
                #expect(
                    await SyncWorld.planeItems(simulator, externalId: hex).isEmpty, "held: neither adopted nor created")
            }
            let jira = await simulator.storedItems().first { $0["id"]?.stringValue == foreignPlaneId }
            #expect(jira?["external_id"] == "JIRA-7" && jira?["external_source"] == "jira", "never adopted")
            #expect(await SyncWorld.duplicateExternalIds(simulator).isEmpty)

            let text = PlanText.render(report.plan, integration: integration, linkedItems: 0)
            #expect(text.contains("Adoption by title: 7 Plane items adopted, 1 ambiguous title (2 board items held)"))
            #expect(text.contains("Title \"Quarterly review\" is ambiguous in Plane project"))
            #expect(
                text.contains(
                    "Plane item \(foreignPlaneId) \"\(jira?["name"]?.stringValue ?? "?")\" in project \(SyncWorld.nexus) is left"
                        + " alone: it carries external_source \"jira\" and external_id \"JIRA-7\", another source's"))
            #expect(text.contains("held, not created: adoption by title found its title on several items"))

            // Again: nothing left to adopt, nothing created, the held items stay held; a plain sync neither.
            await simulator.clearRequestLog()
            let again = try await SyncWorld.run(database, Self.adopting())
            #expect(again.plan.titleAdoption?.matches.isEmpty == true)
            _ = try await SyncWorld.run(database, SyncWorld.options())
            let later = SyncWorld.writes(await simulator.requestLog())
            #expect(later.filter { $0.method == "POST" }.isEmpty, "\(later.map(\.pathAndQuery))")
            #expect(later.filter { $0.method == "PATCH" }.isEmpty, "\(later.map(\.pathAndQuery))")
            for hex in Self.shared { #expect(try await SyncWorld.link(database, hex)?["state"] == "ambiguous") }
            #expect(
                try await SyncWorld.planeItem(simulator, externalId: Self.differing)["priority"] == "low",
                "the hand edit is still held, not overwritten")
            #expect(try await SyncWorld.link(database, Self.differing)?["state"] == "conflict")

            // Visible where a person looks: status counts and lists them, explain names the state and what to do.
            let status = try await IntegrationStatus.read(integration, database: database)
            #expect(status.linksByState["ambiguous"] == 2)
            let listed = status.failing.filter { $0.lastError?.contains("Quarterly review") == true }
            #expect(listed.count == 2, "\(status.failing.map(\.boardItemId))")
            let explained = ExplainText.render(try await ExplainTests.explain(database, Self.shared[0]))
            #expect(explained.contains("link: ambiguous"), "\(explained)")
            #expect(explained.contains("held, not created"), "\(explained)")
        }
    }

    /// `policy.adopt_by_title: true` adopts on any run that reads both sides whole, without the flag.
    @Test func theSettingAdoptsOnAResyncWithoutTheFlag() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            _ = try await SyncWorld.run(database, SyncWorld.options())
            let planeIds = try await Self.handMade(database, simulator)
            try await SyncWorld.setIntegration(database, ["policy.adopt_by_title": true])
            let loaded = try await IntegrationLoader(database: database).load(id: "plane-acme")
            #expect(loaded.configuration.policy.adoptByTitle)
            await simulator.clearRequestLog()

            let report = try await SyncWorld.run(database, SyncWorld.options(.full))
            #expect(report.plan.titleAdoption?.matches.count == 7)
            #expect(SyncWorld.writes(await simulator.requestLog(), "POST").count == 1)
            let hex = Self.unique[1]
            #expect(try await SyncWorld.link(database, hex)?["plane_item_id"]?.stringValue == planeIds[hex])
        }
    }

    /// A run killed after writing our pair and before the link: the next run finds the item by its pair.
    @Test func aLostLinkAfterThePairIsAdoptedByExternalIdNotCreatedAgain() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            _ = try await SyncWorld.run(database, SyncWorld.options())
            let planeIds = try await Self.handMade(database, simulator)
            let hex = Self.unique[0]
            let id = BSONValue.objectId(try #require(BSONObjectId(hex: hex)))
            // What the killed run left: our pair on the Plane item, no link.
            _ = try await simulator.editItemAsPerson(
                try #require(planeIds[hex]), actorEmail: SyncWorld.alice,
                changes: ["external_id": .string(hex), "external_source": "nexus/plane-acme"])
            try await database.collection(CollectionNames.boardLinks).deleteOne(["board_item_id": id])
            await simulator.clearRequestLog()

            _ = try await SyncWorld.run(database, SyncWorld.options(.full))
            #expect(try await SyncWorld.link(database, hex)?["plane_item_id"]?.stringValue == planeIds[hex])
            #expect(await SyncWorld.planeItems(simulator, externalId: hex).count == 1)
        }
    }
}
