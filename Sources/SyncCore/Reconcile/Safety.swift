/// The rules that keep a plan from doing damage: a Plane item the plan keeps is never deleted, incomplete
/// reads, and the mass-delete breaker.
enum Safety {
    static func apply(_ planned: [[PlannedAction]], input: ReconcileInput) -> ([[PlannedAction]], String?) {
        let perItem = sparingKeptItems(planned)
        if !input.readComplete {
            let safe = perItem.map { actions in
                actions.contains(where: { $0.kind == .delete || $0.kind == .recreate })
                    ? [replacement(actions, .incompleteRead)] : actions
            }
            return (safe, nil)
        }
        // Counted in place through each buffer: filtering copied every action of the plan.
        var deletes = 0
        for actions in perItem {
            actions.withUnsafeBufferPointer { buffer in
                for index in buffer.indices where buffer[index].kind == .delete { deletes += 1 }
            }
        }
        let linked =
            input.linkedItemCount
            ?? input.items.filter { $0.link?.mirroredPlaneItemId != nil }.count
        let fraction = input.configuration.policy.maxDeleteFraction
        guard deletes > 0, Double(deletes) > fraction * Double(max(linked, 1)) else { return (perItem, nil) }
        let reason =
            "the plan would delete \(deletes) Plane items of \(linked) linked ones, more than max_delete_fraction "
            + "\(fraction); check the board read and the scope, then raise the limit or delete by hand."
        let safe = perItem.map { actions in
            actions.contains(where: { $0.kind == .delete }) ? [replacement(actions, .deleteBlocked)] : actions
        }
        return (safe, reason)
    }

    /// A delete never takes a Plane item that another action of the plan keeps (links to, updates, holds,
    /// leaves in place), and each Plane item is deleted once at most: whatever the observations said (one
    /// Plane project listed twice makes every item look like its own duplicate), the item kept stays.
    static func sparingKeptItems(_ perItem: [[PlannedAction]]) -> [[PlannedAction]] {
        // Without a delete there is nothing to spare: a no-op plan of 100,000 items hashed every Plane id and
        // copied every item's actions for nothing.
        var anyDelete = false
        for actions in perItem where !anyDelete {
            actions.withUnsafeBufferPointer { buffer in
                anyDelete = buffer.indices.contains { buffer[$0].kind == .delete }
            }
        }
        if !anyDelete { return perItem }
        var kept = Set<String>()
        for action in perItem.joined() where action.kind != .delete {
            if let id = action.planeItemId { kept.insert(id) }
        }
        var deleted = Set<String>()
        return perItem.map { actions in
            let safe = actions.filter { action in
                guard action.kind == .delete, let id = action.planeItemId else { return true }
                return !kept.contains(id) && deleted.insert(id).inserted
            }
            guard safe.isEmpty, let first = actions.first, let id = first.planeItemId else { return safe }
            return [replacement(actions, .deleteSpared(planeItemId: id))]
        }
    }

    private static func replacement(_ actions: [PlannedAction], _ reason: SkipReason) -> PlannedAction {
        let first = actions[0]
        return PlannedAction(
            boardItemId: first.boardItemId, planeProjectId: first.planeProjectId, planeItemId: first.planeItemId,
            action: .skip(reason))
    }
}
