import Foundation
import PlaneAPI
import PlaneSimulator
import TestClocks
import Testing

/// Work item endpoints against the simulator over HTTP, checking parsed values.
@Suite struct ContractWorkItemTests {
    private let project = SimulatorFixture.project

    @Test func createGetPatchDeleteRoundTrip() async throws {
        try await SimulatorFixture.with { sim in
            let client = SimulatorFixture.client(sim)
            var body = SimulatorFixture.newItem("Implement login", externalID: "task_1")
            body.descriptionHTML = "<p>Hello <a href=\"https://x.test/\">spec</a></p>"
            body.priority = .high
            body.startDate = PlaneDate("2026-05-30")
            body.targetDate = PlaneDate("2026-06-15")
            body.labels = [PlaneFixtures.labelID(project: 1, index: 1)]
            body.assignees = [PlaneFixtures.aliceUserID, PlaneFixtures.daveUserID]
            let created = try await client.createWorkItem(project: project, body)
            #expect(created.name == "Implement login")
            #expect(created.priority == .high)
            #expect(created.startDate?.description == "2026-05-30")
            #expect(created.externalID == "task_1")
            #expect(created.externalSource == SimulatorFixture.source)
            #expect(created.labels?.map(\.id) == [PlaneFixtures.labelID(project: 1, index: 1)])
            #expect(created.assignees?.map(\.id) == [PlaneFixtures.aliceUserID])
            #expect(created.state?.id == PlaneFixtures.stateID(project: 1, index: 1))
            #expect(created.descriptionHTML?.contains("noopener noreferrer") == true)
            #expect(created.createdAt != nil)

            let fetched = try await client.workItem(project: project, id: created.id)
            #expect(fetched.id == created.id)
            #expect(fetched.sequenceID == created.sequenceID)

            let parent = try await client.createWorkItem(project: project, SimulatorFixture.newItem("parent"))
            let patched = try await client.updateWorkItem(
                project: project, id: created.id,
                .init(name: "Implement login (v2)", priority: .urgent, parent: .set(parent.id), startDate: .clear))
            #expect(patched.name == "Implement login (v2)")
            #expect(patched.priority == .urgent)
            #expect(patched.parent?.id == parent.id)
            #expect(patched.startDate == nil)
            #expect(patched.targetDate?.description == "2026-06-15")
            #expect(patched.labels?.count == 1)
            let detached = try await client.updateWorkItem(project: project, id: created.id, .init(parent: .clear))
            #expect(detached.parent == nil)

            try await client.deleteWorkItem(project: project, id: created.id)
            let gone = await planeError { try await client.workItem(project: project, id: created.id) }
            #expect(gone?.code == .notFound)
            #expect(gone?.objectID == created.id)
            #expect(
                try await client.lookUpWorkItem(
                    project: project, externalID: "task_1", externalSource: SimulatorFixture.source) == nil)
        }
    }

    @Test func lookupDuplicateAndConflict() async throws {
        try await SimulatorFixture.with { sim in
            let client = SimulatorFixture.client(sim)
            let first = try await client.createWorkItem(project: project, SimulatorFixture.newItem(externalID: "a"))
            let second = try await client.createWorkItem(project: project, SimulatorFixture.newItem(externalID: "b"))
            let found = try await client.lookUpWorkItem(
                project: project, externalID: "a", externalSource: SimulatorFixture.source)
            #expect(found?.id == first.id)
            let duplicate = await planeError {
                try await client.createWorkItem(project: project, SimulatorFixture.newItem("again", externalID: "a"))
            }
            #expect(duplicate?.code == .duplicate)
            #expect(duplicate?.objectID == first.id)
            let conflict = await planeError {
                try await client.updateWorkItem(project: project, id: second.id, .init(externalID: .set("a")))
            }
            #expect(conflict?.code == .conflict)
            #expect(conflict?.objectID == second.id)
        }
    }

    @Test func lookupOfAPairPlaneHoldsTwiceIsDuplicatedExternalPair() async throws {
        try await SimulatorFixture.with { sim in
            let client = SimulatorFixture.client(sim)
            _ = try await client.createWorkItem(project: project, SimulatorFixture.newItem(externalID: "x"))
            let other = try await client.createWorkItem(project: project, SimulatorFixture.newItem(externalID: "y"))
            try await sim.editItemAsPerson(other.id, actorEmail: "alice@acme.example", changes: ["external_id": "x"])
            let error = await planeError {
                try await client.lookUpWorkItem(
                    project: project, externalID: "x", externalSource: SimulatorFixture.source)
            }
            #expect(error?.code == .duplicatedExternalPair)
            #expect(error?.status == 500)
        }
    }

    @Test func paginationFollowsCursorsAndStopsOnTheLastPage() async throws {
        try await SimulatorFixture.with { sim in
            let client = SimulatorFixture.client(sim)
            for index in 0..<5 {
                _ = try await client.createWorkItem(project: project, SimulatorFixture.newItem("item \(index)"))
            }
            // let Plane's asynchronous updated_at bumps land: an item bumped during a scan ordered by
            // -updated_at jumps to a page already read (the next incremental scan catches it)
            #expect(await eventually { await sim.pendingBumps() == 0 })
            let everything = try await client.workItems(project: project, query: .init(perPage: 1000)).collect()
            await sim.clearRequestLog()
            let query = PlaneListQuery(
                perPage: 2, orderBy: "-updated_at", fields: ["name", "updated_at", "state"], expand: ["state"])
            var names: [String] = []
            for try await item in client.workItems(project: project, query: query).items {
                names.append(item.name ?? "?")
                #expect(item.state?.object?.name != nil)
                #expect(item.priority == nil)
            }
            #expect(names.count == everything.count)
            #expect(Set(names).isSuperset(of: (0..<5).map { "item \($0)" }))
            let pages = await sim.requestLog().filter { $0.method == "GET" }
            #expect(pages.count == (everything.count + 1) / 2)
            #expect(pages.allSatisfy { $0.status == 200 })
        }
    }

    @Test func timestampsWithAnOffsetParseAndRoundTrip() async throws {
        try await SimulatorFixture.with(timezone: "+05:30") { sim in
            let client = SimulatorFixture.client(sim)
            let created = try await client.createWorkItem(project: project, SimulatorFixture.newItem())
            let updated = try #require(created.updatedAt)
            #expect(updated.utcOffsetSeconds == 19_800)
            #expect(updated.description.hasSuffix("+05:30"))
            #expect(PlaneTimestamp(updated.description) == updated)
        }
    }
}
