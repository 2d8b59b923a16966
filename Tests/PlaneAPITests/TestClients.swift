import Foundation
import Logging
import PlaneAPI
import TestClocks

let testProject = "5977fa62-f41e-44a1-b797-631155bba37e"
let testItem = "475d24ea-45d5-47d8-9407-8d1737b053a2"

/// A fresh key per client so tests never share a pacer.
func makeTestKey() -> String {
    "plane_api_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
}

/// A logger that writes nothing, for tests that do not look at the logs.
let silentLogger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

/// A client over `transport` with a clock the test controls, its own pacer registry, a generous budget and
/// deterministic jitter.
func makeClient(
    _ transport: any HTTPTransport, clock: any Clock<Duration> = ManualClock(), key: String = makeTestKey(),
    rateLimit: PlaneRateLimit = PlaneRateLimit(requests: 6000, period: .seconds(60)),
    retry: PlaneRetryPolicy = PlaneRetryPolicy(maxAttempts: 3, random: { 0.5 }),
    writeHeaders: [String: String] = [:], logger: Logger = silentLogger
) -> PlaneClient {
    let configuration = PlaneClientConfiguration(
        baseURL: URL(string: "http://plane.test/api/v1")!, apiKey: PlaneAPIKey(key), workspaceSlug: "acme",
        rateLimit: rateLimit, requestTimeout: .seconds(2), retry: retry, writeHeaders: writeHeaders)
    return PlaneClient(
        configuration: configuration, transport: transport, clock: clock, pacers: PlanePacerRegistry(), logger: logger)
}

/// Runs `body` and returns the ``PlaneAPIError`` it throws; records an issue when it throws
/// something else or nothing.
func planeError<T>(_ body: () async throws -> T) async -> PlaneAPIError? {
    do {
        _ = try await body()
        return nil
    } catch let error as PlaneAPIError {
        return error
    } catch {
        return PlaneAPIError(code: .unexpectedStatus, method: "?", endpoint: "?", message: "\(error)")
    }
}
