import Foundation
import SyncCore
import Testing

/// The plan of a large generated board in every situation the reconciler knows (unchanged, edited, hand-edited,
/// deleted on either side, duplicates, archived, held, backing off, parents, cycles, id collisions, missing
/// labels, unmapped projects) must stay exactly what it was when these digests were recorded: the
/// reconciler's performance work must not change a single decision, its order or its payload.
/// A deliberate change of behaviour records new digests (the failure message prints them).
@Suite struct ReconcilerGoldenPlanTests {
    static let size = 3_000

    @Test func planOfAGeneratedBoardIsUnchanged() {
        let items = GoldenBoard.items(count: Self.size)
        let plan = Reconcile.plan(items, configuration: Fixtures.configuration(), ownUserId: Fixtures.alice)
        #expect(plan.actions.count > Self.size)
        #expect(GoldenBoard.digest(plan) == "e793e741096df5a8", "plan: \(plan.summary)")
    }

    @Test func planUnderKeepPolicyAndAnIncompleteReadIsUnchanged() {
        let items = GoldenBoard.items(count: Self.size)
        let configuration = Fixtures.configuration(labels: .exact, remoteEdits: .overwrite, deletes: .keep)
        let plan = Reconcile.plan(items, configuration: configuration, readComplete: false)
        #expect(GoldenBoard.digest(plan) == "1e28d9ea61179950", "plan: \(plan.summary)")
    }

    @Test func blockedPlanIsUnchanged() {
        let items = GoldenBoard.items(count: Self.size)
        let plan = Reconcile.plan(items, configuration: Fixtures.configuration(maxDeleteFraction: 0.01))
        #expect(plan.blocked != nil)
        #expect(GoldenBoard.digest(plan) == "79f2961672e3ab26", "plan: \(plan.summary)")
    }
}

/// A deterministic board: item `i` is in situation `i % 24`.
enum GoldenBoard {
    static let configuration = Fixtures.configuration()

    static func board(_ index: Int, edited: Bool = false) -> BoardItem {
        let statuses = ["todo", "doing", "done", nil, "ghost"]
        let labels = [["bug"], ["feature", "bug"], [], ["brand-new-\(index % 7)"], ["needs-design"]]
        let assignees = [["alice@example.com"], ["bob@example.com", "alice@example.com"], [], ["nobody@example.com"]]
        let parent: BoardItemID? =
            switch index % 9 {
            case 1: id(index - 1)
            case 2: id(index + 1)  // 2 → 3 → (3 % 9 == 3: none)
            case 4: id(index + 1)  // 4 ↔ 5: a cycle
            case 5: id(index - 1)
            case 6: .objectId(String(format: "%024x", 900_000 + index))  // not on the board
            default: nil
            }
        return BoardItem(
            id: id(index), projectId: index % 31 == 7 ? "unmapped" : (index % 2 == 0 ? "nexus" : "other"),
            title: (edited ? "Edited " : "") + "Item \(index)", description: "Body of *item* \(index)\n\n- a\n- b",
            status: statuses[index % statuses.count], priority: index % 3 == 0 ? "p1" : nil,
            labels: labels[index % labels.count], assignees: assignees[index % assignees.count],
            startDate: index % 4 == 0 ? Fixtures.now.addingTimeInterval(Double(index) * 86_400) : nil,
            dueDate: index % 5 == 0 ? Fixtures.now.addingTimeInterval(Double(index) * 90_000) : nil,
            parentId: parent, createdAt: Fixtures.now, updatedAt: Fixtures.now)
    }

    static func id(_ index: Int) -> BoardItemID {
        // Every 97th item has a string id equal to the ObjectId hex of the item before it: one external id twice.
        index % 97 == 1 ? .string(String(format: "%024x", index - 1)) : .objectId(String(format: "%024x", index))
    }

    static func planeId(_ index: Int) -> String { String(format: "00000000-0000-4000-8000-%012x", index) }

    static func project(_ item: BoardItem) -> String {
        configuration.projects[item.projectId] ?? Fixtures.project
    }

    static func base(_ item: BoardItem) -> PlaneValues {
        let metadata = Fixtures.metadata(projectId: project(item))
        if case .ready(let payload) = PayloadBuilder(configuration: configuration)
            .build(item, metadata: metadata, parent: .none)
        {
            return PlaneCanonicalizer(metadata: metadata).canonicalize(payload.values, isCreate: true)
        }
        return PlaneValues(name: item.title ?? "", labelIds: [Fixtures.bug])
    }

    static func link(_ index: Int, state: Link.State = .synced, base: Bool = true) -> Link {
        let item = board(index)
        let values = base ? self.base(item) : nil
        return Link(
            boardItemId: item.id, planeProjectId: project(item), planeItemId: planeId(index), state: state,
            base: values, ownedLabelIds: values?.labelIds,
            inputFingerprint: Fingerprint.input(item, mapping: configuration.mapping),
            remoteFingerprint: values.map(Fingerprint.remote))
    }

