import Foundation
import MongoDriver
import Testing

@testable import BoardSync

/// `status`'s webhook lines and JSON, from deliveries and health documents written here: nothing for an
/// integration without webhooks, "none received" once a secret is set, the last delivery with its age and
/// the 24-hour count, and healthy or falling back.
extension StatusTests {
    static func delivery(item: String, field: String, updatedAt: String) -> (WebhookDelivery, [UInt8]) {
        let body = Array(
            """
            {"event": "issue", "action": "updated", "webhook_id": "w", "workspace_id": "ws", \
            "data": {"id": "\(item)", "updated_at": "\(updatedAt)"}, \
            "activity": {"field": "\(field)", "actor": {"id": "u1"}}}
            """.utf8)
        return (WebhookDelivery(body: body)!, body)
    }

    @Test func webhookDeliveriesAndHealthAreShownPerIntegration() async throws {
        try await WebhookWorld.withDatabase { database in
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            let integrations = database.collection(CollectionNames.integrations)
            try await integrations.updateOne(["_id": "plane-acme"], ["$unset": ["credentials.webhook_secret": ""]])
            let loader = IntegrationLoader(database: database)
            let without = try await IntegrationStatus.read(
                try await loader.load(id: "plane-acme"), database: database, now: now)
            #expect(without.webhooks == nil)
            #expect(!StatusText.render(without, now: now).contains("webhooks"))
            #expect(try Self.json(without)["webhooks"] == nil)

            try await integrations.updateOne(
                ["_id": "plane-acme"], ["$set": ["credentials.webhook_secret": .string(WebhookWorld.secret)]])
            let acme = try await loader.load(id: "plane-acme")
            let waiting = try await IntegrationStatus.read(acme, database: database, now: now)
            #expect(waiting.webhooks?.secretSet == true && waiting.webhooks?.lastDelivery == nil)
            let waitingText = StatusText.render(waiting, now: now)
            #expect(waitingText.contains("webhooks: none received (a secret is set"), "\(waitingText)")
            #expect(waitingText.contains("/webhooks/plane/plane-acme"))
            #expect(!waitingText.contains(WebhookWorld.secret))

            let store = WebhookDeliveryStore(database: database)
            for (index, age) in [90_000.0, 3_600, 125].enumerated() {
                let (delivery, body) = Self.delivery(
                    item: "item-\(index)", field: index == 2 ? "name" : "priority",
                    updatedAt: "2027-01-15T08:0\(index):00Z")
                _ = try await store.store(
                    delivery, integrationID: "plane-acme", deliveryID: "d\(index)", body: body,
                    receivedAt: now.addingTimeInterval(-age))
            }
            // Another integration's delivery, newer: not this one's.
            let (other, otherBody) = Self.delivery(item: "x", field: "state", updatedAt: "2027-01-15T09:00:00Z")
            _ = try await store.store(
                other, integrationID: "plane-other", deliveryID: "o", body: otherBody, receivedAt: now)
            let since = now.addingTimeInterval(-600)
            try await WebhookHealthStore(database: database).save(
                WebhookHealth(
                    integrationId: "plane-acme", state: .fallback,
                    reason: "the echo of our write to item-7 at 12:00:00 did not arrive within 30 s", since: since,
                    lastDeliveryAt: now.addingTimeInterval(-125), replica: "r-1"))

            let status = try await IntegrationStatus.read(acme, database: database, now: now)
            let webhooks = try #require(status.webhooks)
            let last = try #require(webhooks.lastDelivery)
            #expect(last.itemId == "item-2" && last.field == "name" && last.event == "issue" && last.ageSeconds == 125)
            #expect(webhooks.deliveriesLast24h == 2)
            #expect(webhooks.health?.state == "fallback" && webhooks.health?.replica == "r-1")
            let text = StatusText.render(status, now: now)
            #expect(
                text.contains(
                    "webhooks: last delivery \(StatusText.time(now.addingTimeInterval(-125))) (2 min ago): issue updated "
                        + "field name item item-2; 2 in the last 24 h"), "\(text)")
            #expect(
                text.contains(
                    "! webhooks falling back to listing every tick since \(StatusText.time(since)), replica r-1: the "
                        + "echo of our write to item-7"), "\(text)")

            let json = try #require(try Self.json(status)["webhooks"] as? [String: Any])
            #expect(json["secret_set"] as? Bool == true && json["deliveries_last_24h"] as? Int == 2)
            let lastJSON = try #require(json["last_delivery"] as? [String: Any])
            #expect(lastJSON["received_at"] as? String == StatusText.time(now.addingTimeInterval(-125)))
            #expect(lastJSON["field"] as? String == "name" && lastJSON["age_seconds"] as? Int == 125)
            #expect(lastJSON["item_id"] as? String == "item-2" && lastJSON["event"] as? String == "issue")
            let health = try #require(json["health"] as? [String: Any])
            #expect(health["state"] as? String == "fallback" && health["since"] as? String == StatusText.time(since))
            #expect((health["reason"] as? String)?.contains("did not arrive") == true)

            try await WebhookHealthStore(database: database).save(
                WebhookHealth(integrationId: "plane-acme", state: .healthy, reason: "", since: now, replica: "r-1"))
            let healthy = StatusText.render(
                try await IntegrationStatus.read(acme, database: database, now: now), now: now)
            #expect(healthy.contains("webhooks healthy since \(StatusText.time(now)), replica r-1"), "\(healthy)")
            #expect(!healthy.contains("falling back"))
        }
    }
}
