import ArgumentParser
import Foundation
import Logging
import PlaneSimulator

/// `plane-sim`: runs the Plane simulator as its own process until SIGTERM or SIGINT.
@main
struct PlaneSimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plane-sim", abstract: "A fake Plane server (public REST API v1) for tests and demos.")

    @Option(help: "Port to listen on (0 picks a free one).") var port: Int
    @Option(help: "Address to bind.") var host = "127.0.0.1"
    @Option(help: "Rate limit per API key, Plane's N/period form.") var rateLimit = "60/minute"
    @Option(help: "Offset of the key owner's timezone, e.g. +05:30 or Z.") var timezone = "Z"
    @Option(help: "Seed file.") var seed = "fixtures/plane-seed.json"
    @Option(help: "Token for the /_sim/ admin API (or env PLANE_SIM_ADMIN_TOKEN).") var adminToken: String?
    @Option(help: "Delay of the asynchronous updated_at bump, in ms.") var bumpDelayMs = 60

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0...65535") }
        guard bumpDelayMs >= 0 else { throw ValidationError("--bump-delay-ms must not be negative") }
    }

    func run() async throws {
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        // Hummingbird reports the cancellation that stops it as an error; only critical lines are useful here.
        var logger = Logger(label: "plane-sim")
        logger.logLevel = .critical
        let token = adminToken ?? ProcessInfo.processInfo.environment["PLANE_SIM_ADMIN_TOKEN"]
        let simulator = try await PlaneSimulator.start(
            .init(
                seedFile: seed, host: host, port: port, rateLimit: rateLimit, timezone: timezone,
                bumpDelay: .milliseconds(bumpDelayMs), adminToken: token, logger: logger))
        FileHandle.standardOutput.write(Data("plane-sim listening on \(simulator.baseURL.absoluteString)\n".utf8))
        await Self.waitForSignal()
        try await simulator.stop()
    }

    /// Suspends until SIGTERM or SIGINT.
    private static func waitForSignal() async {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self)
        var sources: [any DispatchSourceSignal] = []
        for signalNumber in [SIGTERM, SIGINT] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { continuation.yield() }
            source.resume()
            sources.append(source)
        }
        var iterator = stream.makeAsyncIterator()
        _ = await iterator.next()
        sources.forEach { $0.cancel() }
    }
}