    static func snapshot(_ index: Int, by user: String? = Fixtures.alice, edit: Bool = false) -> PlaneItemSnapshot {
        var values = base(board(index))
        if edit { values.name = "Renamed in Plane \(index)" }
        return PlaneItemSnapshot(
            id: planeId(index), projectId: project(board(index)), values: values, externalSource: "nexus/plane-acme",
            externalId: id(index).externalId, updatedAtMicros: Int64(index), updatedBy: user,
            createdAtMicros: Int64(index))
    }

    static func item(_ index: Int) -> ReconcileItem {
        let id = id(index)
        let live = BoardObservation.live(board(index))
        let edited = BoardObservation.live(board(index, edited: true))
        switch index % 24 {
        case 0, 1: return ReconcileItem(boardItemId: id, board: live, link: link(index))
        case 2: return ReconcileItem(boardItemId: id, board: edited, link: link(index))
        case 3: return ReconcileItem(boardItemId: id, board: live)
        case 4:
            return ReconcileItem(
                boardItemId: id, board: live, link: link(index),
                plane: .present(snapshot(index, by: "human", edit: true)))
        case 5:
            return ReconcileItem(
                boardItemId: id, board: edited, link: link(index),
                plane: .present(snapshot(index, by: "human", edit: true)))
        case 6: return ReconcileItem(boardItemId: id, board: live, link: link(index), plane: .deleted)
        case 7:
            var gone = board(index)
            gone.deletedAt = Fixtures.now
            return ReconcileItem(boardItemId: id, board: .softDeleted(gone), link: link(index))
        case 8: return ReconcileItem(boardItemId: id, board: .gone, link: link(index))
        case 9: return ReconcileItem(boardItemId: id, board: .gone, plane: .present(snapshot(index)))
        case 10:
            let other = PlaneItemSnapshot(
                id: planeId(index + 500_000), projectId: project(board(index)), values: base(board(index)),
                createdAtMicros: 1)
            return ReconcileItem(
                boardItemId: id, board: live, link: link(index), plane: .duplicates([snapshot(index), other, other]))
        case 11:
            var archived = snapshot(index)
            archived.isArchived = true
            return ReconcileItem(boardItemId: id, board: live, link: link(index), plane: .archived(archived))
        case 12: return ReconcileItem(boardItemId: id, board: live, link: link(index, state: .unlinked))
        case 13:
            return ReconcileItem(
                boardItemId: id, board: live, link: link(index, state: .conflict), plane: .present(snapshot(index)))
        case 14:
            var failed = link(index, state: .failed)
            failed.nextAttemptAt = Fixtures.now.addingTimeInterval(600)
            failed.failedInput = failed.inputFingerprint
            return ReconcileItem(boardItemId: id, board: live, link: failed)
        case 15:
            var creating = link(index, state: .creating, base: false)
            creating.planeItemId = nil
            return ReconcileItem(boardItemId: id, board: live, link: creating)
        case 16: return ReconcileItem(boardItemId: id, board: live, plane: .present(snapshot(index, by: "human")))
        case 17:
            var reassert = link(index)
            reassert.reassertFields = [.name, .labels]
            return ReconcileItem(
                boardItemId: id, board: live, link: reassert, plane: .present(snapshot(index, edit: true)))
        case 18: return ReconcileItem(boardItemId: id, board: live, link: link(index, base: false))
        case 19:
            var moved = link(index)
            moved.planeProjectId = moved.planeProjectId == Fixtures.project ? Fixtures.otherProject : Fixtures.project
            return ReconcileItem(boardItemId: id, board: live, link: moved)
        case 20:
            return ReconcileItem(boardItemId: id, board: edited, link: link(index), plane: .present(snapshot(index)))
        case 21:
            var ambiguous = link(index, state: .ambiguous, base: false)
            ambiguous.planeItemId = nil
            return ReconcileItem(boardItemId: id, board: live, link: ambiguous)
        case 22: return ReconcileItem(boardItemId: id, board: live, link: link(index, state: .blocked, base: false))
        default:
            return ReconcileItem(
                boardItemId: id, board: live, link: link(index),
                plane: .present(snapshot(index, by: Fixtures.alice, edit: true)))
        }
    }

    static func items(count: Int) -> [ReconcileItem] {
        var items = (0..<count).map(item)
        // One item listed twice (a board read that met it on two pages).
        items.append(items[24])
        return items
    }

    /// FNV-1a (64 bits) over each action as printed, its payload (boxed, so printed separately) and the
    /// breaker's reason: any difference in a decision, its order or its payload changes it.
    static func digest(_ plan: SyncPlan) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func add(_ text: String) {
            for byte in text.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
        }
        for action in plan.actions {
            add(String(reflecting: action))
            add(String(reflecting: action.payload))
            add("\n")
        }
        add(plan.blocked ?? "-")
        return String(format: "%016llx", hash)
    }
}
