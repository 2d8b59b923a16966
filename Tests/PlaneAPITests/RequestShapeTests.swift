import Foundation
import PlaneAPI
import Testing

/// What goes on the wire: paths, headers, bodies.
@Suite struct RequestShapeTests {
    private let item = ScriptedTransport.Step.respond(.json(200, #"{"id": "\#(testItem)", "url": "u", "name": "n"}"#))

    @Test func everyEndpointUsesWorkItemsPathsWithATrailingSlash() async throws {
        let transport = ScriptedTransport(fallback: item)
        let client = makeClient(transport)
        let list = ScriptedTransport.Step.respond(
            .json(200, #"{"results": [], "next_cursor": "1:1:0", "next_page_results": false}"#))
        _ = try await client.workItem(project: testProject, id: testItem)
        _ = try await client.createWorkItem(project: testProject, .init(name: "n"))
        _ = try await client.updateWorkItem(project: testProject, id: testItem, .init(name: "n"))
        try await client.deleteWorkItem(project: testProject, id: testItem)
        _ = try await client.lookUpWorkItem(project: testProject, externalID: "a+b&c", externalSource: "nexus")
        _ = try await client.createState(project: testProject, .init(name: "S", color: "#fff", group: .started))
        _ = try await client.createLabel(project: testProject, .init(name: "L"))
        _ = try await client.createLink(project: testProject, workItem: testItem, .init(url: "https://x.test/"))
        _ = try await client.project(id: testProject)
        _ = try await client.me()
        let listing = makeClient(ScriptedTransport(fallback: list))
        _ = try await listing.states(project: testProject)
        let base = "/workspaces/acme/projects/\(testProject)"
        #expect(
            transport.requests.map { "\($0.method) \($0.pathAndQuery)" } == [
                "GET \(base)/work-items/\(testItem)/",
                "POST \(base)/work-items/",
                "PATCH \(base)/work-items/\(testItem)/",
                "DELETE \(base)/work-items/\(testItem)/",
                "GET \(base)/work-items/?external_id=a%2Bb%26c&external_source=nexus",
                "POST \(base)/states/",
                "POST \(base)/labels/",
                "POST \(base)/work-items/\(testItem)/links/",
                "GET \(base)/",
                "GET /users/me/",
            ])
    }

    @Test func headersAndBodiesByMethod() async throws {
        let key = makeTestKey()
        let transport = ScriptedTransport(fallback: item)
        let client = makeClient(transport, key: key, writeHeaders: ["X-BoardSync-Lease": "lease-7"])
        _ = try await client.workItem(project: testProject, id: testItem)
        _ = try await client.createWorkItem(project: testProject, .init(name: "n", priority: .high))
        _ = try await client.updateWorkItem(project: testProject, id: testItem, .init(state: "s"))
        try await client.deleteWorkItem(project: testProject, id: testItem)
        let requests = transport.requests
        for request in requests {
            #expect(request.headers["X-Api-Key"] == key)
            #expect(request.headers["Accept"] == "application/json")
        }
        #expect(requests[0].body == nil)
        #expect(requests[0].headers["Content-Type"] == nil)
        #expect(requests[0].headers["X-BoardSync-Lease"] == nil)
        #expect(requests[1].headers["Content-Type"] == "application/json")
        #expect(requests[1].bodyText == #"{"name":"n","priority":"high"}"#)
        #expect(requests[2].bodyText == #"{"state":"s"}"#)
        #expect(requests[3].body == nil)
        for write in requests.dropFirst() { #expect(write.headers["X-BoardSync-Lease"] == "lease-7") }
    }

    @Test func patchSendsOnlyGivenFieldsAndExplicitNulls() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let clear = PlaneWorkItemPatch(parent: .clear, startDate: .clear, targetDate: .set(PlaneDate("2026-06-15")!))
        #expect(
            String(decoding: try encoder.encode(clear), as: UTF8.self)
                == #"{"parent":null,"start_date":null,"target_date":"2026-06-15"}"#)
        #expect(String(decoding: try encoder.encode(PlaneWorkItemPatch()), as: UTF8.self) == "{}")
        #expect(PlaneWorkItemPatch().isEmpty)
        let replace = PlaneWorkItemPatch(assignees: [], labels: ["l1"], externalID: .set("e"))
        #expect(
            String(decoding: try encoder.encode(replace), as: UTF8.self)
                == #"{"assignees":[],"external_id":"e","labels":["l1"]}"#)
    }

    @Test func statsCountByMethodEndpointAndStatus() async throws {
        let transport = ScriptedTransport([
            .respond(.json(404, #"{"error": "The requested resource does not exist."}"#)), item, item,
        ])
        let client = makeClient(transport)
        _ = await planeError { try await client.workItem(project: testProject, id: testItem) }
        _ = try await client.workItem(project: testProject, id: "other")
        _ = try await client.createWorkItem(project: testProject, .init(name: "n"))
        let stats = client.stats
        #expect(stats.requests[.init(method: "GET", endpoint: PlaneClientEndpoints.workItem, status: 404)] == 1)
        #expect(stats.requests[.init(method: "GET", endpoint: PlaneClientEndpoints.workItem, status: 200)] == 1)
        #expect(stats.requests[.init(method: "POST", endpoint: PlaneClientEndpoints.workItems, status: 200)] == 1)
        #expect(stats.reads == 2)
        #expect(stats.writes == 1)
        #expect(stats.total == 3)
        #expect(stats.throttled == 0)
    }
}
