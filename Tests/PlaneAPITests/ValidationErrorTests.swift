import Foundation
import PlaneAPI
import Testing

/// 400 and 413: Plane's field messages, in each of its envelopes.
@Suite struct ValidationErrorTests {
    private func client(answering sample: String) throws -> (PlaneClient, ScriptedTransport) {
        let transport = ScriptedTransport([.respond(try PlaneSample.load(sample).response)])
        return (makeClient(transport), transport)
    }

    @Test(arguments: [
        ("work-item-create-no-name", "name", "This field is required."),
        ("work-item-create-bad-priority", "priority", "\"critical\" is not a valid choice."),
        ("work-item-create-long-name", "name", "Ensure this field has no more than 255 characters."),
        (
            "work-item-create-bad-date-format", "start_date",
            "Date has wrong format. Use one of these formats instead: YYYY-MM-DD."
        ),
        ("work-item-create-bad-dates", "non_field_errors", "Start date cannot exceed target date"),
    ])
    func validationCarriesFieldMessages(sample: String, field: String, message: String) async throws {
        let (client, _) = try client(answering: sample)
        let error = try #require(
            await planeError { try await client.createWorkItem(project: testProject, .init(name: "x")) })
        #expect(error.code == .validation)
        #expect(error.status == 400)
        #expect(error.fieldErrors[field] == [message])
        #expect(error.method == "POST")
        #expect(error.endpoint == "/workspaces/{slug}/projects/{project_id}/work-items/")
        #expect(error.attempts == 1)
    }

    @Test func validationWithDetailOrErrorEnvelope() async throws {
        let (client, _) = try client(answering: "work-items-list-bad-cursor")
        let error = try #require(
            await planeError { try await client.workItemPage(project: testProject, cursor: "abc") })
        #expect(error.code == .validation)
        #expect(error.message == "Invalid cursor parameter.")

        let transport = ScriptedTransport([
            .respond(.json(400, #"{"error": "The payload is not valid"}"#)),
            .respond(.json(400, #"{"assignees": {"0": ["Invalid pk \"u\" - object does not exist."]}}"#)),
            .respond(.json(400, #"{"error": ["html content is not valid"]}"#)),
        ])
        let other = makeClient(transport)
        let patch = PlaneWorkItemPatch(name: "n")
        let first = await planeError { try await other.updateWorkItem(project: testProject, id: testItem, patch) }
        #expect(first?.code == .validation)
        #expect(first?.message == "The payload is not valid")
        let second = await planeError { try await other.updateWorkItem(project: testProject, id: testItem, patch) }
        #expect(second?.fieldErrors["assignees.0"] == ["Invalid pk \"u\" - object does not exist."])
        let third = await planeError { try await other.updateWorkItem(project: testProject, id: testItem, patch) }
        #expect(third?.fieldErrors["error"] == ["html content is not valid"])
    }

    @Test func emptyDescriptionIsRejectedAsValidation() async throws {
        let (client, _) = try client(answering: "work-item-patch-empty-description")
        let error = await planeError {
            try await client.updateWorkItem(project: testProject, id: testItem, .init(descriptionHTML: ""))
        }
        #expect(error?.code == .validation)
        #expect(error?.message == "Invalid HTML passed")
        #expect(error?.fieldErrors["non_field_errors"] == ["Invalid HTML passed"])
    }

    @Test func tooLarge() async throws {
        let client = makeClient(
            ScriptedTransport([.respond(.json(413, #"{"error": "REQUEST_BODY_TOO_LARGE", "detail": "over 5 MiB"}"#))]))
        let error = await planeError { try await client.createWorkItem(project: testProject, .init(name: "x")) }
        #expect(error?.code == .tooLarge)
        #expect(error?.status == 413)
        #expect(error?.message == "over 5 MiB")
    }
}
