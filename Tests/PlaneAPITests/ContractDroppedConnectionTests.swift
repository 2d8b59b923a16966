import Foundation
import PlaneAPI
import PlaneSimulator
import TestClocks
import Testing

/// Lost answers over real connections: reads and idempotent writes are retried, a POST is never
/// re-sent and is settled by the external-id lookup.
@Suite struct ContractDroppedConnectionTests {
    private let project = SimulatorFixture.project
    private let projectPath = "/api/v1/workspaces/acme/projects/\(PlaneFixtures.nexusProjectID)/work-items/"

    @Test func droppedAndSlowReadsAreRetried() async throws {
        try await SimulatorFixture.with { sim in
            let client = SimulatorFixture.client(sim, timeout: .milliseconds(300))
            await sim.injectFault(
                FaultRule(pathPrefix: "/api/v1/users/me/", action: .dropConnection, selection: .next(1)))
            await sim.injectFault(
                FaultRule(pathPrefix: "/api/v1/users/me/", action: .delay(.seconds(1)), selection: .next(1)))
            let me = try await client.me()
            #expect(me.id == PlaneFixtures.botUserID)
            #expect(await sim.requestLog().map(\.fault).prefix(1) == ["drop"])
            // Two retries: had the 300 ms timeout not cut the 1 s answer short, that answer would have
            // ended it after one (no wall-clock check: it flakes on a loaded machine).
            #expect(client.stats.retries == 2)
            #expect(client.stats.count { $0.status == nil } == 2)
        }
    }

    @Test func postWhoseConnectionDropsAfterTheWriteIsSettledByTheLookup() async throws {
        try await SimulatorFixture.with { sim in
            let client = SimulatorFixture.client(sim)
            await sim.injectFault(
                FaultRule(method: "POST", pathPrefix: projectPath, action: .applyThenDrop, selection: .next(1)))
            let body = SimulatorFixture.newItem("dropped", externalID: "task_drop")
            let error = await planeError { try await client.createWorkItem(project: project, body) }
            #expect(error?.code == .outcomeUnknown)
            #expect(error?.method == "POST")
            let posts = await sim.requestLog().filter { $0.method == "POST" }
            #expect(posts.count == 1)
            #expect(posts.first?.fault == "apply-then-drop")
            let settled = try await client.lookUpWorkItem(
                project: project, externalID: "task_drop", externalSource: SimulatorFixture.source)
            #expect(settled?.name == "dropped")
            #expect(
                await sim.storedItems(projectID: project).filter { $0["external_id"]?.stringValue == "task_drop" }.count
                    == 1)
        }
    }

    @Test func slowPostIsOutcomeUnknownNotResent() async throws {
        try await SimulatorFixture.with { sim in
            let client = SimulatorFixture.client(sim, timeout: .milliseconds(300))
            await sim.injectFault(
                FaultRule(method: "POST", pathPrefix: projectPath, action: .delay(.seconds(1)), selection: .next(1)))
            let error = await planeError {
                try await client.createWorkItem(project: project, SimulatorFixture.newItem(externalID: "slow"))
            }
            #expect(error?.code == .outcomeUnknown)
            // The delayed POST lands after the client gave up on it.
            #expect(
                await eventually {
                    await sim.storedItems(projectID: project).contains { $0["external_id"]?.stringValue == "slow" }
                })
            let found = try await client.lookUpWorkItem(
                project: project, externalID: "slow", externalSource: SimulatorFixture.source)
            #expect(found != nil)
            #expect(await sim.requestLog().filter { $0.method == "POST" }.count == 1)
        }
    }

    @Test func writesOnAReusedConnectionFailFastAndAreNeverResentByLibcurl() async throws {
        try await SimulatorFixture.with { sim in
            // A long timeout, so that waiting for it (≥ 10 s) stands apart from a loaded machine's slowness.
            let client = SimulatorFixture.client(sim, timeout: .seconds(10))
            let item = try await client.createWorkItem(project: project, SimulatorFixture.newItem())
            _ = try await client.workItem(project: project, id: item.id)
            for method in ["POST", "PATCH"] {
                await sim.injectFault(
                    FaultRule(method: method, pathPrefix: projectPath, action: .applyThenDrop, selection: .next(1)))
            }
            await sim.clearRequestLog()
            let start = ContinuousClock.now
            let post = await planeError {
                try await client.createWorkItem(project: project, PlaneWorkItemCreate(name: "no external pair"))
            }
            #expect(post?.code == .outcomeUnknown)
            let patched = try await client.updateWorkItem(project: project, id: item.id, .init(name: "renamed"))
            #expect(patched.name == "renamed")
            #expect(ContinuousClock.now - start < .seconds(5), "a drop must not wait for the timeout")
            let log = await sim.requestLog()
            #expect(log.map(\.method) == ["POST", "PATCH", "PATCH"])
            #expect(log.map(\.status) == [nil, nil, 200])
            let stored = await sim.storedItems(projectID: project).filter {
                $0["name"]?.stringValue == "no external pair"
            }
            #expect(stored.count == 1)
        }
    }
}
