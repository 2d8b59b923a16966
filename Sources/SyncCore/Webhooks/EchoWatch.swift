import Foundation

/// Whether an integration's webhook deliveries can stand in for the listing: every write of ours should
/// come back as a delivery (its echo) within seconds. While they do, a daemon tick with nothing to push
/// skips the listing; once one is missed (the webhook was switched off in Plane, its secret changed, the
/// receiver is unreachable), every tick lists again until a delivery arrives. A workspace where nothing is
/// written is never taken for a broken webhook: without a write there is no echo to miss. Pure: the worker
/// tells it the writes and the deliveries with their times.
public struct EchoWatch: Sendable, Equatable {
    /// How long an echo may take before the webhook counts as broken (Plane's take 0.1–0.4 s; a loaded
    /// Plane worker queue, a minute).
    public var timeout: TimeInterval
    /// How far the clock of the replica that received a delivery may be behind this one's: an echo
    /// received by another replica is stamped by that replica's clock.
    public var clockSkew: TimeInterval
    /// Plane items written by us and not echoed yet, with when they were written.
    public private(set) var awaiting: [String: Date] = [:]
    /// Since when the deliveries are not trusted (nil: trusted).
    public private(set) var fallbackSince: Date?
    /// The write whose echo was missed.
    public private(set) var missed: (item: String, wroteAt: Date)?

    /// Replicas' clocks are kept within this of each other (NTP does far better).
    public static let defaultClockSkew: TimeInterval = 5

    public init(timeout: TimeInterval = 120, clockSkew: TimeInterval = defaultClockSkew) {
        self.timeout = timeout
        self.clockSkew = clockSkew
    }

    public var isHealthy: Bool { fallbackSince == nil }

    /// Our writes of a run (PATCH or POST answered by Plane), stamped with when the run began: an echo can
    /// arrive before the run ends.
    public mutating func wrote(_ items: some Sequence<String>, at time: Date) {
        for item in items where awaiting[item] == nil { awaiting[item] = time }
    }

    /// A delivery arrived (any item, any event of this integration): it echoes a write of that item made
    /// before it (within ``clockSkew``), and after a fallback it shows the webhook works again.
    public mutating func delivered(item: String?, receivedAt: Date) {
        if let item, let wrote = awaiting[item], receivedAt >= wrote.addingTimeInterval(-clockSkew) {
            awaiting[item] = nil
        }
        if let since = fallbackSince, receivedAt >= since {
            fallbackSince = nil
            missed = nil
            // Writes made while falling back are not held against the webhook that came back.
            awaiting = awaiting.filter { $0.value >= receivedAt }
        }
    }

    /// Checks the echoes due at `now`; true when the state changed (the caller says so).
    public mutating func check(now: Date) -> Bool {
        guard fallbackSince == nil else { return false }
        guard let late = awaiting.filter({ now.timeIntervalSince($0.value) > timeout }).min(by: { $0.value < $1.value })
        else { return false }
        fallbackSince = now
        missed = (late.key, late.value)
        awaiting = [:]
        return true
    }

    public static func == (lhs: EchoWatch, rhs: EchoWatch) -> Bool {
        lhs.timeout == rhs.timeout && lhs.clockSkew == rhs.clockSkew && lhs.awaiting == rhs.awaiting
            && lhs.fallbackSince == rhs.fallbackSince
            && lhs.missed?.item == rhs.missed?.item && lhs.missed?.wroteAt == rhs.missed?.wroteAt
    }
}
