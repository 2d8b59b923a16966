/// The three-way compare of a linked item: board (input fingerprint), base, Plane now.
extension ItemDecider {
    func threeWay(_ context: LiveContext, link: Link, current: PlaneValues, snapshot: PlaneItemSnapshot?)
        -> PlannedAction
    {
        let planeItemId = link.planeItemId
        guard let base = link.base else {
            let changes = noBaseChanges(context, current: current)
            // Held without a base (a person's edit found when the links were lost, or on an item adopted by
            // title): their edit while it still differs, whoever wrote last. A held item gets no write of ours but
            // adoption's external pair, which makes our key its last editor without touching their values.
            if link.state == .conflict, let snapshot, !changes.isEmpty {
                return handEditWithoutBase(context, snapshot, changes: changes)
            }
            let action: SyncAction =
                changes.isEmpty ? .skip(.noEffectiveChange) : .update(changes: changes, overwritten: [])
            return write(context, action, planeItemId)
        }
        if let fields = link.reassertFields { return reassert(context, link: link, fields: fields, current: current) }
        let boardChanged = link.inputFingerprint != context.fingerprint
        let (planeEdits, owned) = planeSide(link: link, base: base, current: current, snapshot: snapshot)
        if !boardChanged && planeEdits.isEmpty {
            return skip(context.item, .unchanged)
        }
        var desired = comparison.effectiveDesired(context.payload.values, current: current, owned: owned)
        // Plane filled in the project's default assignee on create; an empty board list keeps it.
        if desired.assigneeIds.isEmpty, let fallback = context.canonicalizer.metadata.defaultAssigneeId,
            base.assigneeIds == [fallback]
        {
            desired.assigneeIds = [fallback]
        }
        let predicted = context.canonicalizer.canonicalize(desired, isCreate: false)
        var reference = base
        reference.labelIds = current.labelIds  // labels people added under `merge` are not a board change
        if comparison.labelMode == .exact { reference.labelIds = base.labelIds }
        let boardFields = boardChanged ? comparison.differing(predicted, reference) : []

        if planeEdits.isEmpty {
            let changes = comparison.withMissingLabels(
                comparison.changes(boardFields, old: base, new: desired), payload: context.payload, old: base,
                new: desired)
            let action: SyncAction =
                changes.isEmpty ? .skip(.noEffectiveChange) : .update(changes: changes, overwritten: [])
            return write(context, action, planeItemId)
        }
        // Only what still disagrees with Plane now counts: an edit that already matches the board is none.
        let stillDiffering = Set(comparison.differing(predicted, current))
        let liveEdits = planeEdits.filter(stillDiffering.contains)
        let pending = boardFields.filter(stillDiffering.contains)
        if liveEdits.isEmpty {
            let changes = comparison.withMissingLabels(
                comparison.changes(pending, old: current, new: desired), payload: context.payload, old: current,
                new: desired)
            let action: SyncAction =
                changes.isEmpty ? .skip(.noEffectiveChange) : .update(changes: changes, overwritten: [])
            return write(context, action, planeItemId)
        }
        let contested = Set(pending + liveEdits).sorted()
        if !boardChanged && configuration.policy.remoteEdits == .overwrite {
            let changes = comparison.changes(contested, old: current, new: desired)
            let overwritten = comparison.changes(liveEdits, old: base, new: current)
            return write(context, .update(changes: changes, overwritten: overwritten), planeItemId)
        }
        let fields = contested.map {
            Conflict.Field(
                field: $0, base: base.value(of: $0), board: desired.value(of: $0), plane: current.value(of: $0))
        }
        let conflict = Conflict(
            kind: boardChanged ? .bothChanged : .handEdit, fields: fields, planeUpdatedBy: snapshot?.updatedBy,
            planeUpdatedAtMicros: snapshot?.updatedAtMicros)
        return PlannedAction(
            boardItemId: context.item.boardItemId, planeProjectId: link.planeProjectId, planeItemId: planeItemId,
            action: .conflict(conflict), notes: context.payload.notes)
    }

    /// Plane's edits since the base, and the labels that are ours (the link's, or the base's).
    func planeSide(link: Link, base: PlaneValues, current: PlaneValues, snapshot: PlaneItemSnapshot?)
        -> (edits: [PlaneField], owned: Set<String>)
    {
        // No snapshot: Plane was not read for this item, and `current` is the base itself.
        let remoteUnchanged =
            snapshot == nil || (link.remoteFingerprint ?? Fingerprint.remote(base)) == Fingerprint.remote(current)
        var owned = Set(link.ownedLabelIds ?? base.labelIds)
        if remoteUnchanged { return ([], owned) }
        // Plane last written by our own user: what differs from the base is a write of ours whose outcome
        // was never recorded (the run was killed after its PATCH, or the answer was lost), not a hand edit.
        // The labels that write left are ours too.
        if input.ownUserId != nil && snapshot?.updatedBy == input.ownUserId {
            owned.formUnion(current.labelIds)
            return ([], owned)
        }
        return (comparison.planeEdits(base: base, current: current, owned: owned), owned)
    }

    /// An admin chose the board for these fields: push its values wherever Plane differs now, edits or not.
    func reassert(_ context: LiveContext, link: Link, fields: [PlaneField], current: PlaneValues) -> PlannedAction {
        let owned = Set(link.ownedLabelIds ?? link.base?.labelIds ?? [])
        let desired = comparison.effectiveDesired(context.payload.values, current: current, owned: owned)
        let predicted = context.canonicalizer.canonicalize(desired, isCreate: false)
        let chosen = Set(fields)
        let differing = comparison.differing(predicted, current).filter(chosen.contains)
        let changes = comparison.withMissingLabels(
            comparison.changes(differing, old: current, new: desired), payload: context.payload, old: current,
            new: desired)
        let action: SyncAction =
            changes.isEmpty ? .skip(.noEffectiveChange) : .update(changes: changes, overwritten: [])
        return write(context, action, link.planeItemId)
    }
}
