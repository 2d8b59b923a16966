import Foundation
import PlaneSimulator
import Testing

@Suite struct LifecycleTests {
    @Test func startsOnAnEphemeralPortAndReportsItsURL() async throws {
        try await SimulatorHarness.with { simulator, _ in
            #expect(simulator.port > 0)
            #expect(simulator.baseURL.absoluteString == "http://127.0.0.1:\(simulator.port)")
            #expect(simulator.apiBaseURL.absoluteString == "http://127.0.0.1:\(simulator.port)/api/v1")
        }
    }

    @Test func aTakenPortIsAnError() async throws {
        try await SimulatorHarness.with { simulator, _ in
            var configuration = SimulatorHarness.configuration()
            configuration.port = simulator.port
            await #expect(throws: (any Error).self) { _ = try await PlaneSimulator.start(configuration) }
        }
    }

    @Test func badConfigurationIsRejectedWithoutLeakingKeys() async throws {
        var configuration = SimulatorHarness.configuration()
        configuration.rateLimit = "fast"
        await #expect(throws: SimulatorError.self) { _ = try await PlaneSimulator.start(configuration) }
        configuration = SimulatorHarness.configuration(timezone: "Mars/Olympus")
        await #expect(throws: SimulatorError.self) { _ = try await PlaneSimulator.start(configuration) }
        var seed = try PlaneSeed.load(path: SimulatorHarness.seedPath)
        seed.apiKeys.append(PlaneSeed.APIKey(token: "plane_api_secret", user: "ghost@acme.example"))
        configuration = SimulatorHarness.configuration()
        configuration.seed = seed
        do {
            _ = try await PlaneSimulator.start(configuration)
            Issue.record("started with a key of an unknown user")
        } catch {
            #expect(!"\(error)".contains("plane_api_secret"))
        }
    }

    @Test func stoppedSimulatorsRefuseConnections() async throws {
        let simulator = try await PlaneSimulator.start(SimulatorHarness.configuration())
        let client = TestClient(baseURL: simulator.baseURL)
        #expect(try await client.get("users/me/").status == 200)
        try await simulator.stop()
        await #expect(throws: (any Error).self) { _ = try await client.get("users/me/") }
    }
}
