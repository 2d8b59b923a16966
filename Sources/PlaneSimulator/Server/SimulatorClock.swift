import Essentials
import Foundation

/// The simulator's time: the injected clock (``PlaneSimulator/Configuration/clock``) as seconds since the
/// Unix epoch, counted from ``PlaneSimulator/Configuration/startDate`` when the simulator starts. The rate
/// limiter's window, `X-RateLimit-Reset`, the delayed `updated_at` bump, injected delays and the request
/// log all read it, so a test that advances its clock controls them all. (Item timestamps stay on the real
/// time: BoardSync compares them with its own clock.)
struct SimulatorClock: Sendable {
    private let timeline: ClockTimeline
    private let start: Int64

    init<C: Clock<Duration>>(_ clock: C, startDate: Date) {
        timeline = ClockTimeline(clock)
        start = Int64((startDate.timeIntervalSince1970 * 1_000_000).rounded())
    }

    /// Now, in whole microseconds since the Unix epoch.
    var epochMicroseconds: Int64 { start + timeline.now().inMicroseconds }

    var date: Date { Date(timeIntervalSince1970: Double(epochMicroseconds) / 1_000_000) }

    /// Suspends for `duration` of this clock. Throws `CancellationError` when the task is cancelled.
    func sleep(for duration: Duration) async throws {
        try await timeline.sleep(for: duration)
    }
}
