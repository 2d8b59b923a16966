import Foundation
import MongoDriver

/// `plane_webhook_health`: one ``WebhookHealth`` document per integration, written by the worker that runs
/// it when the state changes, read by `status`.
public struct WebhookHealthStore: Sendable {
    public let collection: MongoCollection

    public init(database: MongoDatabase) {
        collection = database.collection(CollectionNames.webhookHealth)
    }

    public func save(_ health: WebhookHealth) async throws {
        var document: BSONDocument = [
            "state": .string(health.state.rawValue), "reason": .string(health.reason),
            "since": .datetime(BSONDateTime(health.since)),
        ]
        document["last_delivery_at"] = health.lastDeliveryAt.map { .datetime(BSONDateTime($0)) } ?? .null
        document["replica"] = health.replica.map { .string($0) } ?? .null
        try await collection.updateOne(
            ["_id": .string(health.integrationId)], ["$set": .document(document)], upsert: true)
    }

    /// The last state saved for the integration; nil when no daemon with webhooks ran it.
    public func load(integrationId: String) async throws -> WebhookHealth? {
        guard let document = try await collection.findOne(["_id": .string(integrationId)]),
            case .string(let raw)? = document["state"], let state = WebhookHealth.State(rawValue: raw),
            case .datetime(let since)? = document["since"]
        else { return nil }
        var reason = ""
        if case .string(let text)? = document["reason"] { reason = text }
        var health = WebhookHealth(integrationId: integrationId, state: state, reason: reason, since: since.date)
        if case .datetime(let last)? = document["last_delivery_at"] { health.lastDeliveryAt = last.date }
        if case .string(let replica)? = document["replica"] { health.replica = replica }
        return health
    }
}
