import Foundation
import MongoDriver
import SyncCache
import SyncCore
import SyncReports

/// What ``ItemExplainer`` read about one item; `explanation()` turns it into an ``ItemExplanation`` with
/// SyncCore alone (payload, canonical values, fingerprints, the reconciler's decision): no I/O here.
struct ExplainFacts {
    let integration: Integration
    let id: BoardItemID
    let now: Date
    var boardDocument: BSONDocument?
    var linkDocument: BSONDocument?
    var parentLink: Link?
    /// Another board item with the same external id (a string `_id` equal to this ObjectId's hex).
    var collidingId: BoardItemID?
    var conflicts: [ConflictRecord] = []
    var linkedItemCount: Int?
    var reporter: ConflictReporter?
    var context: PlaneContext?
    var plane: PlaneObservation = .notFetched
    var planeError: String?
    /// The cache's last snapshot of the item's Plane item.
    var lastSeen: CachedSnapshot?

    init(integration: Integration, id: BoardItemID, now: Date) {
        self.integration = integration
        self.id = id
        self.now = now
    }

    var configuration: SyncConfiguration { integration.configuration }
    var boardRead: Result<BoardItem, BoardReadProblem>? { boardDocument.map(BoardItemConversion.item) }
    var boardItem: BoardItem? { try? boardRead?.get() }
    var liveItem: BoardItem? { boardItem.flatMap { $0.deletedAt == nil ? $0 : nil } }
    var link: Link? { linkDocument.flatMap(LinkDocument.link) }
    var targetProject: String? { boardItem.flatMap { configuration.projects[$0.projectId] } }

    var snapshot: PlaneItemSnapshot? { plane.snapshot }

    func explanation() -> ItemExplanation {
        let (payload, outcome) = payloadOutcome()
        let idType = if case .objectId = id { "object_id" } else { "string" }
        let fields = fields(payload)
        let plane = planeInfo()
        return ItemExplanation(
            integration: integration.id, boardItemId: id.externalId, idType: idType, board: board(),
            link: linkInfo(), neverMirrored: link?.planeItemId == nil, plane: plane, planeLastSeen: lastSeenInfo(),
            fingerprints: ItemExplanation.Fingerprints(
                inputNow: boardItem.map { Fingerprint.input($0, mapping: configuration.mapping) },
                inputLink: link?.inputFingerprint, remoteNow: snapshot.map { Fingerprint.remote($0.values) },
                remoteLink: link?.remoteFingerprint),
            payload: outcome, fields: fields, nextSync: nextSync(), conflicts: conflicts,
            names: names(of: fields, editors: [plane.updatedBy, lastSeen?.updatedBy]))
    }

    // MARK: - Board and link

    private func board() -> ItemExplanation.Board {
        var board = ItemExplanation.Board(found: boardDocument != nil)
        switch boardRead {
        case .failure(let problem)?:
            board.readProblem = problem.reason
            board.projectId = boardDocument?["project_id"]?.stringValue
            board.title = boardDocument?["title"]?.stringValue
        case .success(let item)?:
            board.projectId = item.projectId
            board.title = item.title
            board.status = item.status
            board.updatedAt = item.updatedAt
            board.deletedAt = item.deletedAt
            board.planeProjectId = targetProject
            board.outOfScope =
                targetProject == nil
                ? "board project \"\(item.projectId)\" is not mapped to a Plane project"
                : configuration.scopeExclusion(of: item)
        case nil:
            break
        }
        return board
    }

    private func linkInfo() -> ItemExplanation.LinkInfo? {
        guard let document = linkDocument else { return nil }
        return ItemExplanation.LinkInfo(
            state: document["state"]?.stringValue ?? "?", planeProjectId: document["plane_project_id"]?.stringValue,
            planeItemId: document["plane_item_id"]?.stringValue, attempts: Int(document["attempts"]?.int64Value ?? 0),
            nextAttemptAt: document["next_attempt_at"]?.dateValue, lastError: document["last_error"]?.stringValue,
            lastSyncedAt: document["last_synced_at"]?.dateValue, lastAttemptAt: document["updated_at"]?.dateValue)
    }

    private func planeInfo() -> ItemExplanation.Plane {
        let found =
            switch plane {
            case .present: "present"
            case .archived: "archived"
            case .deleted: "deleted"
            case .duplicates: "duplicates"
            case .notFetched: "not_read"
            }
        let itemId = snapshot?.id ?? link?.planeItemId
        let project = snapshot?.projectId ?? link?.planeProjectId
        return ItemExplanation.Plane(
            found: found, itemId: itemId, url: reporter?.planeURL(project: project, item: itemId),
            updatedAt: snapshot.map { Date(timeIntervalSince1970: Double($0.updatedAtMicros) / 1_000_000) },
            updatedBy: snapshot?.updatedBy, error: planeError)
    }

    private func lastSeenInfo() -> ItemExplanation.LastSeen? {
        guard let lastSeen else { return nil }
        return ItemExplanation.LastSeen(
            itemId: lastSeen.planeItemId, updatedAt: lastSeen.updatedAt, updatedBy: lastSeen.updatedBy,
            remoteFingerprint: lastSeen.remoteFingerprint, seenAt: lastSeen.seenAt,
            ageSeconds: max(0, Int(now.timeIntervalSince(lastSeen.seenAt).rounded())),
            unchangedSince: snapshot.map {
                $0.id == lastSeen.planeItemId && Fingerprint.remote($0.values) == lastSeen.remoteFingerprint
            })
    }

