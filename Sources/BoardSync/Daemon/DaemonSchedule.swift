/// When `boardsync run` syncs an integration: every `interval` (with jitter, so replicas and integrations
/// spread out), a full resync every `fullEvery`, and within seconds of a board edit seen by the change
/// stream; and how it keeps up with the `integrations` collection and the other replicas.
public struct DaemonSchedule: Sendable, Equatable {
    public var interval: Duration
    public var fullEvery: Duration
    /// Each wait is `interval` times a factor drawn from 1 ± `jitter`.
    public var jitter: Double
    /// After a change event, wait this long for more before syncing (a burst of edits makes one run).
    public var debounce: Duration
    /// Watch `board_items` and `integrations` (on a replica set); off, or on a standalone server, the
    /// interval syncs and the integrations are read again every `integrationsPoll`.
    public var watch: Bool
    /// How long one wait of a change stream lasts on the server: short, so a shutdown is prompt.
    public var maxAwait: Duration
    /// After a run that failed (Plane outage, MongoDB error), the next try comes this soon at most.
    public var retryAfterFailure: Duration
    /// A replica that has not announced itself for this long is gone, and its integrations move to the
    /// others; each replica announces itself every third of it.
    public var heartbeat: Duration
    /// How often the `integrations` documents are read again, change stream or not (the only way on a
    /// standalone server; otherwise a safety net).
    public var integrationsPoll: Duration
    /// Set when the daemon receives Plane's webhook deliveries (`--webhook-port`): they are acted on within
    /// a `debounce`, and a tick with nothing to push skips the listing while they are trusted.
    public var webhooks: Webhooks?

    public struct Webhooks: Sendable, Equatable {
        /// A listing still runs this often (deletes send no delivery; a delivery Plane failed is not retried).
        public var planePoll: Duration
        /// An echo of our own write later than this makes the daemon list every tick again (``EchoWatch``).
        public var echoTimeout: Duration
        /// The several deliveries of one PATCH (one per changed field) make one decision.
        public var debounce: Duration

        public init(
            planePoll: Duration = .seconds(900), echoTimeout: Duration = .seconds(120),
            debounce: Duration = .milliseconds(300)
        ) {
            self.planePoll = planePoll
            self.echoTimeout = echoTimeout
            self.debounce = debounce
        }
    }

    public init(
        interval: Duration = .seconds(300), fullEvery: Duration = .seconds(86_400), jitter: Double = 0.1,
        debounce: Duration = .milliseconds(500), watch: Bool = true, maxAwait: Duration = .milliseconds(500),
        retryAfterFailure: Duration = .seconds(30), heartbeat: Duration = .seconds(15),
        integrationsPoll: Duration = .seconds(5), webhooks: Webhooks? = nil
    ) {
        self.interval = interval
        self.fullEvery = fullEvery
        self.jitter = jitter
        self.debounce = debounce
        self.watch = watch
        self.maxAwait = maxAwait
        self.retryAfterFailure = retryAfterFailure
        self.heartbeat = heartbeat
        self.integrationsPoll = integrationsPoll
        self.webhooks = webhooks
    }

    /// The next wait: `interval` with jitter.
    func nextInterval<Generator: RandomNumberGenerator>(using generator: inout Generator) -> Duration {
        guard jitter > 0 else { return interval }
        return interval * Double.random(in: (1 - jitter)...(1 + jitter), using: &generator)
    }

    /// How often a replica announces itself.
    var heartbeatEvery: Duration { heartbeat / 3 }
}
