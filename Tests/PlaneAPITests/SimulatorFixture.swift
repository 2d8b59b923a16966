import Foundation
import PlaneAPI
import PlaneSimulator

/// One simulator per contract test, seeded from `fixtures/plane-seed.json`, with a client on it.
enum SimulatorFixture {
    static let seedPath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures/plane-seed.json").path
    static let project = PlaneFixtures.nexusProjectID
    static let source = "nexus/plane-acme"

    /// Runs `body` against a fresh simulator and always stops it.
    static func with<T: Sendable>(
        rateLimit: String = "6000/minute", timezone: String = "Z", maxBodyBytes: Int = 5 * 1024 * 1024,
        clock: any Clock<Duration> = ContinuousClock(), _ body: (PlaneSimulator) async throws -> T
    ) async throws -> T {
        let configuration = PlaneSimulator.Configuration(
            seedFile: seedPath, rateLimit: rateLimit, timezone: timezone, bumpDelay: .milliseconds(20), clock: clock,
            maxBodyBytes: maxBodyBytes, logger: silentLogger)
        let simulator = try await PlaneSimulator.start(configuration)
        do {
            let result = try await body(simulator)
            try await simulator.stop()
            return result
        } catch {
            try? await simulator.stop()
            throw error
        }
    }

    /// A client of `simulator` with its own pacer registry, short timeouts and quick retries (on `clock`).
    static func client(
        _ simulator: PlaneSimulator, key: String = PlaneFixtures.botAPIKey, rateLimit: String = "6000/minute",
        timeout: Duration = .seconds(2), userAgent: String = "BoardSync-PlaneAPI", writeHeaders: [String: String] = [:],
        clock: any Clock<Duration> = ContinuousClock()
    ) -> PlaneClient {
        let configuration = PlaneClientConfiguration(
            baseURL: simulator.apiBaseURL, apiKey: PlaneAPIKey(key), workspaceSlug: PlaneFixtures.workspaceSlug,
            rateLimit: PlaneRateLimit(rateLimit)!, requestTimeout: timeout,
            retry: PlaneRetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(20), maxDelay: .milliseconds(100)),
            writeHeaders: writeHeaders, userAgent: userAgent)
        return PlaneClient(
            configuration: configuration, clock: clock, pacers: PlanePacerRegistry(), logger: silentLogger)
    }

    /// A work item body with a fresh external pair.
    static func newItem(_ name: String = "contract item", externalID: String = UUID().uuidString)
        -> PlaneWorkItemCreate
    {
        PlaneWorkItemCreate(name: name, externalSource: source, externalID: externalID)
    }
}
