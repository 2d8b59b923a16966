import Synchronization

/// What `/healthz` and `/readyz` answer. The process is healthy while it serves; it is ready once the
/// daemon has reached MongoDB (and, say, finished its first run), and not ready while it cannot work.
public final class HealthState: Sendable {
    private let state: Mutex<(ready: Bool, reason: String)>

    public init(ready: Bool = false, reason: String = "starting") {
        state = Mutex((ready, reason))
    }

    public func markReady() {
        state.withLock { $0 = (true, "ready") }
    }

    /// Not ready, and why (shown by `/readyz`; no secrets).
    public func markNotReady(_ reason: String) {
        state.withLock { $0 = (false, reason) }
    }

    public var isReady: Bool { state.withLock { $0.ready } }
    public var reason: String { state.withLock { $0.reason } }
}
