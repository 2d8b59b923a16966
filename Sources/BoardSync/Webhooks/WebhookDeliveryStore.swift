import Crypto
import Foundation
import MongoDriver

/// `plane_webhook_deliveries`: each verified delivery, kept for a while (a TTL index on `received_at`,
/// created by `migrate`) so that whichever replica runs the integration can act on it, whatever replica
/// Plane's POST reached. Keyed by integration and the body's SHA-256: Plane's retry carries the same
/// bytes under a new `X-Plane-Delivery`, so it is stored once.
public struct WebhookDeliveryStore: Sendable {
    public let collection: MongoCollection

    public init(database: MongoDatabase) {
        collection = database.collection(CollectionNames.webhookDeliveries)
    }

    /// Stores one delivery; false when the same bytes were stored for this integration before.
    public func store(
        _ delivery: WebhookDelivery, integrationID: String, deliveryID: String?, body: [UInt8], receivedAt: Date
    ) async throws -> Bool {
        let digest = SHA256.hash(data: body).map { String(format: "%02x", $0) }.joined()
        func text(_ value: String?) -> BSONValue { value.map { .string($0) } ?? .null }
        let document: BSONDocument = [
            "_id": .string("\(integrationID)/\(digest)"), "integration_id": .string(integrationID),
            "delivery_id": text(deliveryID), "event": text(delivery.event), "action": text(delivery.action),
            "item_id": text(delivery.itemID), "updated_at": text(delivery.updatedAt), "field": text(delivery.field),
            "actor_id": text(delivery.actorID), "received_at": .datetime(BSONDateTime(receivedAt)),
            "body": .string(String(decoding: body, as: UTF8.self)),
        ]
        do {
            _ = try await collection.insertOne(document)
            return true
        } catch let error as MongoError where error.code == .duplicateKey {
            return false
        }
    }
}
