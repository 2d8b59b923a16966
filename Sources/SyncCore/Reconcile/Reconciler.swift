/// The three-way reconcile: inputs of every item → an ordered ``SyncPlan`` (docs/architecture.md, "How a sync decides").
///
/// Pure: the same input always gives the same plan. Items are decided parents first, so a child
/// whose parent is created in the same plan is ordered after it (its payload names the parent in
/// `pendingParent`); a child whose parent has no Plane id and is not created waits. Then the
/// safety rules: a plan from an incomplete read neither deletes nor recreates; a plan deleting
/// more than `max_delete_fraction` of the linked items is `blocked` and holds no deletes.
public enum Reconciler {
    public static func plan(_ input: ReconcileInput) -> SyncPlan {
        // Links by board id as positions (items' links over `otherLinks`), not copies: a link with its base is
        // most of an item, and a no-op plan of 100,000 items copied every one of them into this dictionary.
        var otherLinks: [BoardItemID: Link] = [:]
        for link in input.otherLinks { otherLinks[link.boardItemId] = link }
        var linkedAt: [BoardItemID: Int] = [:]
        linkedAt.reserveCapacity(input.items.count)
        // By position through the buffer: `enumerated()` copied every item (a retain of each of its strings).
        input.items.withUnsafeBufferPointer { items in
            for index in items.indices where items[index].link != nil { linkedAt[items[index].boardItemId] = index }
        }
        func link(of id: BoardItemID) -> Link? { linkedAt[id].flatMap { input.items[$0].link } ?? otherLinks[id] }
        let collisions = idCollisions(input.items)
        let (ordered, cycles) = ParentOrder.order(input.items)
        let decider = ItemDecider(input: input)

        var created: Set<BoardItemID> = []
        var adopted: [BoardItemID: (project: String, id: String)] = [:]
        var perItem: [[PlannedAction]] = []
        perItem.reserveCapacity(ordered.count)
        func decide(_ item: ReconcileItem) {
            let problem =
                collisions[item.boardItemId].map(ItemProblem.idCollision)
                ?? cycles[item.boardItemId].map(ItemProblem.parentCycle)
            var parent = ParentResolution.none
            if case .live(let board) = item.board, let parentId = board.parentId {
                if let link = link(of: parentId), let id = link.planeItemId, link.state != .unlinked,
                    parentId != board.id
                {
                    parent = .inPlane(planeProjectId: link.planeProjectId, planeItemId: id)
                } else if let known = adopted[parentId] {
                    parent = .inPlane(planeProjectId: known.project, planeItemId: known.id)
                } else if created.contains(parentId) {
                    parent = .pendingInPlan(parentId)
                } else {
                    parent = .notYetInPlane(parentId)
                }
            }
            let actions = decider.decide(item, problem: problem, parent: parent)
            for action in actions {
                switch action.action {
                case .create, .recreate, .settleCreating: created.insert(item.boardItemId)
                case .adopt, .relink:
                    if let project = action.planeProjectId, let id = action.planeItemId {
                        adopted[item.boardItemId] = (project, id)
                    }
                default: break
                }
            }
            perItem.append(actions)
        }
        // Items are passed on borrowed from the buffer: `var item = input.items[position]` copied each one (a
        // retain and a release of every string in it), a sixth of a no-op plan. Only folded duplicates copy.
        input.items.withUnsafeBufferPointer { items in
            for position in ordered {
                if case .duplicates = items[position].plane {
                    var item = items[position]
                    item.plane = item.plane.deduplicated
                    decide(item)
                } else {
                    decide(items[position])
                }
            }
        }
        let (safe, blocked) = Safety.apply(perItem, input: input)
        let (labels, budgeted) = labelActions(safe, cap: input.configuration.policy.maxLabelCreationsPerRun)
        // One array built once (labels, the rest in order, deletes last), not three concatenated copies.
        var actions = labels
        actions.reserveCapacity(labels.count + budgeted.count)
        var deletes: [PlannedAction] = []
        for itemActions in budgeted {
            for action in itemActions {
                if action.kind == .delete { deletes.append(action) } else { actions.append(action) }
            }
        }
        actions.append(contentsOf: deletes)
        return SyncPlan(actions: actions, blocked: blocked)
    }

