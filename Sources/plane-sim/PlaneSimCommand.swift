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
    @Option(help: "POST each work item create and changed field here, as a Plane webhook does.") var webhook: String?
    @Option(help: "The webhook's secret (or env PLANE_SIM_WEBHOOK_SECRET): X-Plane-Signature's HMAC key.")
    var webhookSecret: String?
    @Option(help: "Delay before the one retry of a delivery that got no answer, in ms.")
    var webhookRetryDelayMs = 10_000

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0...65535") }
        guard bumpDelayMs >= 0 else { throw ValidationError("--bump-delay-ms must not be negative") }
        guard webhookRetryDelayMs >= 0 else { throw ValidationError("--webhook-retry-delay-ms must not be negative") }
        if let webhook {
            guard let url = URL(string: webhook), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
                throw ValidationError(
                    "--webhook must be an http(s) URL, e.g. http://127.0.0.1:8081/webhooks/plane/acme")
            }
            guard webhookSecretValue?.isEmpty == false else {
                throw ValidationError(
                    "--webhook needs --webhook-secret (or PLANE_SIM_WEBHOOK_SECRET): Plane signs every delivery")
            }
        }
    }

    func run() async throws {
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        // Hummingbird reports the cancellation that stops it as an error; only critical lines are useful here.
        var logger = Logger(label: "plane-sim")
        logger.logLevel = .critical
        let token = adminToken ?? ProcessInfo.processInfo.environment["PLANE_SIM_ADMIN_TOKEN"]
        var configuration = PlaneSimulator.Configuration(
            seedFile: seed, host: host, port: port, rateLimit: rateLimit, timezone: timezone,
            bumpDelay: .milliseconds(bumpDelayMs), adminToken: token, logger: logger)
        if let webhook, let url = URL(string: webhook), let secret = webhookSecretValue {
            configuration.webhook = WebhookTarget(
                url: url, secret: secret, retryDelay: .milliseconds(webhookRetryDelayMs))
        }
        let simulator = try await PlaneSimulator.start(configuration)
        FileHandle.standardOutput.write(Data("plane-sim listening on \(simulator.baseURL.absoluteString)\n".utf8))
        await Self.waitForSignal()
        try await simulator.stop()
    }

    private var webhookSecretValue: String? {
        webhookSecret ?? ProcessInfo.processInfo.environment["PLANE_SIM_WEBHOOK_SECRET"]
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
