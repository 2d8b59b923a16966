/// Monotonic time for pacing and backoff, injectable so tests need not wait.
public protocol PlaneClock: Sendable {
    /// Time since an arbitrary fixed origin; never goes backwards.
    func now() -> Duration
    /// Suspends until ``now()`` reaches `deadline`.
    /// - Throws: `CancellationError` when the task is cancelled.
    func sleep(until deadline: Duration) async throws
}

/// The real clock: `ContinuousClock` (keeps counting while the machine sleeps).
public struct PlaneSystemClock: PlaneClock {
    private let origin: ContinuousClock.Instant

    public init() {
        origin = ContinuousClock.now
    }

    public func now() -> Duration {
        ContinuousClock.now - origin
    }

    public func sleep(until deadline: Duration) async throws {
        try await ContinuousClock().sleep(until: origin + deadline)
    }
}

extension Duration {
    /// Seconds as a `Double`, for arithmetic.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
