import Foundation
import PlaneAPI
import PlaneSimulator
import Testing

/// Every error class against the simulator over HTTP (real answers, injected faults).
@Suite struct ContractErrorTests {
    private let project = SimulatorFixture.project
    private let projectPath = "/api/v1/workspaces/acme/projects/\(PlaneFixtures.nexusProjectID)/work-items/"

    @Test func validationCarriesPlanesMessages() async throws {
        try await SimulatorFixture.with { sim in
            let client = SimulatorFixture.client(sim)
            var body = SimulatorFixture.newItem()
            body.startDate = PlaneDate("2026-07-01")
            body.targetDate = PlaneDate("2026-06-01")
            let dates = await planeError { try await client.createWorkItem(project: project, body) }
            #expect(dates?.code == .validation)
            #expect(dates?.fieldErrors["non_field_errors"] == ["Start date cannot exceed target date"])
            let item = try await client.createWorkItem(project: project, SimulatorFixture.newItem())
            let empty = await planeError {
                try await client.updateWorkItem(project: project, id: item.id, .init(descriptionHTML: ""))
            }
            #expect(empty?.code == .validation)
            #expect(empty?.message == "Invalid HTML passed")
            let priority = await planeError {
                try await client.updateWorkItem(
                    project: project, id: item.id, .init(priority: PlanePriority(rawValue: "critical")))
            }
            #expect(priority?.fieldErrors["priority"] == ["\"critical\" is not a valid choice."])
        }
    }

    @Test func bodyOverTheLimitIsTooLarge() async throws {
        try await SimulatorFixture.with(maxBodyBytes: 16 * 1024) { sim in
            let client = SimulatorFixture.client(sim)
            var body = SimulatorFixture.newItem()
            body.descriptionHTML = "<p>" + String(repeating: "x", count: 32 * 1024) + "</p>"
            let error = await planeError { try await client.createWorkItem(project: project, body) }
            #expect(error?.code == .tooLarge)
            #expect(error?.status == 413)
        }
    }

    @Test func badKeyWrongProjectAndNoAccessAreConfiguration() async throws {
        try await SimulatorFixture.with { sim in
            let stranger = SimulatorFixture.client(sim, key: "plane_api_00000000000000000000000000000000")
            let badKey = await planeError { try await stranger.workItemPage(project: project) }
            #expect(badKey?.code == .configuration)
            #expect(badKey?.message == "Given API token is not valid")
            #expect(badKey?.project == project)
            #expect(badKey?.description.contains("plane_api_0000") == false)

            let client = SimulatorFixture.client(sim)
            let wrong = "00000000-0000-0000-0000-000000000000"
            let wrongProject = await planeError { try await client.workItemPage(project: wrong) }
            #expect(wrongProject?.code == .configuration)
            #expect(wrongProject?.project == wrong)
            #expect(wrongProject?.workspace == "acme")

            let nora = SimulatorFixture.client(sim, key: PlaneFixtures.noraAPIKey)
            let noAccess = await planeError { try await nora.states(project: PlaneFixtures.opsProjectID) }
            #expect(noAccess?.code == .configuration)
            #expect(noAccess?.status == 403)

            let empty = SimulatorFixture.client(sim, key: "")
            let missing = await planeError { try await empty.me() }
            #expect(missing?.code == .configuration)
            #expect(missing?.status == 401)
        }
    }

    @Test func deletingSomeoneElsesItemIsForbiddenForThatItem() async throws {
        try await SimulatorFixture.with { sim in
            let item = try await SimulatorFixture.client(sim).createWorkItem(
                project: project, SimulatorFixture.newItem())
            let nora = SimulatorFixture.client(sim, key: PlaneFixtures.noraAPIKey)
            let error = await planeError { try await nora.deleteWorkItem(project: project, id: item.id) }
            #expect(error?.code == .forbidden)
            #expect(error?.objectID == item.id)
            #expect(error?.message == "Only admin or creator can delete the work item")
        }
    }

    @Test func unknownItemIsNotFound() async throws {
        try await SimulatorFixture.with { sim in
            let id = "99999999-9999-4999-8999-999999999999"
            let error = await planeError { try await SimulatorFixture.client(sim).workItem(project: project, id: id) }
            #expect(error?.code == .notFound)
            #expect(error?.objectID == id)
        }
    }

    @Test func serverErrorsOnReadsAreRetriedAndOnPostsAreOutcomeUnknown() async throws {
        try await SimulatorFixture.with { sim in
            let client = SimulatorFixture.client(sim)
            await sim.injectFault(
                FaultRule(method: "GET", pathPrefix: "/api/v1/users/me/", action: .status(502), selection: .next(2)))
            let me = try await client.me()
            #expect(me.id == PlaneFixtures.botUserID)
            #expect(await sim.requestLog().map(\.status) == [502, 502, 200])
            await sim.clearRequestLog()
            await sim.injectFault(
                FaultRule(method: "POST", pathPrefix: projectPath, action: .status(500), selection: .next(1)))
            let error = await planeError {
                try await client.createWorkItem(project: project, SimulatorFixture.newItem())
            }
            #expect(error?.code == .outcomeUnknown)
            #expect(error?.status == 500)
            #expect(await sim.requestLog().count == 1)
        }
    }

    @Test func bodyWithAWrongFieldTypeIsInvalidResponse() async throws {
        try await SimulatorFixture.with { sim in
            await sim.injectFault(
                FaultRule(method: "GET", pathPrefix: "/api/v1/users/me/", action: .status(200, body: ["id": 5])))
            let error = await planeError { try await SimulatorFixture.client(sim).me() }
            #expect(error?.code == .invalidResponse)
            #expect(error?.fieldPath == "id")
            #expect(error?.endpoint == "/users/me/")
        }
    }
}
