import Foundation
import PlaneAPI
import Testing

@Suite struct PacingTests {
    private func ok(remaining: Int? = nil) -> ScriptedTransport.Step {
        .respond(
            .json(
                200, #"{"id": "u", "email": "e"}"#, headers: remaining.map { ["X-RateLimit-Remaining": "\($0)"] } ?? [:]
            ))
    }

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

    @Test func pacesEvenlyBelowTheLimit() async throws {
        let clock = FakeClock()
        let transport = ScriptedTransport(fallback: ok(), clock: clock)
        let client = makeClient(transport, clock: clock, rateLimit: PlaneRateLimit(requests: 10, period: .seconds(1)))
        for _ in 0..<25 { _ = try await client.me() }
        let times = transport.records.compactMap(\.clockTime)
        #expect(times.count == 25)
        for (index, time) in times.enumerated() {
            let inWindow = times[index...].prefix { $0 < time + .seconds(1) }.count
            // spacing of period / 9 puts 9 gaps, so 10 requests, in one closed second: the limit, never more
            #expect(inWindow <= 10, "more than the limit within one second")
        }
        for (earlier, later) in zip(times, times.dropFirst()) {
            #expect(later - earlier >= .milliseconds(111))
        }
        #expect(client.stats.budgetWait >= .milliseconds(111 * 24))
        #expect(client.stats.budgetWait < .milliseconds(112 * 24))
    }

    @Test func slowsDownAsOtherClientsSpendTheBudget() async throws {
        let clock = FakeClock()
        let transport = ScriptedTransport([ok(remaining: 59), ok(remaining: 30), ok(remaining: 5)], clock: clock)
        let client = makeClient(transport, clock: clock, rateLimit: .planeDefault)
        _ = try await client.me()
        let alone = await client.pacer.currentInterval
        _ = try await client.me()
        let shared = await client.pacer.currentInterval
        _ = try await client.me()
        let crowded = await client.pacer.currentInterval
        #expect(alone == .seconds(60) / 54)
        // 30 spent, 2 of them ours: 28 by others, 26 of the 54 left for us
        #expect(shared == .seconds(60) / 26)
        // 55 spent, 3 ours: 52 by others, 2 left
        #expect(crowded == .seconds(30))
        #expect(alone < shared && shared < crowded)
    }

    @Test func throttledRequestWaitsRetryAfterThenOneProbeGoesAlone() async throws {
        let clock = FakeClock()
        let transport = ScriptedTransport(
            [throttled, .slow(.milliseconds(150), .json(200, #"{"id": "u"}"#))], fallback: ok(), clock: clock)
        let client = makeClient(transport, clock: clock)
        async let first = client.me()
        while transport.records.isEmpty { await Task.yield() }
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
        let clock = FakeClock()
        let again = ScriptedTransport.Step.respond(.json(429, "{}", headers: ["Retry-After": "3"]))
        let transport = ScriptedTransport([throttled, again], fallback: ok(), clock: clock)
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
        let clock = FakeClock()
        let transport = ScriptedTransport(fallback: throttled, clock: clock)
        let client = makeClient(transport, clock: clock)
        let error = await planeError { try await client.me() }
        #expect(error?.code == .rateLimited)
        #expect(transport.records.count == 20)
    }

    @Test func oneKeyOnePacerSharedByClients() {
        let registry = PlanePacerRegistry()
        let text = makeTestKey()
        let one = registry.pacer(for: PlaneAPIKey(text), limit: .planeDefault, clock: FakeClock())
        let two = registry.pacer(
            for: PlaneAPIKey(text), limit: PlaneRateLimit(requests: 5, period: .seconds(1)), clock: FakeClock())
        let other = registry.pacer(for: PlaneAPIKey(makeTestKey()), limit: .planeDefault, clock: FakeClock())
        #expect(one === two)
        #expect(one !== other)
        #expect(registry.count == 2)
    }

    @Test func concurrentRequestsOnTheRealClockStayUnderTheLimit() async throws {
        let clock = PlaneSystemClock()
        let transport = ScriptedTransport(fallback: ok(), clock: clock)
        let client = makeClient(transport, clock: clock, rateLimit: PlaneRateLimit(requests: 50, period: .seconds(1)))
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<30 { group.addTask { _ = try await client.me() } }
            try await group.waitForAll()
        }
        let elapsed = ContinuousClock.now - start
        let times = transport.records.compactMap(\.clockTime).sorted()
        #expect(times.count == 30)
        // 45 per second at most: 30 requests need at least 29 gaps of 22 ms
        #expect(elapsed >= .milliseconds(600))
        // grants are spaced by 1/45 s; the transport sees them with scheduling jitter, so check the
        // overall spread and the window rather than each gap
        let first = try #require(times.first)
        let last = try #require(times.last)
        #expect(last - first >= .milliseconds(29 * 20))
        for (index, time) in times.enumerated() {
            #expect(times[index...].prefix { $0 < time + .seconds(1) }.count <= 46)
        }
    }
}
