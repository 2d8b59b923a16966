import Foundation
import PlaneAPI
import Testing

/// Each error class, driven by the real Plane answers in the samples where there is one.
@Suite struct ErrorMappingTests {
    private func client(answering sample: String) throws -> (PlaneClient, ScriptedTransport) {
        let transport = ScriptedTransport([.respond(try PlaneSample.load(sample).response)])
        return (makeClient(transport), transport)
    }

    @Test func missingKeyIsConfiguration() async throws {
        let (client, _) = try client(answering: "auth-missing")
        let error = try #require(await planeError { try await client.workItemPage(project: testProject) })
        #expect(error.code == .configuration)
        #expect(error.status == 401)
        #expect(error.workspace == "acme")
        #expect(error.project == testProject)
        #expect(error.advice != nil)
    }

    @Test func badKeyIsConfigurationSayingToReplaceIt() async throws {
        let (client, _) = try client(answering: "auth-bad-key")
        let error = try #require(await planeError { try await client.workItemPage(project: testProject) })
        #expect(error.code == .configuration)
        #expect(error.message == "Given API token is not valid")
        #expect(error.advice?.contains("Personal Access Token") == true)
        #expect(error.description.contains("workspace acme, project \(testProject)"))
    }

    @Test func wrongProjectIsConfigurationNamingIt() async throws {
        let (client, _) = try client(answering: "wrong-project")
        let project = "00000000-0000-0000-0000-000000000000"
        let error = try #require(await planeError { try await client.workItemPage(project: project) })
        #expect(error.code == .configuration)
        #expect(error.status == 403)
        #expect(error.project == project)
        #expect(error.advice?.contains("Member") == true)
    }

    @Test func deleteRefusedForOneItemIsForbidden() async throws {
        let client = makeClient(
            ScriptedTransport([
                .respond(.json(403, #"{"error": "Only admin or creator can delete the work item"}"#)),
                .respond(.json(403, #"{"detail": "You do not have permission to perform this action."}"#)),
            ]))
        let error = await planeError { try await client.deleteWorkItem(project: testProject, id: testItem) }
        #expect(error?.code == .forbidden)
        #expect(error?.objectID == testItem)
        #expect(error?.message == "Only admin or creator can delete the work item")
        let guest = await planeError { try await client.deleteWorkItem(project: testProject, id: testItem) }
        #expect(guest?.code == .configuration)
    }

    @Test func notFoundNamesTheItem() async throws {
        let (client, _) = try client(answering: "work-item-get-deleted")
        let error = await planeError { try await client.workItem(project: testProject, id: testItem) }
        #expect(error?.code == .notFound)
        #expect(error?.objectID == testItem)
        #expect(error?.message == "The requested resource does not exist.")
    }

    @Test func duplicateOnPostCarriesTheExistingID() async throws {
        let (client, _) = try client(answering: "work-item-create-duplicate-external")
        let error = await planeError {
            try await client.createWorkItem(
                project: testProject, .init(name: "again", externalSource: "nexus", externalID: "task_456"))
        }
        #expect(error?.code == .duplicate)
        #expect(error?.objectID == testItem)
    }

    @Test func conflictOnPatchIsNeverAnAdoption() async throws {
        let other = "11111111-1111-1111-1111-111111111111"
        let body =
            #"{"error": "Issue with the same external id and external source already exists", "id": "\#(testItem)"}"#
        let client = makeClient(ScriptedTransport([.respond(.json(409, body))]))
        let error = await planeError {
            try await client.updateWorkItem(project: testProject, id: testItem, .init(externalID: .set(other)))
        }
        #expect(error?.code == .conflict)
        #expect(error?.code != .duplicate)
        #expect(error?.objectID == testItem)
    }

    @Test func labelCreateOrGetUsesThe409() async throws {
        let transport = ScriptedTransport([
            .respond(try PlaneSample.load("labels-create").response),
            .respond(try PlaneSample.load("labels-create-duplicate").response),
        ])
        let client = makeClient(transport)
        let created = try await client.createOrGetLabel(project: testProject, .init(name: "backend", color: "#ff0000"))
        #expect(created.created)
        #expect(created.label?.name == "backend")
        let existing = try await client.createOrGetLabel(project: testProject, .init(name: "backend"))
        #expect(!existing.created)
        #expect(existing.id == created.id)
    }

    @Test func lookupMissIsNilAndA500IsDuplicatedPair() async throws {
        let transport = ScriptedTransport([
            .respond(try PlaneSample.load("work-item-lookup-external-missing").response),
            .respond(try PlaneSample.load("work-item-lookup-external").response),
            .respond(.json(500, #"{"error": "Something went wrong please try again later"}"#)),
        ])
        let client = makeClient(transport)
        #expect(
            try await client.lookUpWorkItem(project: testProject, externalID: "nope", externalSource: "nexus") == nil)
        let found = try await client.lookUpWorkItem(
            project: testProject, externalID: "task_456", externalSource: "nexus")
        #expect(found?.id == testItem)
        let error = await planeError {
            try await client.lookUpWorkItem(project: testProject, externalID: "task_456", externalSource: "nexus")
        }
        #expect(error?.code == .duplicatedExternalPair)
        #expect(error?.attempts == 1)
        #expect(transport.requests.count == 3)
    }

    @Test func lookupRefusesAnEmptyHalfOfThePairWithoutARequest() async throws {
        let transport = ScriptedTransport()
        let client = makeClient(transport)
        let error = await planeError {
            try await client.lookUpWorkItem(project: testProject, externalID: "", externalSource: "nexus")
        }
        #expect(error?.code == .validation)
        #expect(transport.requests.isEmpty)
    }

    @Test func methodNotAllowedIsUnexpectedStatus() async throws {
        let (client, _) = try client(answering: "work-item-put")
        let error = await planeError { try await client.workItem(project: testProject, id: testItem) }
        #expect(error?.code == .unexpectedStatus)
        #expect(error?.status == 405)
    }

    @Test func codesCompareByCodeOnly() {
        let one = PlaneAPIError(code: .notFound, method: "GET", endpoint: "/a/", status: 404)
        let two = PlaneAPIError(code: .notFound, method: "DELETE", endpoint: "/b/", status: 404, message: "gone")
        #expect(one == two)
        #expect(one != PlaneAPIError(code: .conflict, method: "GET", endpoint: "/a/"))
        #expect(PlaneAPIError.Code.outcomeUnknown.description == "outcomeUnknown")
    }
}
