import Foundation
import PlaneSimulator
import Testing

@Suite struct ExternalPairTests {
    static let duplicateMessage = "Issue with the same external id and external source already exists"

    static func lookup(_ id: String, _ source: String) -> String {
        Paths.nexItems + "?external_id=\(id)&external_source=\(source)"
    }

    @Test func duplicateCreateIs409AfterValidation() async throws {
        try await SimulatorHarness.with { _, client in
            let first = try await client.post(
                Paths.nexItems, ["name": "a", "external_id": "e1", "external_source": "nexus"])
            let id = try #require(first.json?["id"]?.stringValue)
            let again = try await client.post(
                Paths.nexItems, ["name": "b", "external_id": "e1", "external_source": "nexus"])
            #expect(again.status == 409)
            #expect(again.json == ["error": .string(Self.duplicateMessage), "id": .string(id)])
            let invalid = try await client.post(Paths.nexItems, ["external_id": "e1", "external_source": "nexus"])
            #expect(invalid.status == 400)
            // Another project may hold the same pair.
            let ops = try await client.post(
                Paths.ops + "work-items/", ["name": "c", "external_id": "e1", "external_source": "nexus"])
            #expect(ops.status == 201)
        }
    }

    @Test func lookupReturnsABareObjectOr404AndOneParameterListsEverything() async throws {
        try await SimulatorHarness.with { _, client in
            let created = try await client.post(
                Paths.nexItems, ["name": "a", "external_id": "e1", "external_source": "nexus"])
            let found = try await client.get(Self.lookup("e1", "nexus"))
            #expect(found.status == 200)
            #expect(found.json?["id"] == created.json?["id"])
            #expect(found.json?["results"] == nil)
            let missing = try await client.get(Self.lookup("nope", "nexus"))
            #expect(missing.status == 404)
            #expect(missing.json == ["error": "The requested resource does not exist."])
            let half = try await client.get(Paths.nexItems + "?external_id=e1")
            #expect(half.json?["total_count"] == 1)
        }
    }

    @Test func deletedPairsCanBeCreatedAgainWithANewID() async throws {
        try await SimulatorHarness.with { _, client in
            let first = try await client.post(
                Paths.nexItems, ["name": "a", "external_id": "e1", "external_source": "nexus"])
            let id = try #require(first.json?["id"]?.stringValue)
            #expect(try await client.delete(Paths.nexItem(id)).status == 204)
            #expect(try await client.get(Self.lookup("e1", "nexus")).status == 404)
            let again = try await client.post(
                Paths.nexItems, ["name": "a", "external_id": "e1", "external_source": "nexus"])
            #expect(again.status == 201)
            #expect(again.json?["id"] != first.json?["id"])
            #expect(again.json?["sequence_id"] == 2)
        }
    }

    @Test func archivedItemsAreHiddenButFoundPatchableAndBlocking() async throws {
        try await SimulatorHarness.with { simulator, client in
            let first = try await client.post(
                Paths.nexItems, ["name": "a", "external_id": "e1", "external_source": "nexus"])
            let id = try #require(first.json?["id"]?.stringValue)
            try await simulator.archiveItemAsPerson(id, actorEmail: "carol@acme.example")
            #expect(try await client.get(Paths.nexItem(id)).status == 404)
            #expect(try await client.get(Paths.nexItems).json?["total_count"] == 0)
            let found = try await client.get(Self.lookup("e1", "nexus"))
            #expect(found.status == 200)
            #expect(found.json?["archived_at"]?.isNull == false)
            #expect(try await client.patch(Paths.nexItem(id), ["name": "renamed"]).status == 200)
            let duplicate = try await client.post(
                Paths.nexItems, ["name": "b", "external_id": "e1", "external_source": "nexus"])
            #expect(duplicate.status == 409)
        }
    }

    @Test func patchOntoATakenPairIs409WithThePatchedID() async throws {
        try await SimulatorHarness.with { _, client in
            _ = try await client.post(Paths.nexItems, ["name": "a", "external_id": "e1", "external_source": "nexus"])
            let second = try await client.post(
                Paths.nexItems, ["name": "b", "external_id": "e2", "external_source": "nexus"])
            let id = try #require(second.json?["id"]?.stringValue)
            let clash = try await client.patch(Paths.nexItem(id), ["external_id": "e1"])
            #expect(clash.status == 409)
            #expect(clash.json == ["error": .string(Self.duplicateMessage), "id": .string(id)])
            #expect(try await client.patch(Paths.nexItem(id), ["external_id": "e2", "name": "same"]).status == 200)
        }
    }

    @Test func concurrentCreatesOfOnePairCanBothSucceedAndThenTheLookupFails() async throws {
        var configuration = SimulatorHarness.configuration()
        configuration.externalPairRaceWindow = .milliseconds(300)
        try await SimulatorHarness.with(configuration) { _, client in
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<4 {
                    group.addTask {
                        try await client.post(
                            Paths.nexItems,
                            ["name": .string("race \(index)"), "external_id": "r", "external_source": "nexus"]
                        ).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 201 }.count >= 2)
            let lookup = try await client.get(Self.lookup("r", "nexus"))
            #expect(lookup.status == 500)
            #expect(lookup.json == ["error": "Something went wrong please try again later"])
        }
    }
}
