import Foundation
import PlaneAPI
import Testing

/// A 2xx whose body is not what the endpoint promises names the endpoint and the field path.
@Suite struct InvalidResponseTests {
    @Test(arguments: [
        ("not json at all", "(body)"),
        (#"{"id": "x", "name": "tr"#, "(body)"),
        (#"{"id": "x", "updated_at": 17}"#, "updated_at"),
        (#"{"id": "x", "labels": ["a", 3]}"#, "labels[1]"),
        (#"{"name": "no id"}"#, "id"),
    ])
    func badBodiesAreInvalidResponseWithTheFieldPath(body: String, path: String) async throws {
        let client = makeClient(ScriptedTransport([.respond(.json(200, body))]))
        let error = try #require(await planeError { try await client.workItem(project: testProject, id: testItem) })
        #expect(error.code == .invalidResponse)
        #expect(error.fieldPath == path)
        #expect(error.endpoint == "/workspaces/{slug}/projects/{project_id}/work-items/{id}/")
        #expect(error.description.contains(path))
    }

    @Test func invalidResponseInsideAPage() async throws {
        let page =
            #"{"results": [{"id": "a"}, {"id": "b", "sequence_id": "seven"}], "next_cursor": "1:1:0", "next_page_results": false}"#
        let client = makeClient(ScriptedTransport([.respond(.json(200, page))]))
        let error = await planeError { try await client.workItems(project: testProject).collect() }
        #expect(error?.fieldPath == "results[1].sequence_id")
    }
}
