import Foundation
import PlaneSimulator
import Testing

@Suite struct AuthTests {
    @Test func missingKeyIs401AndUnknownKeyIs403WithoutRateLimitHeaders() async throws {
        try await SimulatorHarness.with { _, client in
            var anonymous = client
            anonymous.apiKey = nil
            let missing = try await anonymous.get(Paths.nexItems)
            #expect(missing.status == 401)
            #expect(missing.json == ["detail": "Authentication credentials were not provided."])
            #expect(missing.headers["x-ratelimit-remaining"] == nil)
            var wrong = client
            wrong.apiKey = "plane_api_ffffffffffffffffffffffffffffffff"
            let bad = try await wrong.get(Paths.nexItems)
            #expect(bad.status == 403)
            #expect(bad.json == ["detail": "Given API token is not valid"])
            #expect(bad.headers["x-ratelimit-reset"] == nil)
        }
    }

    @Test func projectsWithoutMembershipUnknownProjectsAndSlugsAre403() async throws {
        try await SimulatorHarness.with { _, client in
            let forbidden: SimJSON = ["detail": "You do not have permission to perform this action."]
            var nora = client
            nora.apiKey = PlaneFixtures.noraAPIKey
            #expect(try await nora.get(Paths.nexItems).status == 200)
            let ops = try await nora.get(Paths.ops + "work-items/")
            #expect(ops.status == 403)
            #expect(ops.json == forbidden)
            let unknown = try await client.get(
                "workspaces/acme/projects/00000000-0000-0000-0000-000000000000/work-items/")
            #expect(unknown.status == 403)
            #expect(unknown.json == forbidden)
            let slug = try await client.get("workspaces/other/projects/\(PlaneFixtures.nexusProjectID)/work-items/")
            #expect(slug.status == 403)
        }
    }

    @Test func guestsReadButCannotWrite() async throws {
        try await SimulatorHarness.with { _, client in
            var dave = client
            dave.apiKey = PlaneFixtures.daveAPIKey
            #expect(try await dave.get(Paths.nexItems).status == 200)
            #expect(try await dave.get(Paths.nex + "states/").status == 200)
            let write = try await dave.post(Paths.nexItems, ["name": "guest"])
            #expect(write.status == 403)
            #expect(write.headers["x-ratelimit-remaining"] == nil)
            #expect(try await dave.get("workspaces/acme/members/").status == 403)
        }
    }

    @Test func onlyAdminsOrCreatorsDelete() async throws {
        try await SimulatorHarness.with { _, client in
            let created = try await client.post(Paths.nexItems, ["name": "bot's item"])
            let id = try #require(created.json?["id"]?.stringValue)
            var nora = client
            nora.apiKey = PlaneFixtures.noraAPIKey
            let refused = try await nora.delete(Paths.nexItem(id))
            #expect(refused.status == 403)
            #expect(refused.json == ["error": "Only admin or creator can delete the work item"])
            let own = try await nora.post(Paths.nexItems, ["name": "nora's item"])
            let ownID = try #require(own.json?["id"]?.stringValue)
            #expect(try await nora.delete(Paths.nexItem(ownID)).status == 204)
            #expect(try await client.delete(Paths.nexItem(id)).status == 204)
        }
    }

    @Test func unknownURLsAndMissingSlashes() async throws {
        try await SimulatorHarness.with { _, client in
            let unknown = try await client.get(Paths.nex + "nothing-here/")
            #expect(unknown.status == 404)
            #expect(unknown.json == ["error": "Page not found."])
            #expect(unknown.headers["x-ratelimit-remaining"] == nil)
            let upper = try await client.get(
                "workspaces/acme/projects/\(PlaneFixtures.nexusProjectID.uppercased())/states/")
            #expect(upper.status == 404)
            let alias = try await client.get(Paths.nex + "issues/")
            #expect(alias.status == 200)
        }
    }
}
