import Foundation

/// What a verified delivery says about itself, read from its JSON body: enough to store and later find it
/// (the whole body is stored beside it).
public struct WebhookDelivery: Sendable, Equatable {
    /// `event`: `issue`, `issue_comment`, `project`, …
    public var event: String?
    /// `action`: `created`, `updated` or `deleted`.
    public var action: String?
    /// `data.id`: the work item (or comment, project…).
    public var itemID: String?
    /// `data.updated_at`, exactly as Plane wrote it: how a late retry is told from newer news.
    public var updatedAt: String?
    /// `activity.field`: the one field this delivery is about (nil for a create).
    public var field: String?
    /// `activity.actor.id`: who made the change.
    public var actorID: String?

    /// nil when the body is not a JSON object.
    public init?(body: [UInt8]) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else { return nil }
        let data = object["data"] as? [String: Any]
        let activity = object["activity"] as? [String: Any]
        event = object["event"] as? String
        action = object["action"] as? String
        itemID = data?["id"] as? String
        updatedAt = data?["updated_at"] as? String
        field = activity?["field"] as? String
        actorID = (activity?["actor"] as? [String: Any])?["id"] as? String
    }
}
