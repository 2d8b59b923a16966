import Foundation
import PlaneAPI
import PlaneSimulator
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Pacing against the simulator's DRF-style sliding window at a small limit.
@Suite struct ContractPacingTests {
    private let userAgent = "BoardSync-PlaneAPI-contract"

    @Test func concurrentTasksOverTheLimitGetNo429() async throws {
        try await SimulatorFixture.with(rateLimit: "20/second") { sim in
            let client = SimulatorFixture.client(sim, rateLimit: "20/second")
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<6 {
                    group.addTask { for _ in 0..<8 { _ = try await client.me() } }
                }
                try await group.waitForAll()
            }
            let log = await sim.requestLog()
            #expect(log.count == 48)
            #expect(log.allSatisfy { $0.status == 200 })
            #expect(client.stats.throttled == 0)
            #expect(client.stats.budgetWait > .seconds(1))
        }
    }

    @Test func anotherClientSpendingTheBudgetGetsUsOne429ThenAProbe() async throws {
        try await SimulatorFixture.with(rateLimit: "20/second") { sim in
            let client = SimulatorFixture.client(sim, rateLimit: "20/second", userAgent: userAgent)
            let calls = Task {
                try await withThrowingTaskGroup(of: String.self) { group in
                    for _ in 0..<4 {
                        group.addTask {
                            var ids: [String] = []
                            for _ in 0..<8 { ids.append(try await client.me().id) }
                            return ids.joined()
                        }
                    }
                    return try await group.reduce(into: 0) { count, ids in count += ids.isEmpty ? 0 : 8 }
                }
            }
            try await Task.sleep(for: .milliseconds(400))
            let spent = try await spendBudget(sim.apiBaseURL)
            #expect(spent > 0)
            #expect(try await calls.value == 32)

            let ours = await sim.requestLog().filter { $0.headers["user-agent"] == userAgent }
            #expect(ours.filter { $0.status == 200 }.count == 32)
            let throttled = ours.indices.filter { ours[$0].status == 429 }
            #expect(!throttled.isEmpty)
            #expect(throttled.count <= 4, "a burst of 429s")
            #expect(client.stats.throttled == throttled.count)
            // After our last 429 nothing of ours is sent for Retry-After (1 s), except answers to
            // requests already in flight; then the probe, answered 200, and the rest.
            let last = ours[try #require(throttled.last)].time
            let quiet = ours.filter {
                $0.time > last.addingTimeInterval(0.15) && $0.time < last.addingTimeInterval(0.9)
            }
            #expect(quiet.isEmpty)
            let probe = try #require(ours.first { $0.time >= last.addingTimeInterval(0.9) })
            #expect(probe.status == 200)
            #expect(client.stats.budgetWait >= .milliseconds(900))
        }
    }

    /// A second client of the same key, not paced: sends until Plane refuses it.
    private func spendBudget(_ base: URL) async throws -> Int {
        var request = URLRequest(url: URL(string: base.absoluteString + "/users/me/")!)
        request.setValue(PlaneFixtures.botAPIKey, forHTTPHeaderField: "X-Api-Key")
        request.setValue("raw-loop", forHTTPHeaderField: "User-Agent")
        var sent = 0
        for _ in 0..<100 {
            let (_, response) = try await URLSession.shared.data(for: request)
            sent += 1
            if (response as? HTTPURLResponse)?.statusCode == 429 { break }
        }
        return sent
    }
}
