import Foundation
import Logging
import Prometheus
import Synchronization

/// The daemon's metrics and probes: each integration's Plane requests counted by a transport of its own,
/// every run recorded by ``RunMetrics``, what is served and refused, and MongoDB's answers for `/readyz`,
/// all served by a ``MetricsServer`` (`run --metrics-port`).
public final class ObservedRuns: Sendable {
    public let registry = PrometheusCollectorRegistry()
    public let metrics: RunMetrics
    public let health = HealthState()
    /// Deliveries by outcome and each integration's webhook fallback; share ``WebhookMetrics/counters`` with
    /// the daemon's ``WebhookReceiver``.
    public let webhooks: WebhookMetrics
    /// Integration → its counting transport, made when it first runs (integrations come and go).
    private let transports = Mutex<[String: RequestCountingTransport]>([:])

    public init() {
        let factory = PrometheusMetricsFactory(registry: registry)
        metrics = RunMetrics(factory: factory)
        webhooks = WebhookMetrics(factory: factory)
    }

    /// A run's options, sending through the integration's counting transport.
    public var makeOptions: @Sendable (Integration, SyncEngine.Mode) -> SyncEngine.Options {
        { [self] integration, mode in
            var options = SyncEngine.Options(mode: mode)
            options.transport = transport(integration.id)
            return options
        }
    }

    /// What the daemon tells: runs (with the requests they sent), what it serves, whether MongoDB answers,
    /// whether each integration's webhook deliveries stand in for the listing.
    public var observer: DaemonObserver {
        let (metrics, health, webhooks) = (metrics, health, webhooks)
        return DaemonObserver(
            run: { [self] integration, result in
                let requests = transport(integration.id).take()
                switch result {
                case .success(let report):
                    metrics.record(report.summary, stoppedEarly: false, requests: requests)
                case .failure(let failure as RunFailure):
                    metrics.record(failure.summary, stoppedEarly: true, requests: requests)
                case .failure:
                    break
                }
            },
            served: { metrics.record($0) },
            mongo: { health.mongo($0) }, webhooks: { webhooks.record($0) })
    }

    public func server(port: Int, logger: Logger) -> MetricsServer {
        let (metrics, webhooks) = (metrics, webhooks)
        return MetricsServer(
            port: port, registry: registry, health: health,
            beforeScrape: {
                metrics.refreshLag()
                webhooks.refresh()
            }, logger: logger)
    }

    private func transport(_ integrationId: String) -> RequestCountingTransport {
        transports.withLock { transports in
            if let existing = transports[integrationId] { return existing }
            let made = RequestCountingTransport()
            transports[integrationId] = made
            return made
        }
    }
}
