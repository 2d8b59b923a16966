/// Decides the actions of one item (docs/architecture.md, "How a sync decides"); ``Reconciler`` orders them and applies the safety rules.
struct ItemDecider {
    var input: ReconcileInput
    /// The configuration's digest: a failure recorded under another configuration is decided again at once.
    let configurationDigest: String
    var configuration: SyncConfiguration { input.configuration }
    var comparison: FieldComparison { FieldComparison(labelMode: configuration.mapping.labels) }

    init(input: ReconcileInput) {
        self.input = input
        configurationDigest = Fingerprint.configuration(input.configuration)
    }

    func decide(_ item: ReconcileItem, problem: ItemProblem?, parent: ParentResolution) -> [PlannedAction] {
        // The live item is bound inside the switch and passed on borrowed: binding it to a variable first copied
        // it (a retain and a release of each of its strings), as did binding the item's link, in every plan.
        switch item.board {
        case .live(let board) where board.deletedAt == nil:
            let fingerprint = Fingerprint.inputDigest(board, mapping: configuration.mapping)
            if let backoff = backoff(item, fingerprint: fingerprint) { return [backoff] }
            return decideLive(item, board: board, fingerprint: fingerprint, problem: problem, parent: parent)
        default:
            if let backoff = backoff(item, fingerprint: nil) { return [backoff] }
            return removal(item, reason: item.link == nil ? .orphan : .boardItemDeleted)
        }
    }

    /// The skip of an item still in its backoff after a failure, unless what it failed on changed since.
    private func backoff(_ item: ReconcileItem, fingerprint: InputFingerprint?) -> PlannedAction? {
        guard let next = item.link?.nextAttemptAt, next > input.now, let link = item.link,
            !RetryRule.changedSinceFailure(
                link, input: fingerprint?.hex, configuration: configurationDigest, plane: item.plane)
        else { return nil }
        return skip(item, .backoff(until: next))
    }

    private func decideLive(
        _ item: ReconcileItem, board: BoardItem, fingerprint: InputFingerprint, problem: ItemProblem?,
        parent: ParentResolution
    ) -> [PlannedAction] {
        let state = item.link?.state
        let linked = item.link?.mirroredPlaneItemId != nil
        if let problem { return [blocked(item, .itemProblem(problem), fingerprint.hex)] }
        guard let target = configuration.projects[board.projectId] else {
            let why = "board project \"\(board.projectId)\" is not mapped to a Plane project"
            return linked ? removal(item, reason: .leftScope(why)) : [skip(item, .projectNotMapped(board.projectId))]
        }
        if let why = configuration.scopeExclusion(of: board) {
            return linked ? removal(item, reason: .leftScope(why)) : [skip(item, .outOfScope(why))]
        }
        if state == .unlinked { return [skip(item, .unlinked)] }
        // Held by adoption by title: never created; found by its external id (a person paired it), it adopts.
        if state == .ambiguous, item.link?.planeItemId == nil, [.notFetched, .deleted].contains(item.plane) {
            return [skip(item, .ambiguousTitle)]
        }
        // A held item is decided again whenever Plane's side is known: the same situation reports the same
        // conflict again, anything else means it went away by itself. Unknown Plane state keeps it held.
        if state == .conflict, item.plane == .notFetched { return [skip(item, .conflictPending)] }
        guard let metadata = input.metadata[target] else {
            return [skip(item, .noPlaneMetadata(planeProjectId: target))]
        }
        // An unchanged item (most of a run) is decided from its fingerprint and the payload's checks alone:
        // building the payload (label and member look-ups, calendar days) was most of a no-op plan's time.
        if unchanged(item, board: board, target: target, metadata: metadata, parent: parent, fingerprint: fingerprint) {
            return [skip(item, .unchanged)]
        }
        return decideWithPayload(
            item, board: board, target: target, metadata: metadata, parent: parent, fingerprint: fingerprint.hex)
    }

    /// True exactly when deciding with the payload would give one `.skip(.unchanged)`: the payload builds with
    /// its parent known in Plane (or none), the link is to this project, and ``threeWay`` finds the board's
    /// fingerprint the link's and no Plane edit since the base. None of that reads the payload's values.
    private func unchanged(
        _ item: ReconcileItem, board: BoardItem, target: String, metadata: PlaneMetadata, parent: ParentResolution,
        fingerprint: InputFingerprint
    ) -> Bool {
        // Read through `item.link?`, not bound: binding the link copied it (its base is most of an item).
        guard let linkedId = item.link?.planeItemId, item.link?.planeProjectId == target,
            item.link?.hasFieldsToReassert == false, fingerprint.isRecorded(item.link?.inputFingerprint),
            item.link?.hasBase == true
        else { return false }
        let snapshot: PlaneItemSnapshot?
        switch item.plane {
        case .notFetched: snapshot = nil
        case .present(let found) where found.id == linkedId: snapshot = found
        default: return false
        }
        guard
            PayloadBuilder(configuration: configuration).buildsWithKnownParent(
                board, metadata: metadata, parent: parent)
        else { return false }
        // Plane not read: no edit since the base (``planeSide`` of the base itself finds none).
        guard let snapshot, let link = item.link, let base = link.base else { return true }
        return planeSide(link: link, base: base, current: snapshot.values, snapshot: snapshot).edits.isEmpty
    }

