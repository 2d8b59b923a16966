/// Where a run's apply phase stands, reported after each applied action (``SyncEngine/Options/progress``).
public struct SyncProgress: Sendable, Equatable {
    public var integration: String
    /// Plan actions applied so far (skips and failures included).
    public var applied: Int
    /// Plan actions in all.
    public var total: Int
    /// Plane requests the rest of the plan is estimated to send (its writes and lookups).
    public var remainingRequests: Int
    /// Seconds one request costs at the integration's rate budget (`rate_limit`).
    public var secondsPerRequest: Double

    public init(integration: String, applied: Int, total: Int, remainingRequests: Int, secondsPerRequest: Double) {
        self.integration = integration
        self.applied = applied
        self.total = total
        self.remainingRequests = remainingRequests
        self.secondsPerRequest = secondsPerRequest
    }
}
