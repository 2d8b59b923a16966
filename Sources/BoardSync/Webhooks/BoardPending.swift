import Foundation
import MongoDriver

/// Whether a board change of an integration waits to be pushed: an item of its board projects updated
/// after the cursor, or a link due for retry. Without one, a daemon tick may skip Plane's listing while the
/// webhook deliveries are trusted. Any doubt (no cursor yet, MongoDB failing) counts as pending, so the tick
/// runs as without webhooks. A document committed late with an earlier `updated_at` (within the runs'
/// overlap) is pushed by the next listing run, `--plane-poll` at the latest, or by the change stream's wake-up.
enum BoardPending {
    static func check(database: MongoDatabase, integrationId: String, now: Date = Date()) async -> Bool {
        do {
            let integration = try await IntegrationLoader(database: database).load(id: integrationId)
            guard let cursor = integration.checkpoint.cursor else { return true }
            let projects = Set(integration.projects.map(\.boardProjectId)).sorted()
            let filter: BSONDocument = [
                "project_id": ["$in": .array(projects.map { .string($0) })],
                "updated_at": ["$gt": .date(cursor)],
            ]
            if try await database.collection(CollectionNames.boardItems).findOne(filter) != nil { return true }
            let links = LinkStore(database: database, integrationId: integrationId, leaseToken: nil)
            return !(try await links.dueForRetry(now: now)).isEmpty
        } catch {
            return true
        }
    }
}
