import Foundation
import PlaneAPI

/// How a Plane error counts for the run: the item's own failure, an outage (stop, count nothing
/// against items), or a configuration problem (stop, exit 2).
enum ItemFailure {
    case item(String)
    case outage(String)
    case configuration(String)

    init(_ error: any Error) {
        guard let error = error as? PlaneAPIError else {
            self = .item("\(error)")
            return
        }
        switch error.code {
        case .serverError, .network, .timeout, .rateLimited, .invalidResponse: self = .outage(error.description)
        case .configuration: self = .configuration(error.description)
        default: self = .item(error.description)
        }
    }

    /// When to try an item again after `attempts` failures: 1 min, 2, 4 ... capped at 6 h.
    /// After this many failures in a row an item is reported to admins (`approvals`, kind `failing`).
    static let reportAfterAttempts = 3

    static func nextAttempt(after attempts: Int, now: Date) -> Date {
        let minutes = min(360.0, pow(2.0, Double(max(0, attempts - 1))))
        return now.addingTimeInterval(minutes * 60)
    }
}

/// The run stopped before the end: Plane is down, or BoardSync is not allowed in.
public struct RunStopped: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable {
        case outage, configuration
        /// The integration's lease was lost: another worker may be writing; this run wrote nothing after.
        case leaseLost
        /// Asked to stop (SIGTERM, SIGINT) before anything was applied.
        case stopped
    }
    public var kind: Kind
    public var reason: String

    public var description: String {
        switch kind {
        case .outage:
            "Plane is not answering (\(reason)); the run stopped and will continue next time. No item was counted as failed."
        case .configuration: reason
        case .leaseLost:
            "the lease of this integration was lost (\(reason)); the run stopped writing at once and another "
                + "worker continues from the checkpoint"
        case .stopped: reason
        }
    }
}
