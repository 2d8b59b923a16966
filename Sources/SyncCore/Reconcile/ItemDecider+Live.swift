/// Live items: create, settle, adopt, relink, recreate, archived, duplicates, three-way compare.
extension ItemDecider {
    func live(_ context: LiveContext) -> [PlannedAction] {
        let item = context.item
        guard let link = item.link, let linkedId = link.planeItemId else {
            switch item.plane {
            case .present(let snapshot) where snapshot.projectId != context.payload.planeProjectId:
                // Found in the Plane project the item was mirrored to before a move: leave it, create anew.
                let create = write(context, .create(context.payload), nil)
                guard configuration.policy.deletes == .delete else { return [create] }
                let reason = DeleteReason.movedToAnotherProject(newPlaneProjectId: context.payload.planeProjectId)
                return [action(item, .delete(reason: reason), snapshot.id, project: snapshot.projectId), create]
            case .present(let snapshot): return [adoptOrRelink(context, snapshot, from: nil)]
            case .archived(let snapshot): return [archived(context, snapshot)]
            case .duplicates(let list): return duplicates(context, list)
            case .deleted: return [write(context, .create(context.payload), nil)]
            case .notFetched:
                // A link that never saw a POST (none, or `blocked`) creates; one that may have (`creating`,
                // `failed`) looks the pair up first.
                let neverSent = item.link == nil || item.link?.state == .blocked
                return [write(context, neverSent ? .create(context.payload) : .settleCreating(context.payload), nil)]
            }
        }
        switch item.plane {
        case .deleted:
            if !input.readComplete { return [skip(item, .incompleteRead)] }
            return [
                write(
                    context, .recreate(previousPlaneItemId: linkedId, payload: context.payload), linkedId,
                    notes: [.recreatedAfterHandDelete(previousPlaneItemId: linkedId)])
            ]
        case .archived(let snapshot): return [archived(context, snapshot)]
        case .duplicates(let list): return duplicates(context, list)
        case .present(let snapshot) where snapshot.id != linkedId:
            return [adoptOrRelink(context, snapshot, from: linkedId)]
        case .present(let snapshot):
            return [threeWay(context, link: link, current: snapshot.values, snapshot: snapshot)]
        case .notFetched:
            guard let base = link.base else { return [skip(item, .planeStateUnknown)] }
            return [threeWay(context, link: link, current: base, snapshot: nil)]
        }
    }

    /// No base: compare the canonicalised desired values with Plane's by remote fingerprint.
    func adoptOrRelink(_ context: LiveContext, _ snapshot: PlaneItemSnapshot, from old: String?) -> PlannedAction {
        // Our own POST whose answer was lost (the link still `creating`), not edited since by anyone else:
        // every label on it is ours, so labels the board dropped meanwhile are removed, not kept as people's.
        let ownCreate =
            context.item.link?.state == .creating && input.ownUserId != nil
            && (snapshot.updatedBy == nil || snapshot.updatedBy == input.ownUserId)
        let changes = noBaseChanges(context, current: snapshot.values, labelsAreOurs: ownCreate)
        if !changes.isEmpty, let editor = snapshot.updatedBy, let own = input.ownUserId, editor != own {
            return handEditWithoutBase(context, snapshot, changes: changes)
        }
        let action: SyncAction =
            context.item.link == nil || context.item.link?.planeItemId == nil
            ? .adopt(changes: changes) : .relink(fromPlaneItemId: old, changes: changes)
        return write(context, action, snapshot.id)
    }

    /// No base, and a person edited the Plane item last: what differs may be their edit. `hold` reports it;
    /// `overwrite` re-asserts the board and reports Plane's values as overwritten (the board's as the old ones).
    func handEditWithoutBase(_ context: LiveContext, _ snapshot: PlaneItemSnapshot, changes: [FieldChange])
        -> PlannedAction
    {
        guard configuration.policy.remoteEdits == .hold else {
            let overwritten = changes.map { FieldChange(field: $0.field, old: $0.new, new: $0.old) }
            return write(context, .update(changes: changes, overwritten: overwritten), snapshot.id)
        }
        let conflict = Conflict(
            kind: .handEdit,
            fields: changes.map { Conflict.Field(field: $0.field, base: nil, board: $0.new, plane: $0.old) },
            planeUpdatedBy: snapshot.updatedBy, planeUpdatedAtMicros: snapshot.updatedAtMicros)
        return PlannedAction(
            boardItemId: context.item.boardItemId, planeProjectId: snapshot.projectId, planeItemId: snapshot.id,
            action: .conflict(conflict), notes: context.payload.notes)
    }

    func noBaseChanges(_ context: LiveContext, current: PlaneValues, labelsAreOurs: Bool = false) -> [FieldChange] {
        let owned = labelsAreOurs ? Set(current.labelIds) : []
        let desired = comparison.effectiveDesired(context.payload.values, current: current, owned: owned)
        let predicted = context.canonicalizer.canonicalize(desired, isCreate: true)
        let fields =
            Fingerprint.remote(predicted) == Fingerprint.remote(current) ? [] : comparison.differing(predicted, current)
        let changes = comparison.changes(fields, old: current, new: desired)
        return comparison.withMissingLabels(changes, payload: context.payload, old: current, new: desired)
    }

    func archived(_ context: LiveContext, _ snapshot: PlaneItemSnapshot) -> PlannedAction {
        let conflict = Conflict(
            kind: .archived, planeUpdatedBy: snapshot.updatedBy, planeUpdatedAtMicros: snapshot.updatedAtMicros,
            planeItemIds: [snapshot.id])
        return PlannedAction(
            boardItemId: context.item.boardItemId, planeProjectId: snapshot.projectId, planeItemId: snapshot.id,
            action: .conflict(conflict), notes: context.payload.notes)
    }

    /// Several Plane items hold our pair: keep the oldest, delete the rest under policy `delete`.
    func duplicates(_ context: LiveContext, _ list: [PlaneItemSnapshot]) -> [PlannedAction] {
        let ordered = list.sorted { ($0.createdAtMicros ?? .max, $0.id) < ($1.createdAtMicros ?? .max, $1.id) }
        guard let keep = ordered.first else { return [write(context, .settleCreating(context.payload), nil)] }
        guard configuration.policy.deletes == .delete else {
            let conflict = Conflict(kind: .duplicates, planeItemIds: ordered.map(\.id))
            return [action(context.item, .conflict(conflict), keep.id, project: keep.projectId)]
        }
        let deletes = ordered.dropFirst().map {
            action(context.item, .delete(reason: .duplicate(keptPlaneItemId: keep.id)), $0.id, project: $0.projectId)
        }
        var rest = context
        rest.item.plane = .present(keep)
        let kept: [PlannedAction]
        if let link = context.item.link, link.planeItemId == keep.id {
            kept = [threeWay(rest, link: link, current: keep.values, snapshot: keep)]
        } else {
            kept = [adoptOrRelink(rest, keep, from: context.item.link?.planeItemId)]
        }
        return deletes + kept
    }
}
