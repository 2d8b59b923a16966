import Foundation
import PlaneAPI
import PlaneSimulator
import TestClocks
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Pacing against the simulator's throttle over real HTTP. The client and the simulator share one clock that
/// moves only when the pacer waits, so these tests measure no real time: what they check is what the
/// simulator's window saw, in its own time.
@Suite struct ContractPacingTests {
    private let userAgent = "BoardSync-PlaneAPI-contract"

    @Test func concurrentTasksOverTheLimitGetNo429() async throws {
        let clock = ManualClock()
        try await SimulatorFixture.with(rateLimit: "20/second", clock: clock) { sim in
            let client = SimulatorFixture.client(sim, rateLimit: "20/second", clock: clock)
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
            // 19 a second at most (20 less the reserve of one): 48 requests need two more windows.
            #expect(client.stats.budgetWait > .seconds(1))
            let times = log.map { $0.time.timeIntervalSince1970 }
            for time in times { #expect(times.filter { $0 >= time && $0 < time + 1 }.count <= 20) }
        }
    }

    @Test func aKeySpentByAnotherClientGetsUsOne429ThenAProbe() async throws {
        let clock = ManualClock()
        try await SimulatorFixture.with(rateLimit: "20/second", clock: clock) { sim in
            // Another client of the key spends the whole window before our first request.
            var spent = 0
            while try await rawGet(sim.apiBaseURL) != 429 { spent += 1 }
            #expect(spent == 20)
            clock.advance(by: .milliseconds(300))
            let client = SimulatorFixture.client(sim, rateLimit: "20/second", userAgent: userAgent, clock: clock)
            let ids = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        for _ in 0..<8 { _ = try await client.me() }
                        return 8
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(ids == 32)
            let ours = await sim.requestLog().filter { $0.headers["user-agent"] == userAgent }
            #expect(ours.filter { $0.status == 200 }.count == 32)
            // The first request learns the budget alone: a 429, then nothing until Retry-After (1 s),
            // then one probe alone, then the rest.
            #expect(ours.filter { $0.status == 429 }.count == 1)
            #expect(client.stats.throttled == 1)
            #expect(ours[0].status == 429)
            let probe = ours[1]
            #expect(probe.status == 200)
            #expect(probe.time.timeIntervalSince(ours[0].time) >= 0.99)
            #expect(client.stats.budgetWait >= .milliseconds(990))
        }
    }

    @Test func aNewProcessStartsFromTheFirstAnswerInsteadOfWaitingAWindow() async throws {
        let clock = ManualClock()
        try await SimulatorFixture.with(rateLimit: "60/minute", clock: clock) { sim in
            // An earlier process sent 57 requests over the last minute, as the pacer spreads them.
            for _ in 0..<57 {
                #expect(try await rawGet(sim.apiBaseURL) == 200)
                clock.advance(by: .seconds(60) / 57)
            }
            let client = SimulatorFixture.client(sim, rateLimit: "60/minute", userAgent: userAgent, clock: clock)
            let started = clock.elapsed
            for _ in 0..<12 { _ = try await client.me() }
            #expect(client.stats.throttled == 0)
            #expect(clock.elapsed - started <= .seconds(15))
            #expect(clock.elapsed - started >= .seconds(9))
        }
    }

    /// A request of another client of the same key, not paced; its status.
    private func rawGet(_ base: URL) async throws -> Int {
        var request = URLRequest(url: URL(string: base.absoluteString + "/users/me/")!)
        request.setValue(PlaneFixtures.botAPIKey, forHTTPHeaderField: "X-Api-Key")
        request.setValue("raw-loop", forHTTPHeaderField: "User-Agent")
        let (_, response) = try await URLSession.shared.data(for: request)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }
}
