import Foundation
import PlaneSimulator
import Testing

@Suite struct AdminAPITests {
    @Test func refusesRequestsWithoutTheToken() async throws {
        try await SimulatorHarness.with { _, client in
            var anonymous = client
            anonymous.apiKey = nil
            let missing = try await anonymous.send("POST", "/_sim/reset")
            #expect(missing.status == 401)
            let wrong = try await anonymous.send("POST", "/_sim/reset", headers: ["X-Sim-Admin-Token": "nope"])
            #expect(wrong.status == 403)
            // The Plane key is not an admin token either.
            #expect(try await client.send("GET", "/_sim/requests").status == 401)
        }
    }

    @Test func disabledWithoutAConfiguredToken() async throws {
        var configuration = SimulatorHarness.configuration()
        configuration.adminToken = nil
        try await SimulatorHarness.with(configuration) { _, client in
            let result = try await client.send("POST", "/_sim/reset", headers: ["X-Sim-Admin-Token": "anything"])
            #expect(result.status == 403)
        }
    }

    @Test func faultsLogItemsAndPersonEditsOverHTTP() async throws {
        try await SimulatorHarness.with { _, client in
            let admin = ["X-Sim-Admin-Token": SimulatorHarness.adminToken]
            let created = try await client.post(Paths.nexItems, ["name": "admin"])
            let id = try #require(created.json?["id"]?.stringValue)

            let edit: SimJSON = ["actor": "alice@acme.example", "changes": ["name": "edited by alice"]]
            let edited = try await client.send("POST", "/_sim/items/\(id)/edit", json: edit, headers: admin)
            #expect(edited.status == 200)
            #expect(edited.json?["updated_by"] == .string(PlaneFixtures.aliceUserID))
            let archived = try await client.send(
                "POST", "/_sim/items/\(id)/archive", json: ["actor": "bob@acme.example"], headers: admin)
            #expect(archived.json?["archived_at"]?.isNull == false)
            let items = try await client.send(
                "GET", "/_sim/items?project=\(PlaneFixtures.nexusProjectID)", headers: admin)
            #expect(items.json?["items"]?.arrayValue?.count == 1)

            let fault: SimJSON = [
                "method": "GET", "path_prefix": "/api/v1/users/", "action": ["type": "status", "status": 502],
                "next": 1,
            ]
            #expect(try await client.send("POST", "/_sim/faults", json: fault, headers: admin).status == 201)
            #expect(try await client.get("users/me/").status == 502)
            #expect(try await client.get("users/me/").status == 200)

            let log = try await client.send("GET", "/_sim/requests", headers: admin)
            let entries = log.json?["requests"]?.arrayValue ?? []
            #expect(entries.count == 3)
            #expect(entries.first?["headers"]?["x-api-key"] == "[REDACTED]")
            #expect(!log.text.contains(PlaneFixtures.botAPIKey))
            #expect(!log.text.contains(SimulatorHarness.adminToken))

            let deleted = try await client.send(
                "POST", "/_sim/items/\(id)/delete", json: ["actor": "carol@acme.example"], headers: admin)
            #expect(deleted.status == 204)
            #expect(try await client.send("POST", "/_sim/reset", headers: admin).status == 204)
            #expect(try await client.send("GET", "/_sim/items/\(id)", headers: admin).status == 404)
        }
    }
}
