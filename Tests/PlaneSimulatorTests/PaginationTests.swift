import Foundation
import PlaneSimulator
import TestClocks
import Testing

@Suite struct PaginationTests {
    /// Creates `count` items named `item 0...`, one after another: each create is an HTTP round trip, far
    /// longer than the microsecond the timestamps resolve, so their timestamps differ.
    static func createItems(_ client: TestClient, _ count: Int) async throws -> [String] {
        var ids: [String] = []
        for index in 0..<count {
            let priority = ["low", "urgent", "none", "high", "medium"][index % 5]
            let result = try await client.post(
                Paths.nexItems, ["name": .string("item \(index)"), "priority": .string(priority)])
            ids.append(try #require(result.json?["id"]?.stringValue))
        }
        return ids
    }

    static func names(_ result: HTTPResult) -> [String] {
        result.json?["results"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
    }

    @Test func cursorsWalkPagesAndNextCursorStaysSetOnTheLastPage() async throws {
        try await SimulatorHarness.with { _, client in
            _ = try await Self.createItems(client, 5)
            let first = try await client.get(Paths.nexItems + "?per_page=2")
            #expect(Self.names(first) == ["item 4", "item 3"])
            #expect(first.json?["next_cursor"] == "2:1:0")
            #expect(first.json?["prev_cursor"] == "2:-1:1")
            #expect(first.json?["next_page_results"] == true)
            #expect(first.json?["prev_page_results"] == false)
            #expect(first.json?["total_pages"] == 3)
            #expect(first.json?["total_count"] == 5)
            #expect(first.json?["total_results"] == 5)
            #expect(first.json?["grouped_by"] == .null)
            #expect(first.json?["extra_stats"] == .null)
            let last = try await client.get(Paths.nexItems + "?per_page=2&cursor=2:2:0")
            #expect(Self.names(last) == ["item 0"])
            #expect(last.json?["next_cursor"] == "2:3:0")
            #expect(last.json?["next_page_results"] == false)
            #expect(last.json?["prev_page_results"] == true)
            let past = try await client.get(Paths.nexItems + "?per_page=2&cursor=2:9:0")
            #expect(past.json?["count"] == 0)
            let all = try await client.get(Paths.nexItems)
            #expect(all.json?["next_cursor"] == "1000:1:0")
        }
    }

    @Test(arguments: [
        ("per_page=1001", "Invalid per_page value. Cannot exceed 1000."),
        ("per_page=ten", "Invalid per_page parameter."),
        ("cursor=abc", "Invalid cursor parameter."), ("cursor=2:x:0", "Invalid cursor parameter."),
        ("cursor=2:-1:1", "Error in parsing"),
    ])
    func badParametersAre400(query: String, detail: String) async throws {
        try await SimulatorHarness.with { _, client in
            let result = try await client.get(Paths.nexItems + "?" + query)
            #expect(result.status == 400)
            #expect(result.json == ["detail": .string(detail)])
        }
    }

    @Test func orderByFieldsAndUnknownField() async throws {
        let clock = ManualClock(jumpsOnSleep: false)
        try await SimulatorHarness.with(SimulatorHarness.configuration(clock: clock)) { simulator, client in
            let ids = try await Self.createItems(client, 5)
            // Let the delayed updated_at bumps of the creates land first.
            #expect(await eventually { clock.sleepersWaiting == 5 })
            let written = await simulator.storedItems().map { $0["updated_at"] }
            clock.advance(by: .milliseconds(30))
            #expect(
                await eventually {
                    zip(await simulator.storedItems().map { $0["updated_at"] }, written).allSatisfy { $0 != $1 }
                })
            try await simulator.editItemAsPerson(ids[1], actorEmail: "alice@acme.example", changes: ["name": "item 1b"])
            let updated = try await client.get(Paths.nexItems + "?order_by=-updated_at&per_page=1")
            #expect(Self.names(updated) == ["item 1b"])
            let created = try await client.get(Paths.nexItems + "?order_by=created_at")
            #expect(Self.names(created).first == "item 0")
            let sequence = try await client.get(Paths.nexItems + "?order_by=-sequence_id")
            #expect(Self.names(sequence).first == "item 4")
            let priority = try await client.get(Paths.nexItems + "?order_by=priority")
            #expect(Self.names(priority) == ["item 1b", "item 3", "item 4", "item 0", "item 2"])
            let unknown = try await client.get(Paths.nexItems + "?order_by=bogus")
            #expect(unknown.status == 500)
        }
    }

    @Test func fieldsKeepsOnlyNamedKeysInSerializerOrder() async throws {
        try await SimulatorHarness.with { _, client in
            _ = try await Self.createItems(client, 1)
            let result = try await client.get(Paths.nexItems + "?fields=name,id,state")
            let keys = result.json?["results"]?.arrayValue?.first?.objectValue?.map(\.0)
            #expect(keys == ["id", "name", "state"])
        }
    }

    @Test func expandReplacesIdsWithObjects() async throws {
        try await SimulatorHarness.with { _, client in
            let body: SimJSON = [
                "name": "expanded", "assignees": [.string(PlaneFixtures.aliceUserID)],
                "labels": [.string(PlaneFixtures.labelID(project: 1, index: 2))],
            ]
            let created = try await client.post(Paths.nexItems, body)
            let id = try #require(created.json?["id"]?.stringValue)
            let result = try await client.get(Paths.nexItem(id) + "?expand=state,labels,assignees,created_by")
            #expect(
                result.json?["state"] == [
                    "id": .string(PlaneFixtures.stateID(project: 1, index: 1)),
                    "name": "Backlog", "color": "#60646C", "group": "backlog",
                ])
            #expect(result.json?["labels"]?.arrayValue?.first?["name"] == "feature")
            #expect(result.json?["assignees"]?.arrayValue?.first?["email"] == "alice@acme.example")
            #expect(result.json?["created_by"]?["id"] == .string(PlaneFixtures.botUserID))
            let keys = result.json?.objectValue?.map(\.0) ?? []
            #expect(Array(keys.suffix(2)) == ["labels", "assignees"])
        }
    }

    @Test func triageAndArchivedItemsAreNotListed() async throws {
        try await SimulatorHarness.with { _, client in
            let triage = try await client.post(
                Paths.nexItems, ["name": "intake", "state": .string(PlaneFixtures.stateID(project: 1, index: 6))])
            let id = try #require(triage.json?["id"]?.stringValue)
            #expect(try await client.get(Paths.nexItems).json?["total_count"] == 0)
            #expect(try await client.get(Paths.nexItem(id)).status == 404)
            #expect(try await client.patch(Paths.nexItem(id), ["name": "intake 2"]).status == 200)
        }
    }
}
