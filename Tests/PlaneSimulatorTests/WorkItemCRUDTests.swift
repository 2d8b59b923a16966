import Foundation
import PlaneSimulator
import Testing

@Suite struct WorkItemCRUDTests {
    @Test func createGetPatchDeleteRoundTrip() async throws {
        try await SimulatorHarness.with { simulator, client in
            let created = try await client.post(
                Paths.nexItems,
                ["name": "  Login  ", "external_id": "t1", "external_source": "nexus", "priority": "high"])
            #expect(created.status == 201)
            let id = try #require(created.json?["id"]?.stringValue)
            #expect(created.json?["name"] == "Login")
            #expect(created.json?["state"] == .string(PlaneFixtures.stateID(project: 1, index: 1)))
            #expect(created.json?["updated_by"] == .null)
            #expect(created.json?["sequence_id"] == 1)

            let fetched = try await client.get(Paths.nexItem(id))
            #expect(fetched.status == 200)
            #expect(fetched.headers["x-ratelimit-remaining"] != nil)

            let patched = try await client.patch(Paths.nexItem(id), ["priority": "urgent"])
            #expect(patched.status == 200)
            #expect(patched.json?["priority"] == "urgent")
            #expect(patched.json?["updated_by"] == .string(PlaneFixtures.botUserID))

            let put = try await client.send("PUT", Paths.nexItem(id), json: ["name": "x"])
            #expect(put.status == 405)
            #expect(put.json == ["detail": "Method \"PUT\" not allowed."])
            #expect(put.headers["allow"] == "GET, PATCH, DELETE")

            let deleted = try await client.delete(Paths.nexItem(id))
            #expect(deleted.status == 204)
            #expect(deleted.body.isEmpty)
            for method in ["GET", "PATCH", "DELETE"] {
                let gone = try await client.send(
                    method, Paths.nexItem(id), json: method == "PATCH" ? ["name": "y"] : nil)
                #expect(gone.status == 404)
                #expect(gone.json == ["error": "The requested resource does not exist."])
            }
            let stored = await simulator.storedItem(id)
            #expect(stored?["deleted_at"]?.isNull == false)
        }
    }
}
