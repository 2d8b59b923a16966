import Foundation

/// Whether an integration's webhook deliveries can be trusted to stand in for the listing on a daemon tick:
/// what the worker running the integration decided last, kept in `plane_webhook_health` (one document per
/// integration) so that `status`, the other replicas and `/metrics` can say it.
public struct WebhookHealth: Sendable, Equatable {
    public enum State: String, Sendable, CaseIterable {
        /// The echoes of our own writes arrive (or nothing was written since the daemon started): a tick
        /// with nothing to push skips the listing; a listing still runs every `--plane-poll`.
        case healthy
        /// An echo of one of our writes did not arrive in time: every tick lists Plane again until a
        /// delivery arrives.
        case fallback
    }

    public var integrationId: String
    public var state: State
    /// Why, in words a person can act on (which write's echo is missing, since when).
    public var reason: String
    /// When the state began.
    public var since: Date
    /// The newest delivery received for the integration, by any replica.
    public var lastDeliveryAt: Date?
    /// The replica that decided it.
    public var replica: String?

    public init(
        integrationId: String, state: State, reason: String, since: Date, lastDeliveryAt: Date? = nil,
        replica: String? = nil
    ) {
        self.integrationId = integrationId
        self.state = state
        self.reason = reason
        self.since = since
        self.lastDeliveryAt = lastDeliveryAt
        self.replica = replica
    }
}
