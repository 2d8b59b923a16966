import Foundation
import MongoDriver

/// `status`'s webhook part of one integration: the last delivery received (by any replica, from
/// `plane_webhook_deliveries`), how many arrived in the last 24 hours, and whether the worker trusts them to
/// stand in for the listing (``WebhookHealthStore``). Nil for an integration without webhooks (no secret set,
/// nothing received, no health written).
public struct WebhookStatus: Sendable, Codable, Equatable {
    public struct Delivery: Sendable, Codable, Equatable {
        public var receivedAt: Date
        public var event: String?
        public var action: String?
        public var field: String?
        public var itemId: String?
        /// Seconds between its arrival and the moment `status` read it.
        public var ageSeconds: Int

        enum CodingKeys: String, CodingKey {
            case receivedAt = "received_at"
            case event, action, field
            case itemId = "item_id"
            case ageSeconds = "age_seconds"
        }
    }

    public struct Health: Sendable, Codable, Equatable {
        /// `healthy` or `fallback` (listing every tick).
        public var state: String
        public var reason: String
        public var since: Date
        public var lastDeliveryAt: Date?
        public var replica: String?

        enum CodingKeys: String, CodingKey {
            case state, reason, since
            case lastDeliveryAt = "last_delivery_at"
            case replica
        }

        init(_ health: WebhookHealth) {
            state = health.state.rawValue
            reason = health.reason
            since = health.since
            lastDeliveryAt = health.lastDeliveryAt
            replica = health.replica
        }
    }

    /// Whether the document sets `credentials.webhook_secret` (or `_file`, `_env`); the secret is not read.
    public var secretSet: Bool
    public var lastDelivery: Delivery?
    public var deliveriesLast24h: Int
    /// Nil until a daemon with webhooks has run the integration.
    public var health: Health?

    enum CodingKeys: String, CodingKey {
        case secretSet = "secret_set"
        case lastDelivery = "last_delivery"
        case deliveriesLast24h = "deliveries_last_24h"
        case health
    }

    public static func read(_ integration: Integration, database: MongoDatabase, now: Date) async throws
        -> WebhookStatus?
    {
        let deliveries = database.collection(CollectionNames.webhookDeliveries)
        let mine: BSONDocument = ["integration_id": .string(integration.id)]
        var last: Delivery?
        let options = MongoFindOptions(sort: ["received_at": -1], projection: ["body": 0], limit: 1)
        for try await document in deliveries.find(mine, options: options) {
            guard let received = document["received_at"]?.dateValue else { continue }
            last = Delivery(
                receivedAt: received, event: document["event"]?.stringValue, action: document["action"]?.stringValue,
                field: document["field"]?.stringValue, itemId: document["item_id"]?.stringValue,
                ageSeconds: max(0, Int(now.timeIntervalSince(received))))
        }
        var recent = mine
        recent["received_at"] = ["$gte": .datetime(BSONDateTime(now.addingTimeInterval(-86_400)))]
        let count = last == nil ? 0 : try await deliveries.countDocuments(recent)
        let health = try await WebhookHealthStore(database: database).load(integrationId: integration.id)
        let secretSet = integration.webhookSecretSource != nil
        guard secretSet || last != nil || health != nil else { return nil }
        return WebhookStatus(
            secretSet: secretSet, lastDelivery: last, deliveriesLast24h: count, health: health.map(Health.init))
    }
}

extension StatusText {
    /// The `webhooks:` lines of one integration; none without webhooks.
    static func webhookLines(_ webhooks: WebhookStatus?, integration: String, now: Date) -> [String] {
        guard let webhooks else { return [] }
        var lines: [String] = []
        if let last = webhooks.lastDelivery {
            let what = [last.event, last.action, last.field.map { "field \($0)" }, last.itemId.map { "item \($0)" }]
                .compactMap { $0 }.joined(separator: " ")
            lines.append(
                "  webhooks: last delivery \(time(last.receivedAt)) (\(ago(last.receivedAt, now: now)) ago): "
                    + "\(what.isEmpty ? "?" : what); \(webhooks.deliveriesLast24h) in the last 24 h")
        } else {
            lines.append(
                "  webhooks: none received"
                    + (webhooks.secretSet
                        ? " (a secret is set: is the webhook made in Plane's workspace settings → Webhooks, pointing at "
                            + "\(WebhookPublicURL.path(integrationId: integration)), and is `boardsync run "
                            + "--webhook-port` reachable from Plane? `boardsync check` prints the URL)"
                        : ""))
        }
        if let health = webhooks.health {
            let by = health.replica.map { ", replica \($0)" } ?? ""
            switch WebhookHealth.State(rawValue: health.state) {
            case .healthy?:
                lines.append(
                    "  webhooks healthy since \(time(health.since))\(by): a tick with nothing to push skips the "
                        + "listing (one still runs every --plane-poll)"
                        + (health.reason.isEmpty ? "" : "; \(health.reason)"))
            case .fallback?:
                lines.append(
                    "  ! webhooks falling back to listing every tick since \(time(health.since))\(by): "
                        + (health.reason.isEmpty ? "the echoes of our own writes stopped arriving" : health.reason))
            case nil:
                lines.append("  webhooks: state \(health.state) since \(time(health.since))\(by): \(health.reason)")
            }
        }
        return lines
    }
}
