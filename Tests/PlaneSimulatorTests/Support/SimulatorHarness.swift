import BoardSyncTestSupport
import Foundation
import PlaneSimulator

/// Starts one simulator per test on an ephemeral port, seeded from `fixtures/plane-seed.json`.
enum SimulatorHarness {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let seedPath = packageRoot.appendingPathComponent("fixtures/plane-seed.json").path
    static let adminToken = "test-admin-token"

    static func configuration(
        rateLimit: String = "1000/minute", timezone: String = "Z", bumpDelay: Duration = .milliseconds(30),
        clock: any Clock<Duration> = ContinuousClock(), startDate: Date? = nil
    ) -> PlaneSimulator.Configuration {
        PlaneSimulator.Configuration(
            seedFile: seedPath, rateLimit: rateLimit, timezone: timezone, bumpDelay: bumpDelay, clock: clock,
            startDate: startDate, adminToken: adminToken, logger: .silent())
    }

    /// Runs `body` against a fresh simulator and always stops it.
    static func with<T: Sendable>(
        _ configuration: PlaneSimulator.Configuration = configuration(),
        _ body: (PlaneSimulator, TestClient) async throws -> T
    ) async throws -> T {
        let simulator = try await PlaneSimulator.start(configuration)
        do {
            let result = try await body(simulator, TestClient(baseURL: simulator.baseURL))
            try await simulator.stop()
            return result
        } catch {
            try? await simulator.stop()
            throw error
        }
    }
}
