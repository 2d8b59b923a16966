import Foundation
import PlaneSimulator
import TestClocks
import Testing

/// The throttle over HTTP, on a clock the test moves: the window, `X-RateLimit-Reset` and `Retry-After`
/// are exact, and no test waits for a window to pass.
@Suite struct RateLimitHTTPTests {
    /// A whole second, so `Reset` is exactly `start + elapsed + period` truncated.
    private let start = Date(timeIntervalSince1970: 1_795_635_000)

    @Test func headersCountDownAndThe429HasPlanesShape() async throws {
        let clock = ManualClock()
        let configuration = SimulatorHarness.configuration(rateLimit: "3/minute", clock: clock, startDate: start)
        try await SimulatorHarness.with(configuration) { _, client in
            for (index, expected) in ["2", "1", "0"].enumerated() {
                let result = try await client.get("users/me/")
                #expect(result.headers["x-ratelimit-remaining"] == expected)
                #expect(result.headers["x-ratelimit-reset"] == String(1_795_635_060 + 10 * index))
                clock.advance(by: .seconds(10))
            }
            clock.advance(by: .milliseconds(500))
            let throttled = try await client.get("users/me/")
            #expect(throttled.status == 429)
            #expect(throttled.json == ["error_code": 5900, "error_message": "RATE_LIMIT_EXCEEDED"])
            // The oldest request (t = 0) leaves at 60 s; it is 30.5 s now: 29.5 s, rounded up.
            #expect(throttled.headers["retry-after"] == "30")
            #expect(throttled.headers["x-ratelimit-remaining"] == nil)
            #expect(throttled.headers["x-ratelimit-reset"] == nil)
        }
    }

    @Test func errorsFromHandlersConsumeButAuthFailuresDoNot() async throws {
        let configuration = SimulatorHarness.configuration(rateLimit: "10/minute", clock: ManualClock())
        try await SimulatorHarness.with(configuration) { _, client in
            var anonymous = client
            anonymous.apiKey = nil
            #expect(try await anonymous.get("users/me/").status == 401)
            var stranger = client
            stranger.apiKey = "plane_api_ffffffffffffffffffffffffffffffff"
            #expect(try await stranger.get("users/me/").status == 403)
            var nora = client
            nora.apiKey = PlaneFixtures.noraAPIKey
            #expect(try await nora.get(Paths.ops + "work-items/").status == 403)
            let notFound = try await client.get(Paths.nexItem("00000000-0000-0000-0000-000000000000"))
            #expect(notFound.status == 404)
            #expect(notFound.headers["x-ratelimit-remaining"] == "9")
            let invalid = try await client.post(Paths.nexItems, ["priority": "x"])
            #expect(invalid.status == 400)
            #expect(invalid.headers["x-ratelimit-remaining"] == "8")
            let put = try await client.send("PUT", Paths.nexItem("00000000-0000-0000-0000-000000000000"))
            #expect(put.status == 405)
            #expect(put.headers["x-ratelimit-remaining"] == "7")
            // Nora's own key has its own window, untouched by her 403.
            #expect(try await nora.get(Paths.nexItems).headers["x-ratelimit-remaining"] == "9")
        }
    }

    @Test func refusedRequestsDoNotCountAndTheWindowSlides() async throws {
        let clock = ManualClock()
        let configuration = SimulatorHarness.configuration(rateLimit: "2/second", clock: clock, startDate: start)
        try await SimulatorHarness.with(configuration) { _, client in
            #expect(try await client.get("users/me/").status == 200)
            clock.advance(by: .milliseconds(400))
            #expect(try await client.get("users/me/").status == 200)
            for _ in 0..<5 {
                let throttled = try await client.get("users/me/")
                #expect(throttled.status == 429)
                #expect(throttled.headers["retry-after"] == "1")
            }
            // The first request leaves at 1 s; the five refused ones were never counted.
            clock.advance(by: .milliseconds(600))
            let next = try await client.get("users/me/")
            #expect(next.status == 200)
            #expect(next.headers["x-ratelimit-remaining"] == "0")
            clock.advance(by: .milliseconds(400))
            #expect(try await client.get("users/me/").headers["x-ratelimit-remaining"] == "0")
        }
    }
}
