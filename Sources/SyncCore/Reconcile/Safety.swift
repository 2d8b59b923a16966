/// The rules that keep a plan from doing damage: incomplete reads and the mass-delete breaker.
enum Safety {
    static func apply(_ perItem: [[PlannedAction]], input: ReconcileInput) -> ([[PlannedAction]], String?) {
        if !input.readComplete {
            let safe = perItem.map { actions in
                actions.contains(where: { $0.kind == .delete || $0.kind == .recreate })
                    ? [replacement(actions, .incompleteRead)] : actions
            }
            return (safe, nil)
        }
        let deletes = perItem.joined().filter { $0.kind == .delete }.count
        let linked =
            input.linkedItemCount
            ?? input.items.filter { $0.link?.planeItemId != nil && $0.link?.state != .unlinked }.count
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

    private static func replacement(_ actions: [PlannedAction], _ reason: SkipReason) -> PlannedAction {
        let first = actions[0]
        return PlannedAction(
            boardItemId: first.boardItemId, planeProjectId: first.planeProjectId, planeItemId: first.planeItemId,
            action: .skip(reason))
    }
}
