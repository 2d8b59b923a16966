import Foundation

extension PlaneSimulator {
    /// One request the simulator received on `/api/v1/` (admin requests are not logged).
    public struct LoggedRequest: Sendable {
        /// When the answer was sent, on the simulator's clock.
        public var time: Date
        public var method: String
        /// Path and query as sent, e.g. `/api/v1/workspaces/acme/projects/?per_page=2`.
        public var pathAndQuery: String
        /// Status sent; nil when the connection was dropped without an answer.
        public var status: Int?
        /// Request headers, names lowercased; `x-api-key` and `authorization` values are redacted.
        public var headers: [String: String]
        /// The injected fault that hit this request, if any (`status`, `delay`, `drop`, `apply-then-drop`, `429`).
        public var fault: String?

        static let redacted = "[REDACTED]"

        init(request: SimRequest, status: Int?, fault: String?, time: Date) {
            self.time = time
            method = request.method
            pathAndQuery = request.pathAndQuery
            self.status = status
            self.fault = fault
            var headers = request.headers
            for name in ["x-api-key", "authorization", "x-sim-admin-token"] where headers[name] != nil {
                headers[name] = Self.redacted
            }
            self.headers = headers
        }
    }
}
