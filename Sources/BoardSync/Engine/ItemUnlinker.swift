import Foundation
import MongoDriver
import PlaneAPI
import SyncCache
import SyncCore

/// `boardsync unlink ITEM [--delete-in-plane]`: stop mirroring one board item. The link stays, marked
/// `unlinked`, so no later run mirrors the item again; with `--delete-in-plane` its Plane item is deleted first.
public struct ItemUnlinker: Sendable {
    public enum Outcome: Sendable, Equatable {
        case unlinked(planeItemId: String?)
        case unlinkedAndDeleted(planeItemId: String)
        case notLinked
    }

    /// The engine whose database, Plane client and cache the unlink uses.
    public let engine: SyncEngine

    public init(engine: SyncEngine) {
        self.engine = engine
    }

    public func unlink(_ id: BoardItemID, in integration: Integration, deleteInPlane: Bool, now: Date = Date())
        async throws -> Outcome
    {
        let links = LinkStore(database: engine.database, integrationId: integration.id)
        guard let link = try await links.links(for: [id])[id] else { return .notLinked }
        var deleted = false
        if deleteInPlane, let planeId = link.planeItemId {
            let client = try engine.makeClient(integration, options: SyncEngine.Options(mode: .incremental))
            do {
                try await client.deleteWorkItem(project: link.planeProjectId, id: planeId)
            } catch let error as PlaneAPIError where error.code == .notFound {
                // Already gone in Plane.
            }
            deleted = true
        }
        try await links.setState(id, .unlinked, note: "unlinked by an operator", now: now)
        // The cache's snapshot would describe an item no run mirrors any more.
        _ = await engine.runCache(integration)?.use { cache, scope in
            try await cache.removeSnapshots(scope: scope, boardItemIds: [id.externalId])
        }
        if deleted, let planeId = link.planeItemId { return .unlinkedAndDeleted(planeItemId: planeId) }
        return .unlinked(planeItemId: link.planeItemId)
    }
}
