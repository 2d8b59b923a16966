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
        let (ordered, cycles, firstAt) = ParentOrder.order(input.items)
        // Positions of the items by id: ParentOrder's first positions when every id is there once (every read
        // but a broken one), which saves hashing every id a second time; else the last position holding a link.
        let positions = firstAt.count == input.items.count ? firstAt : lastLinkedPositions(input.items)
        /// The Plane item a parent is linked to (not `unlinked`), read in place: returning the parent's `Link`
        /// copied it (a retain and a release of each of its strings), a sixteenth of a no-op plan.
        func linkedInPlane(_ id: BoardItemID) -> (project: String, id: String)? {
            guard let index = positions[id], input.items[index].link != nil else {
                guard let link = otherLinks[id], let planeItemId = link.mirroredPlaneItemId else { return nil }
                return (link.planeProjectId, planeItemId)
            }
            let item = input.items[index]
            guard let planeItemId = item.link?.mirroredPlaneItemId, let project = item.link?.planeProjectId
            else { return nil }
            return (project, planeItemId)
        }
        let collisions = idCollisions(input.items)
        // Most plans have neither: an empty dictionary still hashes the key of every look-up.
        let problems = !collisions.isEmpty || !cycles.isEmpty
        let decider = ItemDecider(input: input)

        var created: Set<BoardItemID> = []
        var adopted: [BoardItemID: (project: String, id: String)] = [:]
        var perItem: [[PlannedAction]] = []
        perItem.reserveCapacity(ordered.count)
        func decide(_ item: ReconcileItem) {
            let problem =
                problems
                ? collisions[item.boardItemId].map(ItemProblem.idCollision)
                    ?? cycles[item.boardItemId].map(ItemProblem.parentCycle) : nil
            var parent = ParentResolution.none
            if let (parentId, isSelf) = item.liveParent {
                if !isSelf, let linked = linkedInPlane(parentId) {
                    parent = .inPlane(planeProjectId: linked.project, planeItemId: linked.id)
                } else if let known = adopted[parentId] {
                    parent = .inPlane(planeProjectId: known.project, planeItemId: known.id)
                } else if created.contains(parentId) {
                    parent = .pendingInPlan(parentId)
                } else {
                    parent = .notYetInPlane(parentId)
                }
            }
            let actions = decider.decide(item, problem: problem, parent: parent)
            // Read through the buffer: `for action in actions` copied each action.
            actions.withUnsafeBufferPointer { actions in
                for index in actions.indices {
                    switch actions[index].action {
                    case .create, .recreate, .settleCreating: created.insert(item.boardItemId)
                    case .adopt, .relink:
                        if let project = actions[index].planeProjectId, let id = actions[index].planeItemId {
                            adopted[item.boardItemId] = (project, id)
                        }
                    default: break
                    }
                }
            }
            perItem.append(actions)
        }
        // Passing an item on copies its box only (one retain, ``ReconcileItem``): copying the item's values (a
        // retain and a release of every string in it) was a sixth of a no-op plan. Only folded duplicates make a
        // new item.
        for position in ordered {
            if input.items[position].plane.isDuplicates {
                var item = input.items[position]
                item.plane = item.plane.deduplicated
                decide(item)
            } else {
                decide(input.items[position])
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

    /// The last position of each id whose item has a link (a read that named an id twice).
    static func lastLinkedPositions(_ items: [ReconcileItem]) -> [BoardItemID: Int] {
        var positions: [BoardItemID: Int] = [:]
        for index in items.indices where items[index].link != nil { positions[items[index].boardItemId] = index }
        return positions
    }

    /// A string `_id` equal to another item's ObjectId hex: one external id for two items. The one already
    /// mirrored (the only one linked to a Plane item) goes on; the other is a per-item problem naming it.
    /// When neither (or both) is mirrored, each is a problem naming the other: which one Plane should hold is
    /// for a person to say (rename one). The rest of the board syncs.
    static func idCollisions(_ items: [ReconcileItem]) -> [BoardItemID: BoardItemID] {
        // Only a string id and an ObjectId can share an external id (two ids of one kind with one external id
        // are one id), so only a board with string ids hashes anything: first the string ids' positions, then
        // the ObjectIds that match one. Hashing every id of a 100,000-item ObjectId board was a twentieth of a
        // no-op plan. Groups hold each distinct id's first position, string id and ObjectId in board order.
        var stringAt: [String: Int] = [:]
        var shared: [String: [Int]] = [:]
        items.withUnsafeBufferPointer { buffer in
            for index in buffer.indices {
                if case .string(let text) = buffer[index].boardItemId, stringAt[text] == nil { stringAt[text] = index }
            }
            guard !stringAt.isEmpty else { return }
            for index in buffer.indices {
                guard case .objectId(let hex) = buffer[index].boardItemId, let other = stringAt[hex],
                    shared[hex] == nil
                else { continue }
                shared[hex] = other < index ? [other, index] : [index, other]
            }
        }
        let byExternal = shared.mapValues { $0.map { items[$0] } }
        var result: [BoardItemID: BoardItemID] = [:]
        for group in byExternal.values where group.count > 1 {
            let mirrored = group.filter { $0.link?.mirroredPlaneItemId != nil }
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
