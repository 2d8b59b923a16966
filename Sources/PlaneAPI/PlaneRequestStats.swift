import Synchronization

/// What a ``PlaneClient`` has sent so far, for run summaries: requests by method, endpoint
/// template and status, time waited on the rate budget, 429s and retries.
public struct PlaneRequestStats: Sendable, Hashable {
    /// One row of the request count.
    public struct Key: Sendable, Hashable, Comparable, CustomStringConvertible {
        public let method: String
        /// The endpoint template, e.g. `/workspaces/{slug}/projects/{project_id}/work-items/{id}/`.
        public let endpoint: String
        /// The HTTP status; `nil` when no response came (timeout, dropped connection).
        public let status: Int?

        public init(method: String, endpoint: String, status: Int?) {
            self.method = method
            self.endpoint = endpoint
            self.status = status
        }

        public static func < (lhs: Key, rhs: Key) -> Bool {
            (lhs.endpoint, lhs.method, lhs.status ?? -1) < (rhs.endpoint, rhs.method, rhs.status ?? -1)
        }

        public var description: String {
            "\(method) \(endpoint) \(status.map(String.init) ?? "no response")"
        }
    }

    public internal(set) var requests: [Key: Int] = [:]
    /// Time spent waiting for the pacer (rate budget and `Retry-After`), summed over requests.
    public internal(set) var budgetWait: Duration = .zero
    /// Time spent in retry backoff.
    public internal(set) var backoffWait: Duration = .zero
    /// 429 responses received.
    public internal(set) var throttled = 0
    /// Requests that were retries of an earlier attempt (429s excluded).
    public internal(set) var retries = 0
    /// Requests that got no complete answer within the request timeout.
    public internal(set) var timeouts = 0

    public init() {}

    /// Requests sent, responses or not.
    public var total: Int { requests.values.reduce(0, +) }
    /// GET requests.
    public var reads: Int { count { $0.method == "GET" } }
    /// POST, PATCH and DELETE requests.
    public var writes: Int { count { $0.method != "GET" } }

    /// Requests whose row matches `predicate`.
    public func count(where predicate: (Key) -> Bool) -> Int {
        requests.filter { predicate($0.key) }.values.reduce(0, +)
    }
}

/// The mutable side of ``PlaneRequestStats``, shared by every request of a client.
final class PlaneStatsRecorder: Sendable {
    private let stats = Mutex(PlaneRequestStats())

    var snapshot: PlaneRequestStats { stats.withLock { $0 } }

    func update(_ body: (inout PlaneRequestStats) -> Void) {
        stats.withLock { body(&$0) }
    }

    func recordRequest(method: String, endpoint: String, status: Int?) {
        let key = PlaneRequestStats.Key(method: method, endpoint: endpoint, status: status)
        stats.withLock { $0.requests[key, default: 0] += 1 }
    }
}
