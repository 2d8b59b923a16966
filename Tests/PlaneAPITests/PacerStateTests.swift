import PlaneAPI
import Testing

/// The pacer driven directly, event by event.
@Suite struct PacerStateTests {
    @Test func aLate429OfAnOlderRequestOutranksTheProbesSuccess() async throws {
        let clock = FakeClock()
        let pacer = PlanePacer(limit: PlaneRateLimit(requests: 600, period: .seconds(60)), clock: clock)
        let first = try await pacer.acquire()
        let second = try await pacer.acquire()
        await pacer.complete(first, outcome: .throttled(retryAfter: .seconds(7)))
        let probe = try await pacer.acquire()
        #expect(probe.isProbe)
        #expect(probe.waited >= .seconds(7))
        await pacer.complete(second, outcome: .throttled(retryAfter: .seconds(5)))
        await pacer.complete(probe, outcome: .response(remaining: 10))
        let next = try await pacer.acquire()
        #expect(next.isProbe)
        #expect(clock.sleeps.contains(.seconds(5)))
        await pacer.complete(next, outcome: .response(remaining: 500))
        let resumed = try await pacer.acquire()
        #expect(!resumed.isProbe)
    }

    @Test func aProbeWithoutAnswerLetsTheNextRequestProbe() async throws {
        let clock = FakeClock()
        let pacer = PlanePacer(limit: PlaneRateLimit(requests: 600, period: .seconds(60)), clock: clock)
        let first = try await pacer.acquire()
        await pacer.complete(first, outcome: .throttled(retryAfter: .seconds(2)))
        let probe = try await pacer.acquire()
        await pacer.complete(probe, outcome: .noResponse)
        let again = try await pacer.acquire()
        #expect(again.isProbe)
    }

    @Test func capacityLeavesHeadroom() async {
        #expect(await PlanePacer(limit: .planeDefault).capacity == 54)
        #expect(await PlanePacer(limit: PlaneRateLimit(requests: 20, period: .seconds(1))).capacity == 18)
        #expect(await PlanePacer(limit: PlaneRateLimit(requests: 1, period: .seconds(1))).capacity == 1)
    }
}
