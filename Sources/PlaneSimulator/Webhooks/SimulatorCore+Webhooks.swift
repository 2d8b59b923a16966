/// A work item change Plane tells its webhooks about: a create, or one field of an update.
struct WebhookEvent: Sendable {
    var action: String
    var field: String?
    var oldValue: SimJSON = nil
    var newValue: SimJSON = nil
    var actorID: String

    static func created(by actorID: String) -> WebhookEvent {
        WebhookEvent(action: "created", actorID: actorID)
    }
}

/// Plane's `model_activity` and `webhook_activity`: which deliveries a write makes, and what they carry.
extension SimulatorCore {
    /// One `updated` event per key of the request body that the item's current rendering holds with another
    /// value (Plane compares the raw request with the serialised item, key by key, so a PATCH of three
    /// fields that changed makes three deliveries, and a field sent unchanged makes none).
    func webhookEvents(changes body: SimJSON, before item: WorkItemRecord, actor: String) -> [WebhookEvent] {
        guard case .object(let pairs) = body else { return [] }
        let current = world.renderItem(item, tz)
        var seen: Set<String> = []
        var events: [WebhookEvent] = []
        // Python's dict keeps a repeated key's last value, in the position of its first.
        for (key, _) in pairs where seen.insert(key).inserted {
            guard let old = current[key], let new = pairs.last(where: { $0.0 == key })?.1, old != new else { continue }
            events.append(WebhookEvent(action: "updated", field: key, oldValue: old, newValue: new, actorID: actor))
        }
        return events
    }

    /// Queues the deliveries of `events`, with the item as it is now (Plane's task reads the item when it
    /// runs, after the `updated_at` bump, so every delivery of one PATCH carries the same final `data`). A
    /// deleted item sends nothing.
    func sendWebhooks(_ itemID: String, _ events: [WebhookEvent]) async {
        guard !events.isEmpty, let item = world.items[itemID], item.deletedAt == nil else { return }
        let data = world.renderWebhookItem(item)
        let items = events.map { event in
            let activity: SimJSON = [
                "field": .optional(event.field), "new_value": event.newValue, "old_value": event.oldValue,
                "actor": world.renderUser(id: event.actorID), "old_identifier": nil, "new_identifier": nil,
            ]
            return (action: event.action, data: data, activity: activity)
        }
        await webhooks.enqueue(event: "issue", workspaceID: world.workspaceID, items: items)
    }
}
