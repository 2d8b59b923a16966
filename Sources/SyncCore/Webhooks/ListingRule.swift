/// Whether a daemon tick lists Plane's recent changes. Without webhooks, every tick does. With them, a
/// tick with nothing to push skips the listing while the deliveries are trusted (``EchoWatch``), and a
/// listing still runs every `planePoll` to catch what webhooks never send (deletes) or lost (a delivery
/// Plane does not retry). A tick that pushes a board change always lists first, so Plane's side of what it
/// pushes is known: a lost delivery can never let a person's edit be overwritten. Pure.
public enum ListingRule {
    public struct Facts: Sendable, Equatable {
        /// The daemon receives webhooks for this integration (`--webhook-port`).
        public var webhooks: Bool
        public var healthy: Bool
        /// A board change (change stream, cursor, a link due for retry) waits to be pushed.
        public var boardPending: Bool
        /// Since the last run that listed Plane; nil when none did yet.
        public var sinceListing: Duration?
        public var planePoll: Duration

        public init(
            webhooks: Bool, healthy: Bool, boardPending: Bool, sinceListing: Duration?, planePoll: Duration
        ) {
            self.webhooks = webhooks
            self.healthy = healthy
            self.boardPending = boardPending
            self.sinceListing = sinceListing
            self.planePoll = planePoll
        }
    }

    public enum Decision: String, Sendable, Equatable {
        /// Run as without webhooks: list Plane, read the board, decide.
        case list
        /// Nothing to push, deliveries trusted, the last listing recent: no run, no request.
        case skip
    }

    public static func decide(_ facts: Facts) -> Decision {
        guard facts.webhooks, facts.healthy, !facts.boardPending, let since = facts.sinceListing,
            since < facts.planePoll
        else { return .list }
        return .skip
    }
}
