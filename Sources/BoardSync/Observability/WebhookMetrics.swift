import Metrics
import Synchronization

/// The webhook series of `/metrics`:
///
/// | series | kind | labels |
/// | --- | --- | --- |
/// | `boardsync_webhook_deliveries_total` | counter: requests to the receiver by what became of them | `outcome` = a ``WebhookOutcome`` (`stored`, `duplicate`, `bad_signature`, …) |
/// | `boardsync_webhook_fallback` | gauge: 1 while the integration lists Plane every tick because its deliveries stopped, 0 while they stand in for the listing | `integration` |
///
/// The receiver counts into a ``WebhookCounters`` of its own; ``refresh()`` (before each scrape) adds what
/// it counted since the last scrape, so every outcome is a series from the start (at 0).
public final class WebhookMetrics: Sendable {
    public let counters: WebhookCounters
    private let factory: any MetricsFactory
    /// What has been added to each counter so far.
    private let exported = Mutex<[WebhookOutcome: Int]>([:])

    public init(counters: WebhookCounters = WebhookCounters(), factory: any MetricsFactory = MetricsSystem.factory) {
        self.counters = counters
        self.factory = factory
    }

    public func refresh() {
        let snapshot = counters.snapshot
        let added = exported.withLock { exported in
            var added: [(WebhookOutcome, Int)] = []
            for (outcome, count) in snapshot {
                added.append((outcome, count - exported[outcome, default: 0]))
                exported[outcome] = count
            }
            return added
        }
        for (outcome, delta) in added.sorted(by: { $0.0 < $1.0 }) {
            Counter(
                label: "boardsync_webhook_deliveries_total", dimensions: [("outcome", outcome.rawValue)],
                factory: factory
            ).increment(by: Int64(delta))
        }
    }

    /// An integration's webhook health, as the daemon's worker tells it (``DaemonObserver/webhooks``).
    public func record(_ health: WebhookHealth) {
        Gauge(
            label: "boardsync_webhook_fallback", dimensions: [("integration", health.integrationId)], factory: factory
        )
        .record(health.state == .fallback ? 1 : 0)
    }
}
