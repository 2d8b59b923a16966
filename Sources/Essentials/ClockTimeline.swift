/// An injected clock as offsets from the moment it was handed over. An `any Clock<Duration>` cannot
/// subtract two of its instants (their type is hidden), so the clock is opened once here and whatever
/// paces or waits works in `Duration`s; tests inject a clock whose time they control.
public struct ClockTimeline: Sendable {
    /// Time since the timeline was made; never goes backwards.
    public let now: @Sendable () -> Duration
    /// Suspends until ``now`` reaches the deadline. Throws `CancellationError` when the task is cancelled.
    public let sleep: @Sendable (_ deadline: Duration) async throws -> Void

    public init<C: Clock<Duration>>(_ clock: C) {
        let origin = clock.now
        now = { origin.duration(to: clock.now) }
        sleep = { deadline in try await clock.sleep(until: origin.advanced(by: deadline), tolerance: nil) }
    }

    /// Suspends for `duration` from now.
    public func sleep(for duration: Duration) async throws {
        try await sleep(now() + duration)
    }
}
