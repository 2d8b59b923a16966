import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Prometheus
import ServiceLifecycle

/// The daemon's HTTP endpoint: `/metrics` (Prometheus text of `registry`), `/healthz` (200 while the
/// process serves: the liveness probe) and `/readyz` (200 when ``HealthState`` says ready, 503 with the
/// reason otherwise: the readiness probe). Once it listens, it tells ``HealthState`` so. A swift-service-lifecycle `Service`: add it to the daemon's
/// `ServiceGroup` and it stops on the group's graceful shutdown (or when its task is cancelled).
public struct MetricsServer: Service {
    public var host: String
    /// 0 picks a free port (tests); `onListening` is told which.
    public var port: Int
    public var registry: PrometheusCollectorRegistry
    public var health: HealthState
    /// Called before each scrape, e.g. ``RunMetrics/refreshLag(now:)``.
    public var beforeScrape: @Sendable () -> Void
    public var onListening: @Sendable (Int) async -> Void
    public var logger: Logger

    public init(
        host: String = "0.0.0.0", port: Int, registry: PrometheusCollectorRegistry, health: HealthState,
        beforeScrape: @escaping @Sendable () -> Void = {},
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }, logger: Logger
    ) {
        self.host = host
        self.port = port
        self.registry = registry
        self.health = health
        self.beforeScrape = beforeScrape
        self.onListening = onListening
        self.logger = logger
    }

    public func run() async throws {
        let (registry, health, beforeScrape, onListening) = (registry, health, beforeScrape, onListening)
        let router = Router()
        router.get("/metrics") { _, _ -> Response in
            beforeScrape()
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return Response(
                status: .ok, headers: headers,
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
        }
        router.get("/healthz") { _, _ -> Response in
            Self.text(.ok, "ok\n")
        }
        router.get("/readyz") { _, _ -> Response in
            guard let reason = health.reason else { return Self.text(.ok, "ready\n") }
            return Self.text(.serviceUnavailable, "not ready: \(reason)\n")
        }
        let app = Application(
            router: router, configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                health.markListening()
                await onListening(channel.localAddress?.port ?? 0)
            }, logger: logger)
        try await app.run()
    }

    private static func text(_ status: HTTPResponse.Status, _ body: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}
