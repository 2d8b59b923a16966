import PlaneAPI
import TestClocks
import Testing

/// The pacer actor driven directly, event by event, on a clock the test controls.
@Suite struct PacerStateTests {
    private let roomy = PlaneRateLimit(requests: 600, period: .seconds(60))

    @Test func concurrentCallersWaitForTheFirstAnswerThenGoAtOnce() async throws {
        let clock = ManualClock()
        let pacer = PlanePacer(limit: .planeDefault, clock: clock)
        let scout = try await pacer.acquire()
        #expect(scout.isScout)
        let others = Task {
            try await withThrowingTaskGroup(of: PlanePacer.Permit.self) { group in
                for _ in 0..<5 { group.addTask { try await pacer.acquire() } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
        }
        #expect(await eventually { await pacer.waiting >= 5 })
        await pacer.complete(scout, outcome: .response(remaining: 59))
        let permits = try await others.value
        #expect(permits.count == 5)
        #expect(permits.allSatisfy { !$0.isScout && !$0.isProbe && $0.waited == .zero })
        #expect(clock.sleeps.isEmpty)
    }

    @Test func aLate429OfAnOlderRequestOutranksTheProbesSuccess() async throws {
        let clock = ManualClock()
        let pacer = PlanePacer(limit: roomy, clock: clock)
        await pacer.complete(try await pacer.acquire(), outcome: .response(remaining: 599))
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
        let clock = ManualClock()
        let pacer = PlanePacer(limit: roomy, clock: clock)
        let first = try await pacer.acquire()
        await pacer.complete(first, outcome: .throttled(retryAfter: .seconds(2)))
        let probe = try await pacer.acquire()
        await pacer.complete(probe, outcome: .noResponse)
        let again = try await pacer.acquire()
        #expect(again.isProbe)
    }

    @Test func capacityLeavesTheReserve() async {
        let clock = ContinuousClock()
        #expect(await PlanePacer(limit: .planeDefault, clock: clock).capacity == 57)
        #expect(await PlanePacer(limit: .planeDefault, reserve: 0.1, clock: clock).capacity == 54)
        #expect(await PlanePacer(limit: PlaneRateLimit(requests: 20, period: .seconds(1)), clock: clock).capacity == 19)
        #expect(await PlanePacer(limit: PlaneRateLimit(requests: 1, period: .seconds(1)), clock: clock).capacity == 1)
    }

    @Test func aCancelledWaitForTheBudgetEndsTheCallAndIsNotCounted() async throws {
        let clock = ManualClock(jumpsOnSleep: false)
        let pacer = PlanePacer(limit: PlaneRateLimit(requests: 1, period: .seconds(60)), clock: clock)
        await pacer.complete(try await pacer.acquire(), outcome: .response(remaining: 0))
        let waiting = Task { try await pacer.acquire() }
        #expect(await eventually { clock.sleepersWaiting >= 1 })
        waiting.cancel()
        await #expect(throws: CancellationError.self) { try await waiting.value }
        #expect(await pacer.waiting == 0)
    }
}
