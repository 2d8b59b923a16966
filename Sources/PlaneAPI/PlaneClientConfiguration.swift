import Foundation

/// Everything a ``PlaneClient`` needs to know about one Plane workspace and key.
public struct PlaneClientConfiguration: Sendable {
    /// The API root, including `/api/v1` (e.g. `https://plane.example.com/api/v1`).
    public var baseURL: URL
    /// Sent as `X-Api-Key`; never printed.
    public var apiKey: PlaneAPIKey
    /// The workspace slug every path is scoped to.
    public var workspaceSlug: String
    /// The key's budget (the integration's `rate_limit`; Plane's default `60/minute`).
    public var rateLimit: PlaneRateLimit
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

    public init(
        baseURL: URL, apiKey: PlaneAPIKey, workspaceSlug: String, rateLimit: PlaneRateLimit = .planeDefault,
        requestTimeout: Duration = .seconds(30), retry: PlaneRetryPolicy = PlaneRetryPolicy(),
        maxThrottledAttempts: Int = 20, writeHeaders: [String: String] = [:], userAgent: String = "BoardSync-PlaneAPI"
    ) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.workspaceSlug = workspaceSlug
        self.rateLimit = rateLimit
        self.requestTimeout = requestTimeout
        self.retry = retry
        self.maxThrottledAttempts = maxThrottledAttempts
        self.writeHeaders = writeHeaders
        self.userAgent = userAgent
    }
}
