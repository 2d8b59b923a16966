import PlaneAPI
import Synchronization

/// A ``PlaneClock`` whose time moves only when someone sleeps: `sleep(until:)` jumps time to the
/// deadline at once and records how long it was asked to wait.
final class FakeClock: PlaneClock {
    private struct State {
        var now: Duration = .seconds(1000)
        var sleeps: [Duration] = []
    }

    private let state = Mutex(State())

    func now() -> Duration { state.withLock { $0.now } }

    /// Every wait asked for, in order (zero-length ones excluded).
    var sleeps: [Duration] { state.withLock { $0.sleeps } }

    func advance(by duration: Duration) {
        state.withLock { $0.now += duration }
    }

    func sleep(until deadline: Duration) async throws {
        try Task.checkCancellation()
        state.withLock { state in
            if deadline > state.now {
                state.sleeps.append(deadline - state.now)
                state.now = deadline
            }
        }
        await Task.yield()
    }
}
