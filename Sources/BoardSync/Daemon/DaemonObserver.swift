/// What the daemon tells its observers (the metrics and the probes of `run --metrics-port`).
public struct DaemonObserver: Sendable {
    /// After each run that took the lease: its report, or why it stopped.
    public var run: @Sendable (Integration, Result<SyncEngine.Report, any Error>) -> Void
    /// After each read of the integrations or of the replicas: what is served, and where.
    public var served: @Sendable (ServedIntegrations) -> Void
    /// After each heartbeat: whether MongoDB answered, and if not, why (no secret in it).
    public var mongo: @Sendable (_ problem: String?) -> Void
    /// When an integration's webhook health changes (healthy, or falling back to listing every tick).
    public var webhooks: @Sendable (WebhookHealth) -> Void

    public init(
        run: @escaping @Sendable (Integration, Result<SyncEngine.Report, any Error>) -> Void = { _, _ in },
        served: @escaping @Sendable (ServedIntegrations) -> Void = { _ in },
        mongo: @escaping @Sendable (_ problem: String?) -> Void = { _ in },
        webhooks: @escaping @Sendable (WebhookHealth) -> Void = { _ in }
    ) {
        self.run = run
        self.served = served
        self.mongo = mongo
        self.webhooks = webhooks
    }
}

/// The daemon's view of the integrations at one moment.
public struct ServedIntegrations: Sendable, Equatable {
    /// Every integration the runs would serve (enabled and valid, or the one `--integration` names).
    public var served: [String]
    /// Documents refused (invalid, or sharing an `external_source` with one that came first).
    public var refused: [String]
    /// Those this replica serves.
    public var mine: [String]
    /// Live replicas, this one included.
    public var replicas: Int
}
