import Foundation
import PlaneAPI
import TestClocks
import Testing

@Suite struct CancellationTests {
    @Test func cancelledProbeHandsTheProbeToTheNextWaiter() async throws {
        let clock = ManualClock()
        // The transport waits on the real clock: the probe's answer never comes before it is cancelled.
        let transport = ScriptedTransport(
            [
                .respond(.json(429, "{}", headers: ["Retry-After": "7"])),
                .slow(.seconds(30), .json(200, #"{"id": "never"}"#)),
            ], fallback: .respond(.json(200, #"{"id": "u"}"#)))
        let client = makeClient(transport, clock: clock)
        let probe = Task { try await client.me() }
        #expect(await eventually { transport.records.count >= 2 })
        let waiter = Task { try await client.me() }
        #expect(await eventually { await client.pacer.waiting >= 1 })
        probe.cancel()
        await #expect(throws: CancellationError.self) { try await probe.value }
        #expect(try await waiter.value.id == "u")
        #expect(transport.records.count == 3)
    }

    @Test func cancellationWhileWaitingForTheBudgetStopsTheCall() async throws {
        let clock = ManualClock(jumpsOnSleep: false)
        let transport = ScriptedTransport(fallback: .respond(.json(200, #"{"id": "u"}"#)))
        let client = makeClient(transport, clock: clock, rateLimit: PlaneRateLimit(requests: 1, period: .seconds(60)))
        _ = try await client.me()
        let waiting = Task { try await client.me() }
        #expect(await eventually { clock.sleepersWaiting >= 1 })
        waiting.cancel()
        await #expect(throws: CancellationError.self) { try await waiting.value }
        #expect(transport.records.count == 1)
    }
}
