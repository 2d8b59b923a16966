import Foundation

/// What went wrong with one Plane call, as the edge saw it: the part of an error a decision needs.
public enum FailureSignal: Sendable, Hashable {
    /// 5xx, a refused or dropped connection, a timeout, 429s past their retries, an answer that is not Plane's.
    case unavailable
    /// The key or the integration is refused as a whole (a bad key, no access to the workspace).
    case configuration
    /// Anything about this one item (400 validation, 404, 409, 413, an unknown outcome): the item's own.
    case item
}

/// How a failure counts for the run (docs/architecture.md, "Breakers").
public enum FailureClass: Sendable, Hashable {
    /// The item's own failure: recorded on its link with a backoff; the run goes on.
    case item
    /// Plane is not answering: no attempt is charged to the item; several in a row stop the run.
    case outage
    /// BoardSync is not let in at all: the run stops (exit 2).
    case configuration

    public init(_ signal: FailureSignal) {
        switch signal {
        case .unavailable: self = .outage
        case .configuration: self = .configuration
        case .item: self = .item
        }
    }
}

/// When an item that failed (or cannot be mirrored) is decided again, and when a person hears of it.
public enum Backoff {
    /// After this many failures in a row an item is reported to admins (`approvals`, kind `failing`).
    public static let reportAfterAttempts = 3
    /// The longest wait between two attempts.
    public static let maximum: TimeInterval = 6 * 3600

    /// When to try an item again after `attempts` failures in a row: 1 min, 2, 4 ... capped at 6 h.
    public static func nextAttempt(after attempts: Int, now: Date) -> Date {
        let minutes = min(maximum / 60, pow(2.0, Double(max(0, attempts - 1))))
        return now.addingTimeInterval(minutes * 60)
    }

    /// Whether the `attempts`-th failure in a row opens (or refreshes) a `failing` report.
    public static func reportsFailing(attempts: Int) -> Bool { attempts >= reportAfterAttempts }
}

/// Several Plane failures in a row that are not the items' own mean an outage: the run stops, the rest of
/// the plan held for the next run, without charging anything to the items (docs/architecture.md, "Breakers").
public struct OutageBreaker: Sendable, Hashable {
    /// Outage failures in a row that stop the run.
    public static let threshold = 3
    public private(set) var consecutive = 0

    public init() {}

    /// An action got an answer from Plane: Plane is up, the count starts again. Actions that sent no
    /// request (skips) prove nothing and leave it.
    public mutating func answered() { consecutive = 0 }

    /// An action failed with an outage; true when the run must stop now.
    public mutating func failed() -> Bool {
        consecutive += 1
        return consecutive >= Self.threshold
    }
}
