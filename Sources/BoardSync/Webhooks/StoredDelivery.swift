import Foundation
import MongoDriver
import PlaneAPI
import SyncCore

/// A stored delivery not acted on yet: what the choice needs (SyncCore's ``DeliveryChoice``), and its
/// `data` read as the work item it is (Plane serialises it like the API's `IssueSerializer`).
struct StoredDelivery: Sendable {
    var id: String
    var receivedAt: Date
    var facts: DeliveryChoice.Delivery
    /// nil when `data` cannot be read as a work item: the item is then read from Plane by id.
    var workItem: PlaneWorkItem?

    init(id: String, receivedAt: Date, body: String, stored: WebhookDelivery) {
        self.id = id
        self.receivedAt = receivedAt
        let object = (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any]
        let data = object?["data"] as? [String: Any]
        facts = DeliveryChoice.Delivery(
            id: id, event: stored.event, action: stored.action, itemId: stored.itemID,
            projectId: data?["project"] as? String, externalSource: data?["external_source"] as? String,
            updatedAtMicros: stored.updatedAt.flatMap(PlaneTimestamp.init)?.microsecondsSinceEpoch)
        if let data, let bytes = try? JSONSerialization.data(withJSONObject: data) {
            workItem = try? JSONDecoder().decode(PlaneWorkItem.self, from: bytes)
        }
    }
}

extension WebhookDeliveryStore {
    /// The integration's deliveries no worker acted on yet, oldest first, and the ids of those that cannot
    /// be read any more (a body that is not a delivery: stored by an older version, or edited by hand).
    func pending(integrationId: String) async throws -> (deliveries: [StoredDelivery], unreadable: [String]) {
        var found: [StoredDelivery] = []
        var unreadable: [String] = []
        let filter: BSONDocument = ["integration_id": .string(integrationId), "handled_at": .null]
        for try await document in collection.find(filter, options: MongoFindOptions(sort: ["received_at": 1])) {
            guard let id = document["_id"]?.stringValue else { continue }
            guard let body = document["body"]?.stringValue, let stored = WebhookDelivery(body: Array(body.utf8))
            else {
                unreadable.append(id)
                continue
            }
            let receivedAt = document["received_at"]?.dateValue ?? .distantPast
            found.append(StoredDelivery(id: id, receivedAt: receivedAt, body: body, stored: stored))
        }
        return (found, unreadable)
    }

    /// Deliveries of the integration received since `since`, acted on or not: their items and times.
    func received(integrationId: String, since: Date) async throws -> [(item: String?, receivedAt: Date)] {
        var found: [(item: String?, receivedAt: Date)] = []
        let filter: BSONDocument = [
            "integration_id": .string(integrationId), "received_at": ["$gte": .datetime(BSONDateTime(since))],
        ]
        let options = MongoFindOptions(projection: ["item_id": 1, "received_at": 1])
        for try await document in collection.find(filter, options: options) {
            guard let receivedAt = document["received_at"]?.dateValue else { continue }
            found.append((document["item_id"]?.stringValue, receivedAt))
        }
        return found
    }

    /// The newest `data.updated_at` decided from a delivery, for each of these Plane items.
    func decidedMicros(integrationId: String, items: [String]) async throws -> [String: Int64] {
        guard !items.isEmpty else { return [:] }
        var newest: [String: Int64] = [:]
        let filter: BSONDocument = [
            "integration_id": .string(integrationId), "verdict": .string(DeliveryChoice.Verdict.decide.rawValue),
            "item_id": ["$in": .array(items.map { .string($0) })],
        ]
        for try await document in collection.find(filter) {
            guard let item = document["item_id"]?.stringValue,
                let micros = document["updated_at"]?.stringValue.flatMap(PlaneTimestamp.init)?.microsecondsSinceEpoch
            else { continue }
            newest[item] = max(newest[item] ?? .min, micros)
        }
        return newest
    }

    /// Marks deliveries acted on, each with its verdict, so no worker acts on them again.
    func settle(_ verdicts: [String: DeliveryChoice.Verdict], at time: Date) async throws {
        let grouped = Dictionary(grouping: verdicts, by: \.value)
        for (verdict, entries) in grouped {
            try await collection.updateMany(
                // Only what no other worker marked meanwhile: the first verdict stands.
                ["_id": ["$in": .array(entries.map { .string($0.key) })], "handled_at": .null],
                [
                    "$set": [
                        "handled_at": .datetime(BSONDateTime(time)), "verdict": .string(verdict.rawValue),
                    ]
                ])
        }
    }
}
