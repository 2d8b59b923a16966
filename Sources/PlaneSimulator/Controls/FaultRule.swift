/// A fault to inject: which requests it matches, what happens to them, and how many it hits.
public struct FaultRule: Sendable {
    public enum Action: Sendable, Equatable {
        /// Answer with this status and body instead of Plane (default body: Plane's for that status).
        case status(Int, body: SimJSON? = nil)
        /// Wait, then answer normally.
        case delay(Duration)
        /// Close the connection without answering; nothing is applied.
        case dropConnection
        /// Handle the request (the write happens), then close the connection without the answer.
        case applyThenDrop
        /// Handle the request (the write happens), then wait before answering: a slow answer.
        case applyThenDelay(Duration)
        /// Plane's 429 with `Retry-After` (use with `.next(n)` for a burst).
        case rateLimited(retryAfter: Int)
    }

    public enum Selection: Sendable, Equatable {
        /// Every matching request.
        case always
        /// The next `n` matching requests.
        case next(Int)
        /// This fraction (0...1) of matching requests, drawn from the simulator's seeded generator.
        case fraction(Double)
    }

    /// HTTP method to match (nil: any).
    public var method: String?
    /// Path prefix to match, e.g. `/api/v1/workspaces/acme/projects/` (the query is not part of it).
    public var pathPrefix: String
    public var action: Action
    public var selection: Selection

    public init(method: String? = nil, pathPrefix: String, action: Action, selection: Selection = .always) {
        self.method = method
        self.pathPrefix = pathPrefix
        self.action = action
        self.selection = selection
    }

    func matches(method: String, path: String) -> Bool {
        (self.method.map { $0.uppercased() == method } ?? true) && path.hasPrefix(pathPrefix)
    }

    /// Plane-like body for an injected status.
    static func defaultBody(_ status: Int) -> SimJSON? {
        switch status {
        case 204: return nil
        case 400: return ["error": "The payload is not valid"]
        case 401: return ["detail": "Authentication credentials were not provided."]
        case 403: return ["detail": "You do not have permission to perform this action."]
        case 404: return ["error": "The requested resource does not exist."]
        case 429: return ["error_code": 5900, "error_message": "RATE_LIMIT_EXCEEDED"]
        case 500: return ["error": "Something went wrong please try again later"]
        default: return ["error": "Something went wrong please try again later"]
        }
    }
}

/// A rule with its remaining budget.
struct FaultState: Sendable {
    var rule: FaultRule
    var remaining: Int?
}

/// SplitMix64: a tiny reproducible generator for fractional fault rules.
struct SeededRandom: Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func nextUnit() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) / Double(1 << 53)
    }
}
