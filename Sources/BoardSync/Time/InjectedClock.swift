/// The clock the lease and the daemon measure and wait on: an `any Clock<Duration>` handed in
/// (`ContinuousClock` in production, a manual clock in tests), read as offsets from when it was handed in.
/// An existential clock's instants have a hidden type and cannot be subtracted, so it is opened once here
/// and everything that waits works in `Duration`s.
public struct InjectedClock: Sendable {
    /// Time since the clock was handed in; never goes backwards.
    public let now: @Sendable () -> Duration
    private let sleepUntil: @Sendable (Duration) async throws -> Void

    public init(_ clock: any Clock<Duration>) {
        self.init(opening: clock)
    }

    private init<C: Clock<Duration>>(opening clock: C) {
        let origin = clock.now
        now = { origin.duration(to: clock.now) }
        sleepUntil = { deadline in try await clock.sleep(until: origin.advanced(by: deadline), tolerance: nil) }
    }

    /// Suspends until ``now`` reaches `deadline`. Throws `CancellationError` when the task is cancelled.
    public func sleep(until deadline: Duration) async throws {
        try await sleepUntil(deadline)
    }

    public func sleep(for duration: Duration) async throws {
        try await sleepUntil(now() + duration)
    }
}

/// Where the daemon's jitter comes from: the system's generator in production, a seeded one in tests.
public struct RandomSource: Sendable {
    public let next: @Sendable () -> UInt64

    public init(_ next: @escaping @Sendable () -> UInt64) {
        self.next = next
    }

    public static let system = RandomSource {
        var generator = SystemRandomNumberGenerator()
        return generator.next()
    }

    /// A generator drawing from this source, for the standard library's `random(in:using:)`.
    var generator: Generator { Generator(source: self) }

    struct Generator: RandomNumberGenerator {
        let source: RandomSource
        mutating func next() -> UInt64 { source.next() }
    }
}
