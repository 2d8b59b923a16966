import Synchronization

/// How many requests ended in each ``WebhookOutcome`` since the receiver started: what the daemon's
/// `/metrics` can expose (`boardsync_webhook_deliveries_total{outcome=…}`) and tests read.
public final class WebhookCounters: Sendable {
    private let counts = Mutex<[WebhookOutcome: Int]>([:])

    public init() {}

    func count(_ outcome: WebhookOutcome) {
        counts.withLock { $0[outcome, default: 0] += 1 }
    }

    public subscript(_ outcome: WebhookOutcome) -> Int { counts.withLock { $0[outcome] ?? 0 } }

    /// Every outcome with its count, zeros included.
    public var snapshot: [WebhookOutcome: Int] {
        let counted = counts.withLock { $0 }
        return Dictionary(uniqueKeysWithValues: WebhookOutcome.allCases.map { ($0, counted[$0] ?? 0) })
    }

    /// All requests counted.
    public var total: Int { counts.withLock { $0.values.reduce(0, +) } }
}
