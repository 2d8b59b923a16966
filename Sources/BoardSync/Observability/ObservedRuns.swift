import Foundation
import Logging
import Prometheus

/// The daemon's metrics: each integration's Plane requests counted by a transport of its own, every run
/// recorded by ``RunMetrics``, all served by a ``MetricsServer`` (`run --metrics-port`).
public struct ObservedRuns: Sendable {
    public let registry = PrometheusCollectorRegistry()
    public let metrics: RunMetrics
    public let health = HealthState()
    private let transports: [String: RequestCountingTransport]

    public init(integrations: [Integration]) {
        metrics = RunMetrics(factory: PrometheusMetricsFactory(registry: registry))
        transports = Dictionary(
            integrations.map { ($0.id, RequestCountingTransport()) }, uniquingKeysWith: { first, _ in first })
    }

    /// A run's options, sending through the integration's counting transport.
    public var makeOptions: @Sendable (Integration, SyncEngine.Mode) -> SyncEngine.Options {
        let transports = transports
        return { integration, mode in
            var options = SyncEngine.Options(mode: mode)
            options.transport = transports[integration.id]
            return options
        }
    }

    /// Records a run that took the lease, with the requests it sent.
    public var record: @Sendable (Integration, Result<SyncEngine.Report, any Error>) -> Void {
        let transports = transports
        let metrics = metrics
        return { integration, result in
            let requests = transports[integration.id]?.take() ?? [:]
            switch result {
            case .success(let report):
                metrics.record(report.summary, stoppedEarly: false, requests: requests)
            case .failure(let failure as RunFailure):
                metrics.record(failure.summary, stoppedEarly: true, requests: requests)
            case .failure:
                break
            }
        }
    }

    public func server(port: Int, logger: Logger) -> MetricsServer {
        let metrics = metrics
        return MetricsServer(
            port: port, registry: registry, health: health, beforeScrape: { metrics.refreshLag() }, logger: logger)
    }
}