    private func decideWithPayload(
        _ item: ReconcileItem, board: BoardItem, target: String, metadata: PlaneMetadata, parent: ParentResolution,
        fingerprint: String
    ) -> [PlannedAction] {
        let link = item.link
        let payload: DesiredPayload
        switch PayloadBuilder(configuration: configuration).build(board, metadata: metadata, parent: parent) {
        case .ready(let ready): payload = ready
        case .problem(let problem): return [blocked(item, .itemProblem(problem), fingerprint, project: target)]
        case .waitingForParent(let parentId):
            return [blocked(item, .waitingForParent(parentId), fingerprint, project: target)]
        }
        let context = LiveContext(
            item: item, payload: payload, fingerprint: fingerprint,
            canonicalizer: PlaneCanonicalizer(metadata: metadata))
        if let link, let old = link.planeItemId, link.state != .unlinked, link.planeProjectId != target {
            return moved(context, link: link, oldPlaneItemId: old)
        }
        let actions = live(context)
        // Only a POST can take a parent whose id is known after an earlier action of this plan;
        // anything else would stamp the fingerprint without the parent, so it waits one run.
        if let parentId = payload.pendingParent,
            actions.contains(where: { ![.create, .settleCreating, .recreate].contains($0.kind) })
        {
            return [blocked(item, .waitingForParent(parentId), fingerprint, project: target)]
        }
        return actions
    }

    // MARK: - Removal (board item deleted, gone, out of scope)

    func removal(_ item: ReconcileItem, reason: DeleteReason) -> [PlannedAction] {
        let link = item.link
        if link?.state == .unlinked { return [skip(item, .unlinked)] }
        if link?.state == .orphaned { return [skip(item, .orphanKept)] }
        if let link, let planeItemId = link.planeItemId {
            if item.plane == .deleted { return [action(item, .unlink(reason: .goneOnBothSides), planeItemId)] }
            switch configuration.policy.deletes {
            case .delete: return [action(item, .delete(reason: reason), planeItemId, project: link.planeProjectId)]
            case .keep: return [action(item, .unlink(reason: .keptByPolicy), planeItemId, project: link.planeProjectId)]
            }
        }
        let found: [PlaneItemSnapshot]
        switch item.plane {
        case .present(let snapshot), .archived(let snapshot): found = [snapshot]
        case .duplicates(let list): found = list
        case .deleted:
            return link == nil || [.blocked, .ambiguous].contains(link?.state)
                ? [skip(item, .neverMirrored)] : [action(item, .unlink(reason: .goneOnBothSides), nil)]
        case .notFetched: return [skip(item, .neverMirrored)]
        }
        guard configuration.policy.deletes == .delete else { return [skip(item, .orphanKept, found.first?.id)] }
        return found.map { action(item, .delete(reason: .orphan), $0.id, project: $0.projectId) }
    }

    // MARK: - Move

    func moved(_ context: LiveContext, link: Link, oldPlaneItemId: String) -> [PlannedAction] {
        let item = context.item
        let reason = DeleteReason.movedToAnotherProject(newPlaneProjectId: context.payload.planeProjectId)
        let leave: PlannedAction
        switch configuration.policy.deletes {
        case .delete: leave = action(item, .delete(reason: reason), oldPlaneItemId, project: link.planeProjectId)
        case .keep: leave = action(item, .unlink(reason: .keptByPolicy), oldPlaneItemId, project: link.planeProjectId)
        }
        return [leave, write(context, .create(context.payload), nil)]
    }

    // MARK: - Helpers

    func skip(_ item: ReconcileItem, _ reason: SkipReason, _ planeItemId: String? = nil) -> PlannedAction {
        action(item, .skip(reason), planeItemId ?? item.link?.planeItemId)
    }

    /// A live item that cannot be written now: the skip carries its input fingerprint, recorded on its link
    /// (``LinkRecord``) so that a board edit decides it again at once.
    func blocked(_ item: ReconcileItem, _ reason: SkipReason, _ fingerprint: String, project: String? = nil)
        -> PlannedAction
    {
        var skipped = skip(item, reason)
        skipped.inputFingerprint = fingerprint
        skipped.planeProjectId = skipped.planeProjectId ?? project
        return skipped
    }

    func action(_ item: ReconcileItem, _ action: SyncAction, _ planeItemId: String?, project: String? = nil)
        -> PlannedAction
    {
        PlannedAction(
            boardItemId: item.boardItemId, planeProjectId: project ?? item.link?.planeProjectId,
            planeItemId: planeItemId,
            action: action)
    }

    /// An action that writes the payload (or re-stamps its fingerprint): carries fingerprint, notes and payload.
    func write(_ context: LiveContext, _ action: SyncAction, _ planeItemId: String?, notes: [PayloadNote] = [])
        -> PlannedAction
    {
        PlannedAction(
            boardItemId: context.item.boardItemId, planeProjectId: context.payload.planeProjectId,
            planeItemId: planeItemId, action: action, inputFingerprint: context.fingerprint,
            notes: context.payload.notes + notes, payload: context.payload)
    }
}

/// What is known about a live, in-scope item with a payload.
struct LiveContext {
    var item: ReconcileItem
    var payload: DesiredPayload
    var fingerprint: String
    var canonicalizer: PlaneCanonicalizer
}