    // MARK: - Payload and fields

    private func payloadOutcome() -> (DesiredPayload?, ItemExplanation.Payload?) {
        guard let item = liveItem, let target = targetProject, let metadata = context?.projects[target] else {
            return (nil, nil)
        }
        var parent = ParentResolution.none
        if let parentId = item.parentId {
            if let parentLink, let planeId = parentLink.mirroredPlaneItemId, parentId != item.id {
                parent = .inPlane(planeProjectId: parentLink.planeProjectId, planeItemId: planeId)
            } else {
                parent = .notYetInPlane(parentId)
            }
        }
        switch PayloadBuilder(configuration: configuration).build(item, metadata: metadata, parent: parent) {
        case .ready(let payload):
            return (
                payload,
                ItemExplanation.Payload(
                    ready: true, missingLabels: payload.missingLabels,
                    notes: payload.notes.map { $0.message(for: id) })
            )
        case .problem(let problem):
            return (nil, ItemExplanation.Payload(ready: false, problem: problem.message(for: id)))
        case .waitingForParent(let parentId):
            return (nil, ItemExplanation.Payload(ready: false, waitingForParent: parentId.description))
        }
    }

    /// Per owned field: base, the board's values (labels people added in Plane kept under `merge`), those
    /// values as Plane would store them, and Plane's now.
    private func fields(_ payload: DesiredPayload?) -> [ItemExplanation.Field] {
        let base = link?.base
        let current = snapshot?.values
        var desired = payload?.values
        if configuration.mapping.labels == .merge, let current, var merged = desired {
            let owned = Set(link?.ownedLabelIds ?? base?.labelIds ?? [])
            merged.labelIds += current.labelIds.filter { !owned.contains($0) }
            desired = merged
        }
        let metadata = payload.flatMap { context?.projects[$0.planeProjectId] }
        let canonical = desired.flatMap { values in
            metadata.map { PlaneCanonicalizer(metadata: $0).canonicalize(values, isCreate: base == nil) }
        }
        guard base != nil || current != nil || desired != nil else { return [] }
        return PlaneField.allCases.map { field in
            ItemExplanation.Field(
                name: field.rawValue, base: base.map { Self.value($0.value(of: field)) },
                board: desired.map { Self.value($0.value(of: field)) },
                canonical: canonical.map { Self.value($0.value(of: field)) },
                plane: current.map { Self.value($0.value(of: field)) })
        }
    }

    static func value(_ value: FieldValue) -> ExplainedValue {
        switch value {
        case .null: .null
        case .string(let text): .string(text)
        case .list(let items): .list(items)
        }
    }

    // MARK: - Decision

    /// The reconciler's plan for this one item, exactly as `sync` builds it, never applied.
    private func nextSync() -> [ItemExplanation.Action] {
        if case .failure(let problem)? = boardRead {
            return [
                ItemExplanation.Action(
                    action: "problem",
                    message: "Board item \(id): cannot be read (\(problem.reason)); sync reports it as failed and "
                        + "writes nothing for it.")
            ]
        }
        guard planeError == nil, let context else { return [] }
        let board: BoardObservation =
            switch boardItem {
            case nil: .gone
            case let item? where item.deletedAt != nil: .softDeleted(item)
            case let item?: .live(item)
            }
        var items = [ReconcileItem(boardItemId: id, board: board, link: link, plane: plane)]
        // The other item only makes the reconciler see the collision; its own actions are not shown.
        if let collidingId { items.append(ReconcileItem(boardItemId: collidingId, board: .gone)) }
        let input = ReconcileInput(
            configuration: configuration, metadata: context.projects, items: items,
            otherLinks: parentLink.map { [$0] } ?? [], now: now, readComplete: true,
            linkedItemCount: linkedItemCount, ownUserId: context.ownUserId)
        return Reconciler.plan(input).actions.filter { $0.boardItemId == id || $0.boardItemId == nil }.map {
            ItemExplanation.Action(action: $0.kind.rawValue, message: $0.message, planeItemId: $0.planeItemId)
        }
    }

    /// Names of the ids shown: states, labels, members (emails), from the Plane projects read.
    private func names(of fields: [ItemExplanation.Field], editors: [String?]) -> [String: String] {
        var known: [String: String] = [:]
        for metadata in context?.projects.values.map({ $0 }) ?? [] {
            for state in metadata.states { known[state.id] = state.name }
            for label in metadata.labels { known[label.id] = label.name }
            for member in metadata.members { known[member.id] = member.email }
        }
        var ids = Set(editors.compactMap { $0 })
        for field in fields where [PlaneField.state, .labels, .assignees].map(\.rawValue).contains(field.name) {
            for value in [field.base, field.board, field.canonical, field.plane] {
                switch value {
                case .string(let id)?: ids.insert(id)
                case .list(let list)?: ids.formUnion(list)
                default: break
                }
            }
        }
        return known.filter { ids.contains($0.key) }
    }
}
