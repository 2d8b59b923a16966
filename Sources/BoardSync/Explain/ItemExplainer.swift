import Foundation
import Logging
import MongoDriver
import PlaneAPI
import SyncCache
import SyncCore

/// Reads one board item, its link, its open conflicts and Plane's item, and asks SyncCore what the next
/// sync would do with it. No Plane write, no MongoDB write (`boardsync explain`); Plane's metadata comes
/// through the local cache like a run's (and is kept there), and the cache's last snapshot of the item is shown.
public struct ItemExplainer: Sendable {
    /// The engine whose database, cache, metadata TTL and logger the explanation uses.
    public let engine: SyncEngine
    public let integration: Integration
    /// Request timeout, retries and transport of the Plane client; `now` for the decision. `mode` is unused.
    public var options: SyncEngine.Options

    var database: MongoDatabase { engine.database }

    public init(
        engine: SyncEngine, integration: Integration,
        options: SyncEngine.Options = SyncEngine.Options(mode: .incremental)
    ) {
        self.engine = engine
        self.integration = integration
        self.options = options
    }

    /// Explains the item whose `_id` is `idText` (24 hex digits for an ObjectId, else the string).
    /// - Throws: ``ExplainError/noSuchItem`` when neither the board nor the integration's links know it;
    ///   MongoDB errors. Plane errors are not thrown: they are in the explanation's `plane.error`.
    public func explain(_ idText: String) async throws -> ItemExplanation {
        let found = try await read(idText)
        var facts = ExplainFacts(integration: integration, id: found.id, now: options.now())
        facts.boardDocument = found.document
        facts.linkDocument = found.link
        facts.collidingId = found.colliding
        if let parentId = facts.liveItem?.parentId {
            facts.parentLink = try await LinkStore(database: database, integrationId: integration.id)
                .links(for: [parentId])[parentId]
        }
        facts.conflicts = try await ApprovalStore(database: database).list(
            integrationId: integration.id, status: "pending", boardItemId: found.id.externalId)
        facts.linkedItemCount = try await LinkStore(database: database, integrationId: integration.id).linkedCount()
        facts.reporter = ConflictReporter(store: ApprovalStore(database: database), integration: integration)
        let cache = engine.runCache(integration)
        facts.lastSeen =
            await cache?.use { cache, scope in try await cache.snapshot(scope: scope, boardItemId: found.id.externalId)
            }
            ?? nil
        do {
            try await readPlane(into: &facts, cache: cache)
        } catch {
            facts.planeError = "\(ItemFailure(error).reason)"
        }
        return try await OwnThread.run("boardsync-explain") { [facts] in facts.explanation() }
    }

    /// The board document and the link: the ObjectId reading of the id first, then the string. `colliding`
    /// is the other reading when a document has it too (both then share one external id).
    private func read(_ idText: String) async throws -> (
        id: BoardItemID, document: BSONDocument?, link: BSONDocument?, colliding: BoardItemID?
    ) {
        let items = database.collection(CollectionNames.boardItems)
        let links = database.collection(CollectionNames.boardLinks)
        let candidates = SyncInputGatherer.candidateIds(idText)
        var firstLinked: (BoardItemID, BSONDocument)?
        for (index, id) in candidates.enumerated() {
            let key = BoardItemConversion.bson(id)
            let link = try await links.findOne(["integration_id": .string(integration.id), "board_item_id": key])
            if let document = try await items.findOne(["_id": key]) {
                var colliding: BoardItemID?
                for other in candidates[(index + 1)...]
                where try await items.findOne(["_id": BoardItemConversion.bson(other)]) != nil {
                    colliding = other
                }
                return (id, document, link, colliding)
            }
            if firstLinked == nil, let link { firstLinked = (id, link) }
        }
        if let (id, link) = firstLinked { return (id, nil, link, nil) }
        throw ExplainError.noSuchItem(id: idText, integration: integration.id)
    }

    /// Plane's metadata for the projects concerned, its user, and the item: by id when linked (a 404 is
    /// archived or deleted, told apart by the external-id lookup), else by the external-id lookup.
    private func readPlane(into facts: inout ExplainFacts, cache: RunCache?) async throws {
        let client = try engine.makeClient(integration, options: options)
        let projects = Set([facts.targetProject, facts.link?.planeProjectId].compactMap { $0 })
        facts.context = try await engine.metadataSource(integration, client: client, cache: cache, now: options.now)
            .context(projects: projects.sorted())
        let externalId = facts.id.externalId
        let source = integration.externalSource
        if let link = facts.link, let planeId = link.mirroredPlaneItemId {
            do {
                let item = try await client.workItem(project: link.planeProjectId, id: planeId)
                facts.plane = .present(PlaneConversion.snapshot(of: item, project: link.planeProjectId))
            } catch let error as PlaneAPIError where error.code == .notFound {
                facts.plane = try await lookUp(
                    client, project: link.planeProjectId, externalId, source, linked: planeId)
            }
        } else if let project = facts.targetProject ?? facts.link?.planeProjectId {
            facts.plane = try await lookUp(client, project: project, externalId, source, linked: nil)
        }
    }

    private func lookUp(_ client: PlaneClient, project: String, _ externalId: String, _ source: String, linked: String?)
        async throws -> PlaneObservation
    {
        do {
            guard
                let item = try await client.lookUpWorkItem(
                    project: project, externalID: externalId, externalSource: source)
            else { return .deleted }
            let snapshot = PlaneConversion.snapshot(of: item, project: project)
            return snapshot.isArchived || item.id == linked ? .archived(snapshot) : .present(snapshot)
        } catch let error as PlaneAPIError where error.code == .duplicatedExternalPair {
            // Plane answers 500 and lists none: the decision cannot name them, so it is left to `sync`.
            throw ExplainError.duplicates(project: project, externalId: externalId)
        }
    }
}
