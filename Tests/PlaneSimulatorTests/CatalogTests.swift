import Foundation
import PlaneSimulator
import TestClocks
import Testing

/// Users, members, projects, states, labels and links.
@Suite struct CatalogTests {
    @Test func usersMeAndWorkspaceMembers() async throws {
        try await SimulatorHarness.with { _, client in
            let me = try await client.get("users/me/")
            #expect(me.json?["email"] == "boardsync-bot@acme.example")
            #expect(
                me.json?.objectValue?.map(\.0) == [
                    "id", "first_name", "last_name", "email", "avatar", "avatar_url", "display_name",
                ])
            let members = try await client.get("workspaces/acme/members/")
            let dave = members.json?.arrayValue?.first { $0["email"] == "dave@acme.example" }
            #expect(dave?["role"] == 5)
            #expect(members.headers["allow"] == "GET")
        }
    }

    @Test func projectsListAndDetail() async throws {
        try await SimulatorHarness.with { _, client in
            let list = try await client.get("workspaces/acme/projects/")
            let identifiers = list.json?["results"]?.arrayValue?.compactMap { $0["identifier"]?.stringValue }
            #expect(identifiers == ["NEX", "OPS"])
            var nora = client
            nora.apiKey = PlaneFixtures.noraAPIKey
            let noras = try await nora.get("workspaces/acme/projects/")
            #expect(noras.json?["total_count"] == 1)
            let detail = try await client.get(Paths.nex)
            #expect(detail.json?["name"] == "Nexus Core")
            #expect(detail.json?["member_role"] == 20)
        }
    }

    @Test func statesListHidesTriageAndCreateAnswers200() async throws {
        try await SimulatorHarness.with { _, client in
            let list = try await client.get(Paths.nex + "states/")
            let names = list.json?["results"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
            #expect(names == ["Backlog", "Todo", "In Progress", "Done", "Cancelled"])
            let created = try await client.post(
                Paths.nex + "states/", ["name": "Review", "color": "#123456", "group": "started"])
            #expect(created.status == 200)
            #expect(created.json?["sequence"] == 80000.0)
            let duplicate = try await client.post(Paths.nex + "states/", ["name": "Review", "color": "#000000"])
            #expect(duplicate.status == 409)
            #expect(
                duplicate.json == [
                    "error": "State with the same name already exists in the project", "id": created.json?["id"] ?? nil,
                ])
        }
    }

    @Test func labelsNewestFirstAndDuplicateNamesAre409() async throws {
        try await SimulatorHarness.with { _, client in
            let created = try await client.post(Paths.nex + "labels/", ["name": "backend", "color": "#ff0000"])
            #expect(created.status == 201)
            let list = try await client.get(Paths.nex + "labels/")
            #expect(list.json?["results"]?.arrayValue?.first?["name"] == "backend")
            #expect(list.json?["total_count"] == 6)
            let duplicate = try await client.post(Paths.nex + "labels/", ["name": "bug"])
            #expect(duplicate.status == 409)
            #expect(
                duplicate.json == [
                    "error": "Label with the same name already exists in the project",
                    "id": .string(PlaneFixtures.labelID(project: 1, index: 1)),
                ])
        }
    }

    @Test func linksAreCreatedListedAndBumpTheItem() async throws {
        let clock = ManualClock(jumpsOnSleep: false)
        try await SimulatorHarness.with(SimulatorHarness.configuration(clock: clock)) { simulator, client in
            let item = try await client.post(Paths.nexItems, ["name": "linked"])
            let id = try #require(item.json?["id"]?.stringValue)
            // The create's own bump lands first.
            #expect(await eventually { clock.sleepersWaiting == 1 })
            clock.advance(by: .milliseconds(30))
            #expect(await eventually { await simulator.storedItem(id)?["updated_at"] != item.json?["updated_at"] })
            let before = await simulator.storedItem(id)?["updated_at"]
            let link = try await client.post(
                Paths.nexItem(id) + "links/", ["url": "https://nexus.example/board/1", "title": "Board"])
            #expect(link.status == 201)
            #expect(link.json?["issue"] == .string(id))
            let duplicate = try await client.post(
                Paths.nexItem(id) + "links/", ["url": "https://nexus.example/board/1"])
            #expect(duplicate.status == 400)
            let invalid = try await client.post(Paths.nexItem(id) + "links/", ["url": "not a url"])
            #expect(invalid.json == ["url": ["Enter a valid URL."]])
            let list = try await client.get(Paths.nexItem(id) + "links/")
            #expect(list.json?["count"] == 1)
            #expect(await eventually { clock.sleepersWaiting == 1 })
            clock.advance(by: .milliseconds(30))
            #expect(await eventually { await simulator.storedItem(id)?["updated_at"] != before })
        }
    }
}
