import Foundation
import Metrics
import Synchronization

/// Records what each run did as swift-metrics series (served in Prometheus text by ``MetricsServer``):
///
/// | series | kind | labels |
/// | --- | --- | --- |
/// | `boardsync_runs_total` | counter | `integration`, `mode`, `outcome` = `success`, `items_failed`, `failed` |
/// | `boardsync_items_total` | counter | `integration`, `outcome` = `created`, `updated`, `unchanged`, `deleted`, `recreated`, `adopted`, `conflict`, `failed`, `skipped`, `unlinked` |
/// | `boardsync_plane_requests_total` | counter | `integration`, `method`, `status` (`none`: no answer) |
/// | `boardsync_rate_budget_wait_seconds_total` | counter | `integration` |
/// | `boardsync_run_duration_seconds` | gauge (last run) | `integration`, `mode` |
/// | `boardsync_last_success_timestamp_seconds` | gauge | `integration` |
/// | `boardsync_sync_lag_seconds` | gauge | `integration` |
/// | `boardsync_integration_served` | gauge: 1 served by this replica, else 0 | `integration` |
/// | `boardsync_integration_refused` | gauge: 1 its document is refused, else 0 | `integration` |
/// | `boardsync_replicas` | gauge: live daemon replicas | |
///
/// Sync lag is the age of what Plane is known to reflect: the time since the *start* of the last successful
/// run (a board edit older than that is in Plane). It grows between runs; ``refreshLag(now:)`` updates it,
/// and ``MetricsServer`` calls that before every scrape. Dry runs are not recorded.
public final class RunMetrics: Sendable {
    private let factory: any MetricsFactory
    /// Integration → start of its last successful run.
    private let lastSuccessStart = Mutex<[String: Date]>([:])
    /// Every integration the daemon has named, so one that goes has its gauges set back to 0.
    private let named = Mutex<Set<String>>([])

    public init(factory: any MetricsFactory = MetricsSystem.factory) {
        self.factory = factory
    }

    /// Records one run: its summary, whether it stopped early (`RunFailure`), and the requests it sent.
    public func record(
        _ summary: RunSummary, stoppedEarly: Bool, requests: [RequestCountingTransport.Key: Int] = [:],
        now: Date = Date()
    ) {
        guard !summary.dryRun else { return }
        let integration = ("integration", summary.integration)
        let outcome = stoppedEarly ? "failed" : summary.failed > 0 ? "items_failed" : "success"
        Counter(
            label: "boardsync_runs_total", dimensions: [integration, ("mode", summary.mode), ("outcome", outcome)],
            factory: factory
        ).increment()
        let items: [(String, Int)] = [
            ("created", summary.created), ("updated", summary.updated), ("unchanged", summary.unchanged),
            ("deleted", summary.deleted), ("recreated", summary.recreated), ("adopted", summary.adopted),
            ("conflict", summary.conflicts), ("failed", summary.failed), ("skipped", summary.skipped),
            ("unlinked", summary.unlinked),
        ]
        for (name, count) in items {
            // Every outcome is touched, so each series exists (at 0) from the first run on.
            Counter(label: "boardsync_items_total", dimensions: [integration, ("outcome", name)], factory: factory)
                .increment(by: Int64(count))
        }
        for (key, count) in requests.sorted(by: { $0.key < $1.key }) {
            Counter(
                label: "boardsync_plane_requests_total",
                dimensions: [integration, ("method", key.method), ("status", key.status)], factory: factory
            ).increment(by: Int64(count))
        }
        FloatingPointCounter(
            label: "boardsync_rate_budget_wait_seconds_total", dimensions: [integration], factory: factory
        ).increment(by: summary.rateWaitSeconds)
        Gauge(
            label: "boardsync_run_duration_seconds", dimensions: [integration, ("mode", summary.mode)], factory: factory
        )
        .record(summary.durationSeconds)
        if !stoppedEarly {
            Gauge(label: "boardsync_last_success_timestamp_seconds", dimensions: [integration], factory: factory)
                .record(now.timeIntervalSince1970)
            lastSuccessStart.withLock { $0[summary.integration] = now.addingTimeInterval(-summary.durationSeconds) }
        }
        refreshLag(now: now)
    }

    /// Sets `boardsync_sync_lag_seconds` of every integration that has succeeded once to `now` minus the
    /// start of its last successful run.
    public func refreshLag(now: Date = Date()) {
        for (integration, start) in lastSuccessStart.withLock({ $0 }) {
            Gauge(label: "boardsync_sync_lag_seconds", dimensions: [("integration", integration)], factory: factory)
                .record(max(0, now.timeIntervalSince(start)))
        }
    }

    /// Records what the daemon serves: each integration it knows served here (1) or not (0), refused (1) or
    /// not (0), and how many replicas are live.
    public func record(_ view: ServedIntegrations) {
        let all = named.withLock { named in
            named.formUnion(view.served + view.refused)
            return named
        }
        let (mine, refused) = (Set(view.mine), Set(view.refused))
        for integration in all.sorted() {
            let dimensions = [("integration", integration)]
            Gauge(label: "boardsync_integration_served", dimensions: dimensions, factory: factory)
                .record(mine.contains(integration) ? 1 : 0)
            Gauge(label: "boardsync_integration_refused", dimensions: dimensions, factory: factory)
                .record(refused.contains(integration) ? 1 : 0)
        }
        Gauge(label: "boardsync_replicas", factory: factory).record(view.replicas)
    }
}
