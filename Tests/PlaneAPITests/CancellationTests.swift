import Foundation
import PlaneAPI
import Testing

@Suite struct CancellationTests {
    @Test func cancelledProbeHandsTheProbeToTheNextWaiter() async throws {
        let clock = FakeClock()
        let transport = ScriptedTransport(
            [
                .respond(.json(429, "{}", headers: ["Retry-After": "7"])),
                .slow(.seconds(30), .json(200, #"{"id": "never"}"#)),
            ], fallback: .respond(.json(200, #"{"id": "u"}"#)), clock: clock)
        let client = makeClient(transport, clock: clock)
        let probe = Task { try await client.me() }
        while transport.records.count < 2 { await Task.yield() }
        let waiter = Task { try await client.me() }
        try await Task.sleep(for: .milliseconds(50))
        probe.cancel()
        await #expect(throws: CancellationError.self) { try await probe.value }
        #expect(try await waiter.value.id == "u")
        #expect(transport.records.count == 3)
    }

    @Test func cancellationWhileWaitingForTheBudgetStopsTheCall() async throws {
        let transport = ScriptedTransport(fallback: .respond(.json(200, #"{"id": "u"}"#)))
        let client = makeClient(
            transport, clock: PlaneSystemClock(), rateLimit: PlaneRateLimit(requests: 1, period: .seconds(60)))
        _ = try await client.me()
        let waiting = Task { try await client.me() }
        try await Task.sleep(for: .milliseconds(50))
        waiting.cancel()
        await #expect(throws: CancellationError.self) { try await waiting.value }
        #expect(transport.records.count == 1)
    }
}
