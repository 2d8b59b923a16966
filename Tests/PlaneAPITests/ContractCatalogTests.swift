import Foundation
import PlaneAPI
import PlaneSimulator
import Testing

/// Project, states, labels, members, users/me and links against the simulator.
@Suite struct ContractCatalogTests {
    private let project = SimulatorFixture.project

    @Test func projectAndIdentity() async throws {
        try await SimulatorFixture.with { sim in
            let client = SimulatorFixture.client(sim)
            let nexus = try await client.project(id: project)
            #expect(nexus.id == project)
            #expect(nexus.identifier == "NEX")
            let me = try await client.me()
            #expect(me.id == PlaneFixtures.botUserID)
            #expect(me.email == "boardsync-bot@acme.example")
        }
    }

    @Test func writesCarryTheExtraHeadersAndTheKeyHeader() async throws {
        try await SimulatorFixture.with { sim in
            let client = SimulatorFixture.client(sim, writeHeaders: ["X-BoardSync-Lease": "lease-42"])
            let item = try await client.createWorkItem(project: project, SimulatorFixture.newItem())
            _ = try await client.workItem(project: project, id: item.id)
            let log = await sim.requestLog()
            #expect(log.map(\.method) == ["POST", "GET"])
            #expect(log[0].headers["x-boardsync-lease"] == "lease-42")
            #expect(log[0].headers["content-type"] == "application/json")
            #expect(log[1].headers["x-boardsync-lease"] == nil)
            #expect(log.allSatisfy { $0.headers["x-api-key"] != nil })
            #expect(log.allSatisfy { $0.pathAndQuery.contains("/work-items/") })
        }
    }

    @Test func statesListAndCreate() async throws {
        try await SimulatorFixture.with { sim in
            let client = SimulatorFixture.client(sim)
            let states = try await client.states(project: project)
            #expect(states.map(\.name) == ["Backlog", "Todo", "In Progress", "Done", "Cancelled"])
            #expect(states.first?.isDefault == true)
            #expect(states.map(\.group) == [.backlog, .unstarted, .started, .completed, .cancelled])
            let review = try await client.createState(
                project: project, .init(name: "Review", color: "#00aa00", group: .started))
            #expect(review.name == "Review")
            #expect(review.group == .started)
            let again = await planeError {
                try await client.createState(project: project, .init(name: "Review", color: "#000", group: .started))
            }
            #expect(again?.code == .duplicate)
            #expect(again?.objectID == review.id)
        }
    }

    @Test func labelsListAndCreateOrGet() async throws {
        try await SimulatorFixture.with { sim in
            let client = SimulatorFixture.client(sim)
            let labels = try await client.labels(project: project)
            #expect(Set(labels.compactMap(\.name)) == ["bug", "feature", "docs", "infra", "security"])
            let bug = try await client.createOrGetLabel(project: project, .init(name: "bug", color: "#ff0000"))
            #expect(!bug.created)
            #expect(bug.id == PlaneFixtures.labelID(project: 1, index: 1))
            let fresh = try await client.createOrGetLabel(project: project, .init(name: "perf", color: "#123456"))
            #expect(fresh.created)
            #expect(fresh.label?.name == "perf")
            #expect(fresh.label?.color == "#123456")
        }
    }

    @Test func membersForMappingPeopleByEmail() async throws {
        try await SimulatorFixture.with { sim in
            let client = SimulatorFixture.client(sim)
            let members = try await client.projectMembers(project: project)
            let emails = Set(members.compactMap(\.email))
            #expect(emails.isSuperset(of: ["alice@acme.example", "bob@acme.example", "carol@acme.example"]))
            #expect(members.first { $0.email == "alice@acme.example" }?.id == PlaneFixtures.aliceUserID)
            let workspace = try await client.workspaceMembers()
            #expect(workspace.first { $0.email == "dave@acme.example" }?.role == PlaneWorkspaceMember.Role.guest)
            #expect(workspace.first { $0.id == PlaneFixtures.botUserID } != nil)
        }
    }

    @Test func linksCreateAndList() async throws {
        try await SimulatorFixture.with { sim in
            let client = SimulatorFixture.client(sim)
            let item = try await client.createWorkItem(project: project, SimulatorFixture.newItem())
            let link = try await client.createLink(
                project: project, workItem: item.id, .init(url: "https://nexus.example/board/1", title: "Nexus"))
            #expect(link.url == "https://nexus.example/board/1")
            #expect(link.title == "Nexus")
            let links = try await client.links(project: project, workItem: item.id)
            #expect(links.map(\.id) == [link.id])
        }
    }
}
