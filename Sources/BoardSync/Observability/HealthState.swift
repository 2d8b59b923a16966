import Synchronization

/// What `/readyz` answers: ready once MongoDB answered and the listeners are up, not ready while MongoDB
/// does not answer (the daemon's heartbeat is the probe). A standby replica that runs nothing is ready, and
/// a Plane outage does not make a pod unready: another pod would meet the same Plane. `/healthz` does not
/// ask it: it is about the process.
public final class HealthState: Sendable {
    private struct State {
        var listening = false
        var mongoAnswered = false
        var mongoProblem: String?
    }

    private let state = Mutex(State())

    public init() {}

    /// The listeners (the `/metrics` server) are up.
    public func markListening() {
        state.withLock { $0.listening = true }
    }

    /// MongoDB answered (nil), or why it did not (no secrets).
    public func mongo(_ problem: String?) {
        state.withLock {
            $0.mongoProblem = problem
            if problem == nil { $0.mongoAnswered = true }
        }
    }

    public var isReady: Bool { reason == nil }

    /// Why it is not ready, or nil when it is.
    public var reason: String? {
        state.withLock { state in
            if let problem = state.mongoProblem { return problem }
            if !state.mongoAnswered { return "starting: MongoDB has not answered yet" }
            if !state.listening { return "starting: the listeners are not up yet" }
            return nil
        }
    }
}
