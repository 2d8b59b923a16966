import Essentials

/// A request budget in Plane's `N/period` notation (`60/minute`, `300/min`, `20/s`).
///
/// As in Django REST Framework's throttle, only the first letter of the period counts:
/// `s`, `m`, `h` or `d`.
public struct PlaneRateLimit: Sendable, Hashable, CustomStringConvertible {
    /// Requests allowed per ``period``.
    public let requests: Int
    public let period: Duration

    /// Plane's default: `60/minute`.
    public static let planeDefault = PlaneRateLimit(requests: 60, period: .seconds(60))

    public init(requests: Int, period: Duration) {
        precondition(requests > 0 && period > .zero, "a rate limit needs a positive count and period")
        self.requests = requests
        self.period = period
    }

    /// Parses `N/period`; `nil` when the text is not in that form.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2,
            let count = Int(parts[0].trimmingWhitespace()), count > 0,
            let unit = parts[1].trimmingWhitespace().lowercased().first
        else { return nil }
        let seconds: Int64
        switch unit {
        case "s": seconds = 1
        case "m": seconds = 60
        case "h": seconds = 3600
        case "d": seconds = 86_400
        default: return nil
        }
        self.init(requests: count, period: .seconds(seconds))
    }

    public var description: String {
        let milliseconds = period.inMilliseconds
        return "\(requests)/\(milliseconds % 1000 == 0 ? "\(milliseconds / 1000)" : "\(period.inSeconds)")s"
    }
}

extension Substring {
    fileprivate func trimmingWhitespace() -> Substring {
        var text = self
        while text.first?.isWhitespace == true { text.removeFirst() }
        while text.last?.isWhitespace == true { text.removeLast() }
        return text
    }
}
