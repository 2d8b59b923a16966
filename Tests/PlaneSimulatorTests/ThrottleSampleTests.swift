import Foundation
import PlaneSimulator
import TestClocks
import Testing

/// The simulator's throttle against what a genuine Plane server answered (`fixtures/plane-samples/`) and
/// what docs/plane-api.md §7 says: one key's requests replayed at the moments the recording made them, on a
/// clock the test moves, give the recorded `X-RateLimit-Remaining`, `X-RateLimit-Reset` and `Retry-After`.
@Suite struct ThrottleSampleTests {
    /// The recorded exchanges that carry the throttle's headers, in the order they were made (Remaining
    /// counts down), and those that do not (401, 403, unknown URL).
    static func samples() throws -> (counted: [RecordedSample], uncounted: [RecordedSample]) {
        let all = try RecordedSample.allNames().map(RecordedSample.load)
        let counted = all.filter { $0.headers["x-ratelimit-remaining"] != nil }
            .sorted { Int($0.headers["x-ratelimit-remaining"]!)! > Int($1.headers["x-ratelimit-remaining"]!)! }
        let uncounted = all.filter { $0.headers["x-ratelimit-remaining"] == nil && $0.status != 429 }
        return (counted, uncounted)
    }

    @Test func remainingAndResetFollowTheRecordingRequestByRequest() async throws {
        let (counted, uncounted) = try Self.samples()
        // Remaining 59 down to 24; the recording also made three requests it kept no sample of (38, 37, 36).
        #expect(counted.count == 33)
        #expect(Set(uncounted.map(\.status)) == [401, 403, 404])
        // Plane's Reset is int(now + 60): the recording's first request came in the second before
        // `reset - 60`. Start the simulator's clock half a second into that second.
        let firstReset = try #require(Int(counted[0].headers["x-ratelimit-reset"] ?? ""))
        let start = Date(timeIntervalSince1970: Double(firstReset - 60) + 0.5)
        let clock = ManualClock()
        let configuration = SimulatorHarness.configuration(rateLimit: "60/minute", clock: clock, startDate: start)
        try await SimulatorHarness.with(configuration) { _, client in
            var anonymous = client
            anonymous.apiKey = nil
            var stranger = client
            stranger.apiKey = "plane_api_ffffffffffffffffffffffffffffffff"
            var remaining = 60
            for sample in counted {
                let reset = try #require(Int(sample.headers["x-ratelimit-reset"] ?? ""))
                clock.advance(by: .seconds(reset - firstReset) - (clock.elapsed - .seconds(1000)))
                let recorded = try #require(Int(sample.headers["x-ratelimit-remaining"] ?? ""))
                for _ in 0..<(remaining - recorded - 1) { #expect(try await client.get("users/me/").status == 200) }
                remaining = recorded
                // Requests Plane does not count, between the counted ones: no headers, no change.
                #expect(try await anonymous.get("users/me/").headers["x-ratelimit-remaining"] == nil)
                #expect(try await stranger.get("users/me/").headers["x-ratelimit-remaining"] == nil)
                #expect(try await client.get("/api/v1/no/such/route/").status == 404)
                let result = try await client.get("users/me/")
                #expect(result.status == 200)
                #expect(
                    result.headers["x-ratelimit-remaining"] == sample.headers["x-ratelimit-remaining"], "\(sample.name)"
                )
                #expect(result.headers["x-ratelimit-reset"] == sample.headers["x-ratelimit-reset"], "\(sample.name)")
            }
        }
    }

    @Test func theSixtyFirstRequestWithinAMinuteGetsTheRecorded429() async throws {
        let sample = try RecordedSample.load("rate-limited-429")
        let clock = ManualClock()
        let configuration = SimulatorHarness.configuration(rateLimit: "60/minute", clock: clock)
        try await SimulatorHarness.with(configuration) { sim, client in
            // Sixty requests 40 ms apart, counting down 59 … 0, Reset = now + 60 on each.
            for index in 0..<60 {
                let result = try await client.get(Paths.nexItems)
                #expect(result.headers["x-ratelimit-remaining"] == String(59 - index))
                let reset = try #require(Int(result.headers["x-ratelimit-reset"] ?? ""))
                let now = try #require(await sim.requestLog().last?.time.timeIntervalSince1970)
                #expect(reset == Int(now + 60))
                clock.advance(by: .milliseconds(40))
            }
            // 3 s after the first.
            clock.advance(by: .seconds(3) - .milliseconds(2400))
            // The recording's 61st request came 2 to 3 s after its first: the oldest leaves in 57 s, rounded up.
            let throttled = try await client.get(Paths.nexItems)
            #expect(throttled.status == sample.status)
            #expect(throttled.headers["retry-after"] == sample.headers["retry-after"])
            #expect(throttled.headers["x-ratelimit-remaining"] == nil)
            #expect(throttled.headers["x-ratelimit-reset"] == nil)
            #expect(throttled.json?.rendered == sample.body?.rendered)
            // A refused request is not counted: once the first leaves, exactly one slot is free.
            clock.advance(by: .seconds(57))
            let next = try await client.get(Paths.nexItems)
            #expect(next.status == 200)
            #expect(next.headers["x-ratelimit-remaining"] == "0")
            #expect(try await client.get(Paths.nexItems).status == 429)
        }
    }
}
