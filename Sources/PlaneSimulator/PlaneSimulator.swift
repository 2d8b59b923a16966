import Foundation
import Hummingbird
import Logging
import NIOCore

/// A fake Plane server speaking Plane's public REST API (`/api/v1/`) over real HTTP, for tests,
/// the demo and benchmarks. Start one per test with ``start(_:)``; stop it with ``stop()``.
public final class PlaneSimulator: Sendable {
    /// `http://host:port` (no trailing slash); Plane's API lives under `/api/v1/`.
    public let baseURL: URL
    public let port: Int
    let core: SimulatorCore
    private let task: Task<Void, any Error>

    private init(baseURL: URL, port: Int, core: SimulatorCore, task: Task<Void, any Error>) {
        self.baseURL = baseURL
        self.port = port
        self.core = core
        self.task = task
    }

    /// Starts a simulator and returns once it accepts connections.
    /// - Throws: ``SimulatorError`` for a bad seed or configuration, or the bind error.
    public static func start(_ configuration: Configuration) async throws -> PlaneSimulator {
        let seed =
            try configuration.seed ?? PlaneSeed.load(path: configuration.seedFile ?? Configuration.defaultSeedPath)
        guard let timezone = PlaneTimezone(configuration.timezone) else {
            throw SimulatorError.configuration("timezone must look like +05:30 or Z")
        }
        let core = try SimulatorCore(
            seed: seed,
            settings: .init(
                timezone: timezone, rate: configuration.rateLimit, bumpDelay: configuration.bumpDelay,
                clock: SimulatorClock(configuration.clock, startDate: configuration.startDate ?? Date()),
                maxBodyBytes: configuration.maxBodyBytes, adminToken: configuration.adminToken,
                faultSeed: configuration.faultSeed, requestLogLimit: configuration.requestLogLimit,
                externalPairConflict: configuration.externalPairConflict,
                externalPairRaceWindow: configuration.externalPairRaceWindow, webhook: configuration.webhook))
        await core.webhooks.start()
        let responder = SimulatorResponder(
            core: core, maxBodyBytes: configuration.maxBodyBytes, adminToken: configuration.adminToken)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            responder: responder,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            },
            logger: configuration.logger)
        let task = Task {
            defer { continuation.finish() }
            try await app.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            _ = await task.result
            try await task.value
            throw SimulatorError.configuration("server stopped before it started")
        }
        let base = URL(string: "http://\(configuration.host):\(port)")!
        return PlaneSimulator(baseURL: base, port: port, core: core, task: task)
    }

    /// Stops the server and waits for it to close.
    public func stop() async throws {
        await core.webhooks.stop()
        task.cancel()
        _ = await task.result
    }

    /// The `/api/v1` base, e.g. `http://127.0.0.1:54321/api/v1`.
    public var apiBaseURL: URL { baseURL.appendingPathComponent("api/v1") }
}

extension Logger {
    /// A logger that writes nothing: the library logs only what the caller asks for.
    public static let planeSimSilent = Logger(label: "plane-sim", factory: { _ in SwiftLogNoOpLogHandler() })
}
