import Foundation
import Logging
import MongoDriver
import PlaneAPI
import SyncCore

/// `boardsync unlink ITEM [--delete-in-plane]`: stop mirroring one board item. The link stays, marked
/// `unlinked`, so no later run mirrors the item again; with `--delete-in-plane` its Plane item is deleted first.
public struct ItemUnlinker: Sendable {
    public enum Outcome: Sendable, Equatable {
        case unlinked(planeItemId: String?)
        case unlinkedAndDeleted(planeItemId: String)
        case notLinked
    }

    public let database: MongoDatabase

    public init(database: MongoDatabase) {
        self.database = database
    }

    public func unlink(_ id: BoardItemID, in integration: Integration, deleteInPlane: Bool, now: Date = Date())
        async throws -> Outcome
    {
        let links = LinkStore(database: database, integrationId: integration.id)
        guard let link = try await links.links(for: [id])[id] else { return .notLinked }
        var deleted = false
        if deleteInPlane, let planeId = link.planeItemId {
            let client = PlaneClient(
                configuration: PlaneClientConfiguration(
                    baseURL: integration.apiRoot, apiKey: try integration.apiKey(),
                    workspaceSlug: integration.workspaceSlug,
                    rateLimit: integration.rateLimit, rateReserve: integration.rateReserve),
                logger: Logger(label: "boardsync.unlink"))
            do {
                try await client.deleteWorkItem(project: link.planeProjectId, id: planeId)
            } catch let error as PlaneAPIError where error.code == .notFound {
                // Already gone in Plane.
            }
            deleted = true
        }
        try await links.setState(id, .unlinked, note: "unlinked by an operator", now: now)
        if deleted, let planeId = link.planeItemId { return .unlinkedAndDeleted(planeItemId: planeId) }
        return .unlinked(planeItemId: link.planeItemId)
    }
}
