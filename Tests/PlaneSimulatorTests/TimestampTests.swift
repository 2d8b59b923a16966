import Foundation
import PlaneSimulator
import TestClocks
import Testing

@Suite struct TimestampTests {
    @Test func updatedAtIsBumpedAgainAfterTheConfiguredDelay() async throws {
        let clock = ManualClock(jumpsOnSleep: false)
        let configuration = SimulatorHarness.configuration(bumpDelay: .milliseconds(250), clock: clock)
        try await SimulatorHarness.with(configuration) { _, client in
            let created = try await client.post(Paths.nexItems, ["name": "bump"])
            let id = try #require(created.json?["id"]?.stringValue)
            let written = try #require(created.json?["updated_at"]?.stringValue)
            func updatedAt() async throws -> String? {
                try await client.get(Paths.nexItem(id)).json?["updated_at"]?.stringValue
            }
            #expect(await eventually { clock.sleepersWaiting == 1 })
            clock.advance(by: .milliseconds(249))
            #expect(try await updatedAt() == written)
            clock.advance(by: .milliseconds(1))
            #expect(await eventually { (try? await updatedAt()).map { $0 > written } ?? false })
            let later = try #require(try await updatedAt())
            #expect(try await client.get(Paths.nexItem(id)).json?["updated_by"] == .null)
            let patched = try await client.patch(Paths.nexItem(id), ["name": "bump 2"])
            let patchedAt = try #require(patched.json?["updated_at"]?.stringValue)
            #expect(patchedAt > later)
            #expect(await eventually { clock.sleepersWaiting == 1 })
            clock.advance(by: .milliseconds(250))
            #expect(await eventually { (try? await updatedAt()).map { $0 > patchedAt } ?? false })
        }
    }

    @Test func createdAtInTheCreateResponseDiffersFromTheStoredOne() async throws {
        try await SimulatorHarness.with { _, client in
            let created = try await client.post(Paths.nexItems, ["name": "created"])
            let id = try #require(created.json?["id"]?.stringValue)
            let stored = try await client.get(Paths.nexItem(id))
            #expect(stored.json?["created_at"] != created.json?["created_at"])
        }
    }

    @Test func timestampsUseTheConfiguredOffset() async throws {
        try await SimulatorHarness.with(SimulatorHarness.configuration(timezone: "+05:30")) { _, client in
            let created = try await client.post(Paths.nexItems, ["name": "tz"])
            let createdAt = try #require(created.json?["created_at"]?.stringValue)
            #expect(createdAt.hasSuffix("+05:30"))
            let label = try await client.get(Paths.nex + "labels/?per_page=1")
            #expect(label.json?["results"]?.arrayValue?.first?["updated_at"]?.stringValue?.hasSuffix("+05:30") == true)
        }
        try await SimulatorHarness.with(SimulatorHarness.configuration(timezone: "+00:00")) { _, client in
            let created = try await client.post(Paths.nexItems, ["name": "utc"])
            #expect(created.json?["created_at"]?.stringValue?.hasSuffix("Z") == true)
        }
    }

    @Test func editsByAPersonBumpUpdatedAtAndUpdatedBy() async throws {
        let clock = ManualClock(jumpsOnSleep: false)
        try await SimulatorHarness.with(SimulatorHarness.configuration(clock: clock)) { simulator, client in
            let created = try await client.post(Paths.nexItems, ["name": "mine"])
            let id = try #require(created.json?["id"]?.stringValue)
            // The create's own bump lands first.
            #expect(await eventually { clock.sleepersWaiting == 1 })
            clock.advance(by: .milliseconds(30))
            #expect(await eventually { await simulator.storedItem(id)?["updated_at"] != created.json?["updated_at"] })
            let edited = try await simulator.editItemAsPerson(
                id, actorEmail: "alice@acme.example", changes: ["name": "hers", "priority": "low"])
            #expect(edited["updated_by"] == .string(PlaneFixtures.aliceUserID))
            let fetched = try await client.get(Paths.nexItem(id))
            #expect(fetched.json?["name"] == "hers")
            #expect(fetched.json?["updated_by"] == .string(PlaneFixtures.aliceUserID))
            #expect(fetched.json?["updated_at"] != created.json?["updated_at"])
            try await simulator.deleteItemAsPerson(id, actorEmail: "carol@acme.example")
            #expect(try await client.get(Paths.nexItem(id)).status == 404)
            #expect(await simulator.storedItem(id)?["updated_by"] == .string(PlaneFixtures.carolUserID))
            await #expect(throws: SimulatorError.self) {
                try await simulator.editItemAsPerson(id, actorEmail: "alice@acme.example", changes: ["name": "x"])
            }
        }
    }

    @Test func createHonoursBackDatedCreatedAtAndCreatedBy() async throws {
        try await SimulatorHarness.with { simulator, client in
            let body: SimJSON = [
                "name": "old", "created_at": "2025-01-02T03:04:05Z", "created_by": .string(PlaneFixtures.aliceUserID),
            ]
            let created = try await client.post(Paths.nexItems, body)
            #expect(created.status == 201)
            #expect(created.json?["created_by"] == .string(PlaneFixtures.aliceUserID))
            let id = try #require(created.json?["id"]?.stringValue)
            #expect(try await client.get(Paths.nexItem(id)).json?["created_at"] == "2025-01-02T03:04:05Z")
            // An unparseable value is a 400, but the item was already saved.
            let broken = try await client.post(Paths.nexItems, ["name": "broken", "created_at": "last week"])
            #expect(broken.status == 400)
            #expect(broken.json == ["error": "Please provide valid detail"])
            #expect(await simulator.storedItems().count == 2)
        }
    }
}
