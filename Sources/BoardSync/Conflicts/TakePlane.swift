import Foundation
import Logging
import MongoDriver
import PlaneAPI
import SyncCore

/// `--take-plane`: Plane's values of some fields become the board item's, then the link is re-stamped
/// from Plane's item as it is now, so the next run sees nothing to do.
struct TakePlane: Sendable {
    let database: MongoDatabase
    let integration: Integration
    let links: LinkStore
    let options: SyncEngine.Options

    /// Takes Plane's values of `fields` into the board item and re-stamps the link.
    /// - Returns: what the next sync does for the item: SyncCore's reconciler run on it as it now stands.
    func apply(fields: [PlaneField], record: ConflictRecordRef, boardId: BoardItemID, now: Date) async throws
        -> [PlannedAction]
    {
        let subject = "board item \(boardId)"
        guard let link = try await links.links(for: [boardId])[boardId], let planeId = link.planeItemId else {
            throw ConflictResolutionError("\(subject) has no Plane item linked any more; run `boardsync sync` first")
        }
        let boardItems = database.collection(CollectionNames.boardItems)
        let key = BoardItemConversion.bson(boardId)
        guard let document = try await boardItems.findOne(["_id": key]) else {
            throw ConflictResolutionError(
                "\(subject) no longer exists on the board; nothing to take Plane's values into")
        }
        guard let seen = record.boardUpdatedAt else {
            throw ConflictResolutionError(
                "the report does not say when the board item was seen; run `boardsync sync` and resolve the new report")
        }
        let edited = ConflictResolutionError(
            "\(subject) was edited on the board after the conflict was seen; its values were not overwritten. "
                + "Run `boardsync sync` and resolve the report it raises.")
        guard document["updated_at"]?.dateValue == seen else { throw edited }
        let item = try BoardItemConversion.item(from: document).get()

        let client = try SyncEngine(database: database, logger: Logger(label: "boardsync")).makeClient(
            integration, options: options)
        let planeItem = try await client.workItem(project: link.planeProjectId, id: planeId)
        let snapshot = PlaneConversion.snapshot(of: planeItem, project: link.planeProjectId)
        let context = try await PlaneMetadataLoader(client: client).load(projects: [link.planeProjectId])
        guard let metadata = context.projects[link.planeProjectId] else {
            throw ConflictResolutionError(
                "Plane project \(link.planeProjectId) could not be read; run `boardsync check`")
        }
        var parent: BoardItemID?
        if fields.contains(.parent), let planeParent = snapshot.values.parentId {
            parent = try await links.boardItem(mirroredTo: planeParent)
        }
        let mapper = BoardValuesFromPlane(configuration: integration.configuration, metadata: metadata)
        let updates: [BoardValuesFromPlane.Update]
        switch try await OwnThread.run({ [parent] in
            mapper.updates(fields, from: snapshot.values, board: item, parentBoardId: parent)
        }) {
        case .success(let found): updates = found
        case .failure(let problem):
            throw ConflictResolutionError("Plane's \(problem) for \(subject); take the other fields with --field")
        }
        var set: BSONDocument = ["updated_at": .date(now)]
        for update in updates { set[update.boardField] = Self.bson(update.value) }
        let result = try await boardItems.updateOne(["_id": key, "updated_at": .date(seen)], ["$set": .document(set)])
        guard result.matchedCount == 1 else { throw edited }

        guard let written = try await boardItems.findOne(["_id": key]) else { return [] }
        let taken = try BoardItemConversion.item(from: written).get()
        try await links.saveSynced(
            boardId, planeProjectId: link.planeProjectId, item: snapshot, sequenceId: planeItem.sequenceID,
            ownedLabelIds: snapshot.values.labelIds,
            inputFingerprint: Fingerprint.input(taken, mapping: integration.configuration.mapping),
            remoteUpdatedAt: planeItem.updatedAt?.description, now: now)
        // Fields of the report left to the board: the next run pushes them.
        let left = record.fields.filter { !fields.contains($0) }
        if !left.isEmpty { try await links.reassert(boardId, fields: left, now: now) }
        return try await nextSync(taken, planeItem: snapshot, context: context, now: now)
    }

    /// SyncCore's decision for the item as the resolution left it (board, link, Plane's item read now), so
    /// the message says what the next sync does, never what it was hoped to do.
    private func nextSync(_ item: BoardItem, planeItem: PlaneItemSnapshot, context: PlaneContext, now: Date)
        async throws -> [PlannedAction]
    {
        let link = try await links.links(for: [item.id])[item.id]
        let parentLinks = try await links.links(for: item.parentId.map { [$0] } ?? [])
        let input = ReconcileInput(
            configuration: integration.configuration, metadata: context.projects,
            items: [ReconcileItem(boardItemId: item.id, board: .live(item), link: link, plane: .present(planeItem))],
            // The next sync comes later than now: a link due "now" (stored to the millisecond) is due then.
            otherLinks: Array(parentLinks.values), now: now.addingTimeInterval(1), ownUserId: context.ownUserId)
        return try await OwnThread.run { Reconciler.plan(input).actions.filter { $0.boardItemId == item.id } }
    }

    static func bson(_ value: BoardValuesFromPlane.Value) -> BSONValue {
        switch value {
        case .null: .null
        case .string(let text): .string(text)
        case .strings(let list): .array(list.map(BSONValue.string))
        case .date(let date): .date(date)
        case .id(let id): BoardItemConversion.bson(id)
        }
    }
}

/// What `--take-plane` needs of a report: its fields and when it saw the board item.
struct ConflictRecordRef: Sendable {
    var fields: [PlaneField]
    var boardUpdatedAt: Date?
}