    /// A string `_id` equal to another item's ObjectId hex: one external id for two items. The one already
    /// mirrored (the only one linked to a Plane item) goes on; the other is a per-item problem naming it.
    /// When neither (or both) is mirrored, each is a problem naming the other: which one Plane should hold is
    /// for a person to say (rename one). The rest of the board syncs.
    static func idCollisions(_ items: [ReconcileItem]) -> [BoardItemID: BoardItemID] {
        // Positions by external id, the groups built only for the (rare) ids held twice: copying every item into
        // a one-element array was a large part of a 100,000-item plan's memory.
        var firstAt: [String: Int] = [:]
        firstAt.reserveCapacity(items.count)
        var shared: [String: [Int]] = [:]
        // By position through the buffer: `enumerated()` copied every item (a retain of each of its strings).
        items.withUnsafeBufferPointer { buffer in
            for index in buffer.indices {
                let external = buffer[index].boardItemId.externalId
                guard let first = firstAt[external] else {
                    firstAt[external] = index
                    continue
                }
                var group = shared[external] ?? [first]
                if !group.contains(where: { buffer[$0].boardItemId == buffer[index].boardItemId }) {
                    group.append(index)
                }
                shared[external] = group
            }
        }
        let byExternal = shared.mapValues { $0.map { items[$0] } }
        var result: [BoardItemID: BoardItemID] = [:]
        for group in byExternal.values where group.count > 1 {
            let mirrored = group.filter { $0.link?.planeItemId != nil && $0.link?.state != .unlinked }
            let ids = group.map(\.boardItemId).sorted()
            if mirrored.count == 1, let keeper = mirrored.first?.boardItemId {
                for id in ids where id != keeper { result[id] = keeper }
            } else {
                for id in ids { result[id] = ids.first(where: { $0 != id }) }
            }
        }
        return result
    }

    /// One `createLabel` per missing label name and Plane project, for the writes that need it, at most `cap`
    /// in all: an item whose labels do not fit waits for the next run, all of its actions replaced by one
    /// skip (a move never deletes the old item without creating the new one).
    static func labelActions(_ perItem: [[PlannedAction]], cap: Int) -> ([PlannedAction], [[PlannedAction]]) {
        var allotted: Set<String> = []
        var labels: [PlannedAction] = []
        var result: [[PlannedAction]] = []
        for actions in perItem {
            var wanted: [(key: String, project: String, name: String)] = []
            for action in actions where action.estimatedWrites > 0 {
                guard let payload = action.payload else { continue }
                for name in payload.missingLabels {
                    let key = payload.planeProjectId + "\u{0}" + name.lowercased()
                    if !allotted.contains(key), !wanted.contains(where: { $0.key == key }) {
                        wanted.append((key, payload.planeProjectId, name))
                    }
                }
            }
            // What fits is created now, also for an item that must wait for the rest: every run gets further.
            let room = max(0, cap - allotted.count)
            for label in wanted.prefix(room) {
                allotted.insert(label.key)
                labels.append(
                    PlannedAction(
                        boardItemId: nil, planeProjectId: label.project, planeItemId: nil,
                        action: .createLabel(name: label.name)))
            }
            guard wanted.count <= room else {
                let waiting = actions.first(where: { $0.payload != nil }) ?? actions[0]
                var skip = PlannedAction(
                    boardItemId: waiting.boardItemId, planeProjectId: waiting.planeProjectId,
                    planeItemId: actions.first?.planeItemId,
                    action: .skip(.waitingForLabels(wanted.dropFirst(room).map(\.name))))
                skip.inputFingerprint = waiting.inputFingerprint
                result.append([skip])
                continue
            }
            result.append(actions)
        }
        return (labels, result)
    }
}
