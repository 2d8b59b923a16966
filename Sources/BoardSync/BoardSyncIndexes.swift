import MongoDriver

/// The indexes BoardSync owns, and the one on `board_items` it only checks (it belongs to the platform).
public enum BoardSyncIndexes {
    /// How long events and resolved approvals are kept before MongoDB's TTL monitor removes them.
    public struct Retention: Sendable, Equatable {
        public var eventsSeconds: Int
        public var resolvedApprovalsSeconds: Int
        /// Webhook deliveries are acted on within seconds; a week leaves room to look into one.
        public var webhookDeliveriesSeconds: Int

        public init(
            eventsSeconds: Int = 30 * 86_400, resolvedApprovalsSeconds: Int = 90 * 86_400,
            webhookDeliveriesSeconds: Int = 7 * 86_400
        ) {
            self.eventsSeconds = eventsSeconds
            self.resolvedApprovalsSeconds = resolvedApprovalsSeconds
            self.webhookDeliveriesSeconds = webhookDeliveriesSeconds
        }
    }

    public static let boardLinks: [MongoIndexModel] = [
        MongoIndexModel(
            keys: ["integration_id": 1, "board_item_id": 1], name: "integration_board_item_unique", unique: true),
        // Partial, so the many `creating` links whose plane_item_id is still null never collide.
        MongoIndexModel(
            keys: ["integration_id": 1, "plane_item_id": 1], name: "integration_plane_item_unique", unique: true,
            partialFilterExpression: ["plane_item_id": ["$type": "string"]]),
        MongoIndexModel(
            keys: ["integration_id": 1, "state": 1, "next_attempt_at": 1], name: "integration_state_next_attempt"),
    ]

    public static func events(_ retention: Retention) -> [MongoIndexModel] {
        [
            MongoIndexModel(keys: ["time": 1], name: "time_ttl", expireAfterSeconds: retention.eventsSeconds),
            MongoIndexModel(keys: ["integration_id": 1, "subject": 1, "time": -1], name: "integration_subject_time"),
        ]
    }

    /// Resolved and superseded approvals carry `resolved_at`; pending ones do not, so they never expire.
    public static func approvals(_ retention: Retention) -> [MongoIndexModel] {
        [
            MongoIndexModel(
                keys: ["resolved_at": 1], name: "resolved_at_ttl",
                expireAfterSeconds: retention.resolvedApprovalsSeconds),
            MongoIndexModel(keys: ["kind": 1, "integration_id": 1, "status": 1], name: "kind_integration_status"),
            // One pending report per situation: the same conflict seen again updates it.
            MongoIndexModel(
                keys: ["kind": 1, "integration_id": 1, "board_item_id": 1, "conflict_kind": 1],
                name: "one_pending_per_situation", unique: true, partialFilterExpression: ["status": "pending"]),
        ]
    }

    /// The daemon replicas' heartbeats: a gone replica's document is removed a while after it expired.
    public static let replicas: [MongoIndexModel] = [
        MongoIndexModel(
            keys: ["expires_at": 1], name: "expires_at_ttl", expireAfterSeconds: ReplicaStore.keptAfterExpiry)
    ]

    /// Verified webhook deliveries expire after a while; a replica reads an integration's newest ones.
    public static func webhookDeliveries(_ retention: Retention) -> [MongoIndexModel] {
        [
            MongoIndexModel(
                keys: ["received_at": 1], name: "received_at_ttl",
                expireAfterSeconds: retention.webhookDeliveriesSeconds),
            MongoIndexModel(keys: ["integration_id": 1, "received_at": 1], name: "integration_received_at"),
            // The worker's reads: the deliveries not acted on yet, and what was decided of an item.
            MongoIndexModel(
                keys: ["integration_id": 1, "handled_at": 1, "received_at": 1], name: "integration_pending"),
            MongoIndexModel(keys: ["integration_id": 1, "item_id": 1], name: "integration_item"),
        ]
    }

    /// The platform's index that incremental sync relies on.
    public static let boardItems = MongoIndexModel(
        keys: ["project_id": 1, "updated_at": 1], name: "project_updated_at")
}
