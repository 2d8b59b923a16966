import Foundation
import PlaneSimulator
import Testing

/// `fixtures/plane-seed.json` must match the identities promised in `fixtures/README.md`.
@Suite struct FixturesSeedTests {
    let seed: PlaneSeed

    init() throws { seed = try PlaneSeed.load(path: SimulatorHarness.seedPath) }

    func email(_ id: String) -> String? { seed.users.first { $0.id == id }?.email }

    @Test func workspaceKeyAndProjects() {
        #expect(seed.workspace.slug == PlaneFixtures.workspaceSlug)
        #expect(seed.apiKeys.first { $0.token == PlaneFixtures.botAPIKey }?.user == "boardsync-bot@acme.example")
        #expect(seed.projects.map(\.id) == [PlaneFixtures.nexusProjectID, PlaneFixtures.opsProjectID])
        #expect(seed.projects.map(\.identifier) == ["NEX", "OPS"])
        #expect(seed.projects.map(\.name) == ["Nexus Core", "Nexus Ops"])
    }

    @Test func statesLabelsAndRolesInBothProjects() {
        for (index, project) in seed.projects.enumerated() {
            #expect(project.states.map(\.name) == ["Backlog", "Todo", "In Progress", "Done", "Cancelled", "Triage"])
            #expect(
                project.states.map(\.group) == ["backlog", "unstarted", "started", "completed", "cancelled", "triage"])
            #expect(project.states.filter { $0.default == true }.map(\.name) == ["Backlog"])
            #expect(project.states[0].id == PlaneFixtures.stateID(project: index + 1, index: 1))
            #expect(project.labels.map(\.name) == ["bug", "feature", "docs", "infra", "security"])
            let roles = Dictionary(
                project.members.map { ($0.user, ($0.role, $0.active)) }, uniquingKeysWith: { first, _ in first })
            #expect(roles["boardsync-bot@acme.example"]! == (20, true))
            #expect(roles["alice@acme.example"]! == (15, true))
            #expect(roles["bob@acme.example"]! == (15, true))
            #expect(roles["carol@acme.example"]! == (20, true))
            #expect(roles["dave@acme.example"]! == (5, true))
            #expect(roles["erin@acme.example"]?.1 == false)
            #expect(roles["mallory@elsewhere.example"] == nil)
        }
        #expect(seed.projects[1].members.contains { $0.user == "nora@acme.example" } == false)
    }

    @Test func fixtureIdsPointAtTheRightPeople() {
        #expect(email(PlaneFixtures.botUserID) == "boardsync-bot@acme.example")
        #expect(email(PlaneFixtures.aliceUserID) == "alice@acme.example")
        #expect(email(PlaneFixtures.daveUserID) == "dave@acme.example")
        #expect(email(PlaneFixtures.erinUserID) == "erin@acme.example")
        #expect(email(PlaneFixtures.noraUserID) == "nora@acme.example")
        #expect(seed.users.first { $0.email == "boardsync-bot@acme.example" }?.workspaceRole == 20)
    }
}
