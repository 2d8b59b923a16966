import Foundation
import PlaneAPI
import SyncCore

/// A Plane error as the run sees it: SyncCore's class of it (the item's own, an outage, a configuration
/// problem) and the text that says what failed.
struct ItemFailure {
    var failureClass: FailureClass
    var reason: String

    init(_ error: any Error) {
        guard let error = error as? PlaneAPIError else {
            self.init(.item, reason: "\(error)")
            return
        }
        self.init(FailureClass(Self.signal(error.code)), reason: error.description)
    }

    init(_ failureClass: FailureClass, reason: String) {
        self.failureClass = failureClass
        self.reason = reason
    }

    /// The part of a Plane error code that decides how it counts.
    static func signal(_ code: PlaneAPIError.Code) -> FailureSignal {
        switch code {
        case .serverError, .network, .timeout, .rateLimited, .invalidResponse: .unavailable
        case .configuration: .configuration
        default: .item
        }
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
