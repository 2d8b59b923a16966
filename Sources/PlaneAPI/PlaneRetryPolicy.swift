/// How 5xx answers, timeouts and dropped connections are retried: a bounded number of attempts,
/// capped exponential backoff with jitter. (POSTs are never retried after the request may have
/// reached Plane; see ``PlaneAPIError/Code/outcomeUnknown``.)
public struct PlaneRetryPolicy: Sendable {
    /// Requests per call at most, the first included.
    public var maxAttempts: Int
    /// The delay before the first retry, before jitter.
    public var baseDelay: Duration
    /// The cap on any one delay, before jitter.
    public var maxDelay: Duration
    /// Returns a number in `0..<1`; inject a fixed one in tests.
    public var random: @Sendable () -> Double

    public init(
        maxAttempts: Int = 4, baseDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(20),
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.random = random
    }

    /// The delay before retry number `retry` (1 for the first): `min(max, base·2^(retry−1))`,
    /// scaled by a random factor in `[0.5, 1)` so clients that failed together do not return together.
    public func delay(beforeRetry retry: Int) -> Duration {
        let exponent = min(max(0, retry - 1), 30)
        let raw = baseDelay * (1 << exponent)
        let capped = min(raw, maxDelay)
        return capped * (0.5 + 0.5 * min(max(random(), 0), 1))
    }
}
