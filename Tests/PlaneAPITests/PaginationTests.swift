import Foundation
import PlaneAPI
import Testing

@Suite struct PaginationTests {
    private func page(_ ids: [String], next: String, more: Bool) -> ScriptedTransport.Step {
        let results = ids.map { #"{"id": "\#($0)"}"# }.joined(separator: ",")
        return .respond(
            .json(200, #"{"results": [\#(results)], "next_cursor": "\#(next)", "next_page_results": \#(more)}"#))
    }

    @Test func followsNextCursorWhileNextPageResultsIsTrue() async throws {
        let transport = ScriptedTransport([
            page(["a", "b"], next: "2:1:0", more: true),
            page(["c", "d"], next: "2:2:0", more: true),
            page(["e"], next: "2:3:0", more: false),
        ])
        let client = makeClient(transport)
        var ids: [String] = []
        for try await item in client.workItems(project: testProject, query: .init(perPage: 2)).items {
            ids.append(item.id)
        }
        #expect(ids == ["a", "b", "c", "d", "e"])
        #expect(
            transport.requests.map(\.pathAndQuery) == [
                "/workspaces/acme/projects/\(testProject)/work-items/?per_page=2",
                "/workspaces/acme/projects/\(testProject)/work-items/?per_page=2&cursor=2:1:0",
                "/workspaces/acme/projects/\(testProject)/work-items/?per_page=2&cursor=2:2:0",
            ])
    }

    @Test func stopsOnTheRealLastPageThoughItsNextCursorIsSet() async throws {
        let transport = ScriptedTransport(
            [
                .respond(try PlaneSample.load("work-items-list-page1").response),
                .respond(try PlaneSample.load("work-items-list-page2").response),
            ], fallback: .respond(try PlaneSample.load("work-items-list-last").response))
        let client = makeClient(transport)
        let items = try await client.workItems(project: testProject, query: .init(perPage: 2, orderBy: "-updated_at"))
            .collect()
        #expect(items.count == 4)
        #expect(items.map(\.name) == ["filler 2", "filler 1", "filler 0", "Implement login endpoint (v2)"])
        #expect(transport.requests.count == 2)
    }

    @Test func aCursorThatDoesNotAdvanceEndsWithAnError() async throws {
        let transport = ScriptedTransport(fallback: page(["a"], next: "1:1:0", more: true))
        let client = makeClient(transport)
        let error = await planeError { try await client.workItems(project: testProject).collect() }
        #expect(error?.code == .invalidResponse)
        #expect(transport.requests.count == 2)
    }

    @Test func queryCarriesOrderFieldsAndExpandWithID() async throws {
        let transport = ScriptedTransport([page([], next: "1:1:0", more: false)])
        let client = makeClient(transport)
        let query = PlaneListQuery(
            perPage: 100, orderBy: "-updated_at", fields: ["name", "updated_at", "state"], expand: ["state"])
        _ = try await client.workItems(project: testProject, query: query).collect()
        #expect(
            transport.requests.first?.pathAndQuery
                == "/workspaces/acme/projects/\(testProject)/work-items/?per_page=100&order_by=-updated_at"
                + "&fields=id,name,updated_at,state&expand=state")
    }

    @Test func nothingIsFetchedUntilIterated() async throws {
        let transport = ScriptedTransport()
        let client = makeClient(transport)
        _ = client.workItems(project: testProject)
        #expect(transport.requests.isEmpty)
    }

    @Test func smallListsFollowPagesOrTakePlainArrays() async throws {
        let transport = ScriptedTransport([
            .respond(
                .json(
                    200,
                    #"{"results": [{"id": "s1", "name": "Todo"}], "next_cursor": "1:1:0", "next_page_results": true}"#)),
            .respond(
                .json(
                    200,
                    #"{"results": [{"id": "s2", "name": "Done"}], "next_cursor": "1:2:0", "next_page_results": false}"#)
            ),
            .respond(try PlaneSample.load("members-project").response),
            .respond(.json(200, #"[{"id": "l1", "url": "https://x.test/"}]"#)),
        ])
        let client = makeClient(transport)
        #expect(try await client.states(project: testProject).map(\.name) == ["Todo", "Done"])
        #expect(try await client.projectMembers(project: testProject).map(\.email) == ["sync@example.test"])
        #expect(try await client.links(project: testProject, workItem: testItem).map(\.id) == ["l1"])
        #expect(transport.requests[1].pathAndQuery.hasSuffix("/states/?cursor=1:1:0"))
    }
}
