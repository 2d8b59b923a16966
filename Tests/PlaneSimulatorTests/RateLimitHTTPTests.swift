import Foundation
import PlaneSimulator
import Testing

@Suite struct RateLimitHTTPTests {
    @Test func headersCountDownAndThe429HasPlanesShape() async throws {
        try await SimulatorHarness.with(SimulatorHarness.configuration(rateLimit: "3/minute")) { _, client in
            let before = Int(Date().timeIntervalSince1970)
            for expected in ["2", "1", "0"] {
                let result = try await client.get("users/me/")
                #expect(result.headers["x-ratelimit-remaining"] == expected)
                let reset = try #require(Int(result.headers["x-ratelimit-reset"] ?? ""))
                #expect((before + 59...before + 62).contains(reset))
            }
            let throttled = try await client.get("users/me/")
            #expect(throttled.status == 429)
            #expect(throttled.json == ["error_code": 5900, "error_message": "RATE_LIMIT_EXCEEDED"])
            let retry = try #require(Int(throttled.headers["retry-after"] ?? ""))
            #expect((59...60).contains(retry))
            #expect(throttled.headers["x-ratelimit-remaining"] == nil)
            #expect(throttled.headers["x-ratelimit-reset"] == nil)
        }
    }

    @Test func errorsFromHandlersConsumeButAuthFailuresDoNot() async throws {
        try await SimulatorHarness.with(SimulatorHarness.configuration(rateLimit: "10/minute")) { _, client in
            var anonymous = client
            anonymous.apiKey = nil
            _ = try await anonymous.get("users/me/")
            var nora = client
            nora.apiKey = PlaneFixtures.noraAPIKey
            _ = try await nora.get(Paths.ops + "work-items/")
            let notFound = try await client.get(Paths.nexItem("00000000-0000-0000-0000-000000000000"))
            #expect(notFound.status == 404)
            #expect(notFound.headers["x-ratelimit-remaining"] == "9")
            let invalid = try await client.post(Paths.nexItems, ["priority": "x"])
            #expect(invalid.status == 400)
            #expect(invalid.headers["x-ratelimit-remaining"] == "8")
            // Nora's own key has its own window, untouched by her 403.
            #expect(try await nora.get(Paths.nexItems).headers["x-ratelimit-remaining"] == "9")
        }
    }

    @Test func windowFreesAfterThePeriod() async throws {
        try await SimulatorHarness.with(SimulatorHarness.configuration(rateLimit: "2/second")) { _, client in
            #expect(try await client.get("users/me/").status == 200)
            #expect(try await client.get("users/me/").status == 200)
            let throttled = try await client.get("users/me/")
            #expect(throttled.status == 429)
            #expect(throttled.headers["retry-after"] == "1")
            try await Task.sleep(for: .milliseconds(1100))
            #expect(try await client.get("users/me/").status == 200)
        }
    }
}
