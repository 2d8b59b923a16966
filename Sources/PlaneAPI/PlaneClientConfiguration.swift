import Foundation

/// Everything a ``PlaneClient`` needs to know about one Plane workspace and key.
public struct PlaneClientConfiguration: Sendable {
    /// The API root, including `/api/v1` (e.g. `https://plane.example.com/api/v1`).
    public var baseURL: URL
    /// Sent as `X-Api-Key`; never printed.
    public var apiKey: PlaneAPIKey
    /// The workspace slug every path is scoped to.
    public var workspaceSlug: String
    /// The key's budget (the integration's `rate_limit`; Plane's default `60/minute`). This process never
    /// sends more, whatever Plane's `X-RateLimit-Remaining` says.
    public var rateLimit: PlaneRateLimit
    /// The share of ``rateLimit`` left to other clients of the key (the integration's `rate_reserve`),
    /// rounded up to whole requests; default ``defaultRateReserve`` (5 %).
    public var rateReserve: Double
    /// How long one request may take before it counts as timed out. Default 30 s.
    public var requestTimeout: Duration
    /// Retries of 5xx, timeouts and dropped connections.
    public var retry: PlaneRetryPolicy
    /// How many 429s one call may meet before it fails with ``PlaneAPIError/Code/rateLimited``.
    public var maxThrottledAttempts: Int
    /// Extra headers sent with every POST, PATCH and DELETE (e.g. `X-BoardSync-Lease`).
    public var writeHeaders: [String: String]
    /// Sent as `User-Agent`.
    public var userAgent: String

    /// The default ``rateReserve``: 5 % of the limit (3 of Plane's default 60 a minute).
    public static let defaultRateReserve = 0.05

    public init(
        baseURL: URL, apiKey: PlaneAPIKey, workspaceSlug: String, rateLimit: PlaneRateLimit = .planeDefault,
        rateReserve: Double = defaultRateReserve, requestTimeout: Duration = .seconds(30),
        retry: PlaneRetryPolicy = PlaneRetryPolicy(),
        maxThrottledAttempts: Int = 20, writeHeaders: [String: String] = [:], userAgent: String = "BoardSync-PlaneAPI"
    ) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.workspaceSlug = workspaceSlug
        self.rateLimit = rateLimit
        self.rateReserve = rateReserve
        self.requestTimeout = requestTimeout
        self.retry = retry
        self.maxThrottledAttempts = maxThrottledAttempts
        self.writeHeaders = writeHeaders
        self.userAgent = userAgent
    }
}
