import Foundation
import PlaneSimulator
import Testing

@Suite struct FaultTests {
    static let items = "/api/v1/" + Paths.nexItems

    @Test func statusFaultsHitTheNextNMatchingRequests() async throws {
        try await SimulatorHarness.with { simulator, client in
            await simulator.injectFault(
                FaultRule(method: "POST", pathPrefix: Self.items, action: .status(503), selection: .next(2)))
            #expect(try await client.get(Paths.nexItems).status == 200)
            for _ in 0..<2 {
                let failed = try await client.post(Paths.nexItems, ["name": "x"])
                #expect(failed.status == 503)
                #expect(failed.json == ["error": "Something went wrong please try again later"])
            }
            #expect(try await client.post(Paths.nexItems, ["name": "x"]).status == 201)
            #expect(await simulator.storedItems().count == 1)
            let faults = await simulator.requestLog().map(\.fault)
            #expect(faults == [nil, "status", "status", nil])
        }
    }

    @Test func rateLimitBurstDoesNotTouchTheRealBudget() async throws {
        try await SimulatorHarness.with(SimulatorHarness.configuration(rateLimit: "5/minute")) { simulator, client in
            await simulator.injectFault(
                FaultRule(pathPrefix: "/api/v1/", action: .rateLimited(retryAfter: 2), selection: .next(3)))
            for _ in 0..<3 {
                let throttled = try await client.get("users/me/")
                #expect(throttled.status == 429)
                #expect(throttled.headers["retry-after"] == "2")
                #expect(throttled.json == ["error_code": 5900, "error_message": "RATE_LIMIT_EXCEEDED"])
            }
            #expect(try await client.get("users/me/").headers["x-ratelimit-remaining"] == "4")
        }
    }

    @Test func delayHoldsTheAnswer() async throws {
        try await SimulatorHarness.with { simulator, client in
            await simulator.injectFault(FaultRule(pathPrefix: "/api/v1/users/", action: .delay(.milliseconds(300))))
            let start = ContinuousClock.now
            let result = try await client.get("users/me/")
            let elapsed = ContinuousClock.now - start
            #expect(result.status == 200)
            #expect(elapsed >= .milliseconds(300))
        }
    }

    @Test func droppedConnectionsAreNetworkErrorsAndApplyNothing() async throws {
        try await SimulatorHarness.with { simulator, client in
            await simulator.injectFault(FaultRule(method: "POST", pathPrefix: Self.items, action: .dropConnection))
            await #expect(throws: (any Error).self) { try await client.post(Paths.nexItems, ["name": "lost"]) }
            #expect(await simulator.storedItems().isEmpty)
            let log = await simulator.requestLog()
            #expect(log.count == 1)
            #expect(log.first?.status == nil)
            #expect(log.first?.fault == "drop")
            // Reads still work on a new connection.
            let after = try await client.get(Paths.nexItems)
            #expect(after.status == 200)
        }
    }

    @Test func applyThenDropWritesButTheClientNeverSeesTheAnswer() async throws {
        try await SimulatorHarness.with { simulator, client in
            await simulator.injectFault(FaultRule(method: "POST", pathPrefix: Self.items, action: .applyThenDrop))
            await #expect(throws: (any Error).self) {
                try await client.post(
                    Paths.nexItems, ["name": "ghost", "external_id": "g", "external_source": "nexus"])
            }
            await simulator.clearFaults()
            let stored = await simulator.storedItems()
            #expect(stored.count == 1)
            #expect(stored.first?["name"] == "ghost")
            let lookup = try await client.get(Paths.nexItems + "?external_id=g&external_source=nexus")
            #expect(lookup.status == 200)
            let log = await simulator.requestLog()
            #expect(log.map(\.fault) == ["apply-then-drop", nil])
        }
    }

    @Test func fractionalFaultsAreReproducibleForAGivenSeed() async throws {
        func run() async throws -> [Int] {
            try await SimulatorHarness.with { simulator, client in
                await simulator.injectFault(
                    FaultRule(pathPrefix: "/api/v1/users/", action: .status(502), selection: .fraction(0.5)))
                var statuses: [Int] = []
                for _ in 0..<20 { statuses.append(try await client.get("users/me/").status) }
                return statuses
            }
        }
        let first = try await run()
        #expect(first == (try await run()))
        #expect(first.contains(502))
        #expect(first.contains(200))
    }

    @Test func requestLogRecordsEverythingButTheKey() async throws {
        try await SimulatorHarness.with { simulator, client in
            _ = try await client.get(Paths.nexItems + "?per_page=2&order_by=-updated_at")
            _ = try await client.post(Paths.nexItems, ["name": "logged"])
            let log = await simulator.requestLog()
            #expect(log.map(\.method) == ["GET", "POST"])
            #expect(log.first?.pathAndQuery == Self.items + "?per_page=2&order_by=-updated_at")
            #expect(log.map(\.status) == [200, 201])
            #expect(log.first?.headers["x-api-key"] == "[REDACTED]")
            let everything = log.map { "\($0)" }.joined()
            #expect(!everything.contains(PlaneFixtures.botAPIKey))
            await simulator.clearRequestLog()
            #expect(await simulator.requestLog().isEmpty)
        }
    }

    @Test func resetReturnsToTheSeed() async throws {
        try await SimulatorHarness.with(SimulatorHarness.configuration(rateLimit: "3/minute")) { simulator, client in
            _ = try await client.post(Paths.nexItems, ["name": "temp"])
            await simulator.injectFault(FaultRule(pathPrefix: "/api/v1/", action: .status(500)))
            try await simulator.reset()
            #expect(await simulator.storedItems().isEmpty)
            #expect(await simulator.requestLog().isEmpty)
            let fresh = try await client.get("users/me/")
            #expect(fresh.status == 200)
            #expect(fresh.headers["x-ratelimit-remaining"] == "2")
        }
    }
}
