/// When `boardsync run` syncs an integration: every `interval` (with jitter, so replicas and integrations
/// spread out), a full resync every `fullEvery`, and within seconds of a board edit seen by the change stream.
public struct DaemonSchedule: Sendable, Equatable {
    public var interval: Duration
    public var fullEvery: Duration
    /// Each wait is `interval` times a factor drawn from 1 ± `jitter`.
    public var jitter: Double
    /// After a change event, wait this long for more before syncing (a burst of edits makes one run).
    public var debounce: Duration
    /// Watch `board_items` (on a replica set); off, or on a standalone server, the interval alone syncs.
    public var watch: Bool
    /// How long one wait of the change stream lasts on the server: short, so a shutdown is prompt.
    public var maxAwait: Duration
    /// After a run that failed (Plane outage, MongoDB error), the next try comes this soon at most.
    public var retryAfterFailure: Duration

    public init(
        interval: Duration = .seconds(300), fullEvery: Duration = .seconds(86_400), jitter: Double = 0.1,
        debounce: Duration = .milliseconds(500), watch: Bool = true, maxAwait: Duration = .milliseconds(500),
        retryAfterFailure: Duration = .seconds(30)
    ) {
        self.interval = interval
        self.fullEvery = fullEvery
        self.jitter = jitter
        self.debounce = debounce
        self.watch = watch
        self.maxAwait = maxAwait
        self.retryAfterFailure = retryAfterFailure
    }

    /// The next wait: `interval` with jitter.
    func nextInterval<Generator: RandomNumberGenerator>(using generator: inout Generator) -> Duration {
        guard jitter > 0 else { return interval }
        return interval * Double.random(in: (1 - jitter)...(1 + jitter), using: &generator)
    }
}
