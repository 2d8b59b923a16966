/// Django REST framework's `SimpleRateThrottle` sliding window, one history per API key, as Plane's
/// `ApiKeyRateThrottle` uses it (docs/plane-api.md §7): the times of the key's allowed requests in the last
/// period; a request is refused when the window already holds the limit, and a refused request is not
/// recorded. Times are whole microseconds since the epoch, so a test that moves its clock gets exact edges.
struct RateLimiter: Sendable {
    let limit: Int
    let periodSeconds: Int64
    private var histories: [String: [Int64]] = [:]

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
        /// Allowed; `remaining` requests left in the window after this one (`X-RateLimit-Remaining`), `reset`
        /// = now + period in whole epoch seconds (`X-RateLimit-Reset`: Plane's `int(now + duration)`).
        case allowed(remaining: Int, reset: Int)
        /// Refused; seconds until the oldest request leaves the window, rounded up (`Retry-After`: DRF's
        /// `math.ceil(duration - (now - history[-1]))`).
        case throttled(retryAfter: Int)
    }

    /// Checks and records one request at `now` microseconds since the epoch.
    mutating func check(key: String, nowMicroseconds now: Int64) -> Decision {
        let period = periodSeconds * 1_000_000
        var history = histories[key, default: []].filter { $0 > now - period }
        if history.count >= limit {
            histories[key] = history
            let left = (history.first ?? now) + period - now
            return .throttled(retryAfter: Int((left + 999_999) / 1_000_000))
        }
        history.append(now)
        histories[key] = history
        return .allowed(remaining: limit - history.count, reset: Int((now + period) / 1_000_000))
    }

    /// Checks and records one request at `now` seconds since the epoch.
    mutating func check(key: String, now: Double) -> Decision {
        check(key: key, nowMicroseconds: Int64((now * 1_000_000).rounded()))
    }

    mutating func reset() { histories = [:] }
}
