import Synchronization

/// A `Clock` for tests whose time moves only when the test moves it (``advance(by:)``) or, when
/// `jumpsOnSleep`, when something sleeps on it: the sleep then moves the time to its deadline at once
/// (never backwards) and is recorded in ``sleeps``. Without `jumpsOnSleep` a sleeper waits until the test
/// advances the clock past its deadline, or is cancelled.
///
/// Ours, not swift-clocks' (`pointfreeco/swift-clocks` 1.1.1): its `TestClock` always holds sleepers
/// until the test advances it, so a pacer tested over HTTP would need the test to advance it in step with
/// requests the test does not see; its `ImmediateClock` sets the time to each sleeper's deadline, which
/// moves time backwards when sleeps overlap, as concurrent callers of a pacer do. This one does both jobs
/// in 100 lines.
public final class ManualClock: Clock, Sendable {
    public struct Instant: InstantProtocol {
        public let offset: Duration

        public init(offset: Duration) { self.offset = offset }

        public func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        public func duration(to other: Instant) -> Duration { other.offset - offset }
        public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private struct Sleeper {
        let deadline: Instant
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now: Instant
        var sleeps: [Duration] = []
        var sleepers: [Int: Sleeper] = [:]
        var nextID = 0
    }

    private let state: Mutex<State>
    /// Whether a sleep moves the time to its deadline at once instead of waiting for ``advance(by:)``.
    public let jumpsOnSleep: Bool

    /// - Parameters:
    ///   - jumpsOnSleep: see the type's description.
    ///   - start: the time of ``now`` at first (tests that use offsets start at 1000 s, away from zero).
    public init(jumpsOnSleep: Bool = true, start: Duration = .seconds(1000)) {
        self.jumpsOnSleep = jumpsOnSleep
        state = Mutex(State(now: Instant(offset: start)))
    }

    public var now: Instant { state.withLock { $0.now } }
    public var minimumResolution: Duration { .zero }

    /// ``now`` as an offset from the clock's origin.
    public var elapsed: Duration { now.offset }

    /// Every wait asked for, in order (zero-length ones left out).
    public var sleeps: [Duration] { state.withLock { $0.sleeps } }

    /// How many sleepers wait for ``advance(by:)`` (only without `jumpsOnSleep`).
    public var sleepersWaiting: Int { state.withLock { $0.sleepers.count } }

    public func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
        try Task.checkCancellation()
        if jumpsOnSleep {
            state.withLock { state in
                if deadline > state.now {
                    state.sleeps.append(state.now.duration(to: deadline))
                    state.now = deadline
                }
            }
            await Task.yield()
            return
        }
        let id = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let resumeNow = state.withLock { state -> Bool in
                    guard deadline > state.now else { return true }
                    state.sleeps.append(state.now.duration(to: deadline))
                    state.sleepers[id] = Sleeper(deadline: deadline, continuation: continuation)
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.sleepers.removeValue(forKey: id) }?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Moves the time forward and wakes every sleeper whose deadline has come.
    public func advance(by duration: Duration) {
        let due = state.withLock { state in
            state.now = state.now.advanced(by: duration)
            let now = state.now
            let due = state.sleepers.filter { $0.value.deadline <= now }
            for id in due.keys { state.sleepers.removeValue(forKey: id) }
            return due.values.map(\.continuation)
        }
        for continuation in due { continuation.resume() }
    }
}
