import Foundation
import PlaneAPI
import TestClocks
import Testing

/// Pacing through the client, on a clock the test controls: requests take no time, waits jump the clock.
@Suite struct PacingTests {
    private let throttled = ScriptedTransport.Step.respond(
        .json(429, #"{"error_code": 5900, "error_message": "RATE_LIMIT_EXCEEDED"}"#, headers: ["Retry-After": "7"]))

    @Test(arguments: [
        ("60/minute", 60, 60), ("60/min", 60, 60), ("300/m", 300, 60), ("20/second", 20, 1), ("20/s", 20, 1),
        ("1000/hour", 1000, 3600), ("5/day", 5, 86_400),
    ])
    func parsesPlaneRateStrings(text: String, requests: Int, seconds: Int64) throws {
        let limit = try #require(PlaneRateLimit(text))
        #expect(limit.requests == requests)
        #expect(limit.period == .seconds(seconds))
    }

    @Test(arguments: ["60", "x/minute", "60/week", "0/minute", "-5/minute", "/minute", "60/"])
    func rejectsOtherRateStrings(_ text: String) {
        #expect(PlaneRateLimit(text) == nil)
    }

    @Test func aSmallBatchOnAFreshKeyNeverWaits() async throws {
        let clock = ManualClock()
        let transport = WindowTransport(limit: 60, period: .seconds(60), clock: clock)
        let client = makeClient(transport, clock: clock, rateLimit: .planeDefault)
        for _ in 0..<12 { _ = try await client.me() }
        #expect(client.stats.budgetWait == .zero)
        #expect(clock.sleeps.isEmpty)
    }

    @Test func spendsTheWindowDownToTheReserveThenSpreadsWithoutA429() async throws {
        let clock = ManualClock()
        let transport = WindowTransport(limit: 10, period: .seconds(1), clock: clock)
        let client = makeClient(transport, clock: clock, rateLimit: PlaneRateLimit(requests: 10, period: .seconds(1)))
        for _ in 0..<60 { _ = try await client.me() }
        let times = transport.accepted
        #expect(transport.refused == 0)
        // The first nine (ten less the reserve of one) at once, then the window's slots one by one.
        #expect(times.prefix(9).allSatisfy { $0 == times[0] })
        #expect(busiest(times, window: .seconds(1)) <= 9)
        let later = times.filter { $0 >= times[0] + .seconds(1) }
        for (earlier, next) in zip(later, later.dropFirst()) {
            #expect(next - earlier >= .seconds(1) / 9 - .milliseconds(1), "a burst after the first window")
        }
    }

    @Test func aNewProcessWaitsOnlyForWhatThePreviousOneLeftInTheWindow() async throws {
        let clock = ManualClock()
        let transport = WindowTransport(limit: 60, period: .seconds(60), clock: clock)
        // An earlier process spread 57 requests over the last minute, leaving the reserve.
        transport.fill(57)
        let client = makeClient(transport, clock: clock, rateLimit: .planeDefault)
        let start = clock.elapsed
        for _ in 0..<12 { _ = try await client.me() }
        #expect(transport.refused == 0)
        #expect(clock.elapsed - start <= .seconds(15))
        #expect(client.stats.budgetWait >= .seconds(9))
    }

    @Test func anotherClientsUseOfTheKeyLeavesLessBudget() async throws {
        let clock = ManualClock()
        let transport = WindowTransport(limit: 60, period: .seconds(60), clock: clock)
        transport.fill(30)
        let client = makeClient(transport, clock: clock, rateLimit: .planeDefault)
        _ = try await client.me()
        // 30 others, 1 ours: 26 of the 57 left to send at once.
        #expect(await client.pacer.freeBudget == 26)
        for _ in 0..<26 { _ = try await client.me() }
        #expect(client.stats.budgetWait == .zero)
        _ = try await client.me()
        #expect(client.stats.budgetWait > .zero)
        #expect(transport.refused == 0)
    }

    @Test func throttledRequestWaitsRetryAfterThenOneProbeGoesAlone() async throws {
        let clock = ManualClock()
        let transport = ScriptedTransport(
            [throttled, .slow(.milliseconds(150), .json(200, #"{"id": "u"}"#))],
            fallback: .respond(.json(200, #"{"id": "u", "email": "e"}"#)), clock: clock)
        let client = makeClient(transport, clock: clock)
        async let first = client.me()
        #expect(await eventually { !transport.records.isEmpty })
        let others = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<4 { group.addTask { try await client.me().id } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        _ = try await first
        #expect(others.count == 4)
        let records = transport.records
        #expect(records.count == 6)
        #expect(client.stats.throttled == 1)
        #expect(clock.sleeps.contains(.seconds(7)))
        #expect(client.stats.budgetWait >= .seconds(7))
        // the probe (second request) went alone, and nothing went before its answer
        #expect(records[1].inFlight == 1)
        let probeDone = try #require(transport.finishedAt(1))
        for record in records.dropFirst(2) { #expect(record.startedAt >= probeDone) }
    }

    @Test func aThrottledProbeWaitsAgainAndNeverBursts() async throws {
        let clock = ManualClock()
        let again = ScriptedTransport.Step.respond(.json(429, "{}", headers: ["Retry-After": "3"]))
        let transport = ScriptedTransport(
            [throttled, again], fallback: .respond(.json(200, #"{"id": "u", "email": "e"}"#)), clock: clock)
        let client = makeClient(transport, clock: clock)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<5 { group.addTask { _ = try await client.me() } }
            try await group.waitForAll()
        }
        #expect(client.stats.throttled == 2)
        #expect(transport.records.filter { $0.request.url.absoluteString.hasSuffix("/users/me/") }.count == 7)
        #expect(clock.sleeps.contains(.seconds(7)))
        #expect(clock.sleeps.contains(.seconds(3)))
    }

    @Test func persistentThrottlingGivesUpAfterTheConfiguredWaits() async throws {
        let clock = ManualClock()
        let transport = ScriptedTransport(fallback: throttled, clock: clock)
        let client = makeClient(transport, clock: clock)
        let error = await planeError { try await client.me() }
        #expect(error?.code == .rateLimited)
        #expect(transport.records.count == 20)
    }

    @Test func oneKeyOnePacerSharedByClientsFollowingTheLatestSettings() async throws {
        let registry = PlanePacerRegistry()
        let text = makeTestKey()
        let clock = ManualClock()
        let one = registry.pacer(for: PlaneAPIKey(text), limit: .planeDefault, clock: clock)
        let two = registry.pacer(
            for: PlaneAPIKey(text), limit: PlaneRateLimit(requests: 5, period: .seconds(1)), reserve: 0.2, clock: clock)
        let other = registry.pacer(for: PlaneAPIKey(makeTestKey()), limit: .planeDefault, clock: clock)
        #expect(one === two)
        #expect(one !== other)
        #expect(registry.count == 2)
        // The new settings apply from the next request on.
        await one.complete(try await one.acquire(), outcome: .response(remaining: 4))
        #expect(await one.limit == PlaneRateLimit(requests: 5, period: .seconds(1)))
        #expect(await one.capacity == 4)
    }

    @Test func aLaterClientOfTheKeyKeepsWhatTheProcessLearnedOfItsWindow() async throws {
        // The daemon builds a client per run; the registry hands each the key's one pacer.
        let clock = ManualClock()
        let transport = WindowTransport(limit: 60, period: .seconds(60), clock: clock)
        let registry = PlanePacerRegistry()
        let key = PlaneAPIKey(makeTestKey())
        func client() -> PlaneClient {
            PlaneClient(
                configuration: PlaneClientConfiguration(
                    baseURL: URL(string: "http://plane.test/api/v1")!, apiKey: key, workspaceSlug: "acme"),
                transport: transport, clock: clock, pacers: registry, logger: silentLogger)
        }
        let first = client()
        for _ in 0..<50 { _ = try await first.me() }
        clock.advance(by: .seconds(6))
        let second = client()
        #expect(second.pacer === first.pacer)
        // It knows 50 of the key's 57 are spent: 7 go at once, the next waits for a slot.
        #expect(await second.pacer.freeBudget == 7)
        for _ in 0..<8 { _ = try await second.me() }
        #expect(transport.refused == 0)
        #expect(second.stats.budgetWait > .seconds(40))
    }

    @Test func concurrentTasksShareTheBudgetAndStayUnderTheLimit() async throws {
        let clock = ManualClock()
        let transport = WindowTransport(limit: 50, period: .seconds(1), clock: clock)
        let client = makeClient(transport, clock: clock, rateLimit: PlaneRateLimit(requests: 50, period: .seconds(1)))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask { for _ in 0..<20 { _ = try await client.me() } }
            }
            try await group.waitForAll()
        }
        #expect(transport.accepted.count == 160)
        #expect(transport.refused == 0)
        #expect(busiest(transport.accepted, window: .seconds(1)) <= 47)
    }
}
