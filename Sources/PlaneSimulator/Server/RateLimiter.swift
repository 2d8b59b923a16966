/// Django REST framework's `SimpleRateThrottle` sliding window, one history per API key.
struct RateLimiter: Sendable {
    let limit: Int
    let periodSeconds: Double
    private var histories: [String: [Double]] = [:]

    /// Parses Plane's `N/period` form; only the first letter of the period counts (s, m, h, d).
    init?(rate: String) {
        let parts = rate.split(separator: "/")
        guard parts.count == 2, let count = Int(parts[0]), count > 0, let unit = parts[1].first else { return nil }
        switch unit {
        case "s": periodSeconds = 1
        case "m": periodSeconds = 60
        case "h": periodSeconds = 3600
        case "d": periodSeconds = 86_400
        default: return nil
        }
        limit = count
    }

    enum Decision: Equatable {
        /// Allowed; `remaining` requests left in the window after this one, `reset` = now + period (epoch s).
        case allowed(remaining: Int, reset: Int)
        /// Refused; seconds until the oldest request leaves the window, rounded up.
        case throttled(retryAfter: Int)
    }

    /// Checks and records one request at `now` (epoch seconds). Refused requests are not recorded.
    mutating func check(key: String, now: Double) -> Decision {
        var history = histories[key, default: []].filter { $0 > now - periodSeconds }
        if history.count >= limit {
            histories[key] = history
            let oldest = history.first ?? now
            return .throttled(retryAfter: Int((periodSeconds - (now - oldest)).rounded(.up)))
        }
        history.append(now)
        histories[key] = history
        return .allowed(remaining: limit - history.count, reset: Int(now + periodSeconds))
    }

    mutating func reset() { histories = [:] }
}
