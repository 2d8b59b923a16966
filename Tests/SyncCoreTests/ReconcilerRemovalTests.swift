import Foundation
import SyncCore
import Testing

/// Deletes, orphans, scope, project moves, and the safety rules around them.
@Suite struct ReconcilerRemovalTests {
    let item = Fixtures.item()
    let lenient = Fixtures.configuration(maxDeleteFraction: 1)

    func deleted(_ item: BoardItem) -> BoardItem {
        var copy = item
        copy.deletedAt = Fixtures.now
        return copy
    }

    @Test func softDeletedItemIsDeletedInPlaneUnderDeletePolicy() throws {
        let (link, snapshot) = Fixtures.synced(item)
        let input = ReconcileItem(
            boardItemId: item.id, board: .softDeleted(deleted(item)), link: link, plane: .present(snapshot))
        let action = try #require(Reconcile.single(input, configuration: lenient))
        #expect(action.action == .delete(reason: .boardItemDeleted))
        #expect(action.planeItemId == "plane-1")
        #expect(action.planeProjectId == Fixtures.project)
    }

    @Test func liveItemWithDeletedAtCountsAsSoftDeleted() {
        let (link, snapshot) = Fixtures.synced(item)
        let action = Reconcile.single(
            Reconcile.live(deleted(item), link: link, plane: .present(snapshot)), configuration: lenient)
        #expect(action?.action == .delete(reason: .boardItemDeleted))
    }

    @Test func softDeletedItemIsUnlinkedUnderKeepPolicy() {
        let (link, snapshot) = Fixtures.synced(item)
        let input = ReconcileItem(
            boardItemId: item.id, board: .softDeleted(deleted(item)), link: link, plane: .present(snapshot))
        #expect(
            Reconcile.single(input, configuration: Fixtures.configuration(deletes: .keep))?.action
                == .unlink(reason: .keptByPolicy))
    }

    @Test func deletedOnBothSidesForgetsTheLink() {
        let (link, _) = Fixtures.synced(item)
        let input = ReconcileItem(boardItemId: item.id, board: .gone, link: link, plane: .deleted)
        #expect(Reconcile.single(input)?.action == .unlink(reason: .goneOnBothSides))
    }

    @Test func deletedBeforeEverMirroredIsSkipped() {
        let input = ReconcileItem(boardItemId: item.id, board: .softDeleted(deleted(item)), plane: .notFetched)
        #expect(Reconcile.single(input)?.action == .skip(.neverMirrored))
    }

    @Test func orphanIsDeletedPerPolicy() throws {
        let (_, snapshot) = Fixtures.synced(item, planeId: "plane-orphan")
        let input = ReconcileItem(boardItemId: .string("task_gone"), board: .gone, plane: .present(snapshot))
        let action = try #require(Reconcile.single(input, configuration: lenient))
        #expect(action.action == .delete(reason: .orphan))
        #expect(action.planeItemId == "plane-orphan")
        #expect(
            Reconcile.single(input, configuration: Fixtures.configuration(deletes: .keep))?.action == .skip(.orphanKept)
        )
        var orphaned = Fixtures.synced(item).0
        orphaned.state = .orphaned
        let kept = ReconcileItem(boardItemId: item.id, board: .gone, link: orphaned, plane: .present(snapshot))
        #expect(Reconcile.single(kept)?.action == .skip(.orphanKept))
    }

    @Test func itemsOutOfScopeAreNotMirrored() {
        let scope = SyncConfiguration.Scope(
            excludeStatuses: ["done"], excludeLabels: ["private"], excludeIfField: ["confidential"])
        let configuration = Fixtures.configuration(maxDeleteFraction: 1, scope: scope)
        var flagged = Fixtures.item("t3")
        flagged.otherFields = ["confidential"]
        for candidate in [Fixtures.item("t1", status: "done"), Fixtures.item("t2", labels: ["private"]), flagged] {
            let action = Reconcile.single(Reconcile.live(candidate), configuration: configuration)
            guard case .skip(.outOfScope(let why)) = action?.action else {
                Issue.record("expected out of scope for \(candidate.id), got \(String(describing: action?.action))")
                continue
            }
            #expect(!why.isEmpty)
        }
        // An item that was mirrored and then leaves the scope goes as a delete would.
        let (link, snapshot) = Fixtures.synced(Fixtures.item("t1"))
        let left = Reconcile.single(
            Reconcile.live(Fixtures.item("t1", status: "done"), link: link, plane: .present(snapshot)),
            configuration: configuration)
        guard case .delete(.leftScope) = left?.action else {
            Issue.record("expected delete for leaving the scope, got \(String(describing: left?.action))")
            return
        }
    }

    @Test func unmappedBoardProjectIsSkipped() {
        let action = Reconcile.single(Reconcile.live(Fixtures.item(projectId: "secret")))
        #expect(action?.action == .skip(.projectNotMapped("secret")))
    }

    @Test func moveToAnotherProjectDeletesInTheOldAndCreatesInTheNew() throws {
        let (link, snapshot) = Fixtures.synced(item)
        let moved = Fixtures.item(projectId: "other")
        let actions = Reconcile.plan(
            [Reconcile.live(moved, link: link, plane: .present(snapshot))], configuration: lenient
        ).actions
        try #require(actions.map(\.kind) == [.create, .delete])
        #expect(actions[0].planeProjectId == Fixtures.otherProject)
        #expect(actions[1].planeProjectId == Fixtures.project)
        #expect(actions[1].planeItemId == "plane-1")
        #expect(actions[1].action == .delete(reason: .movedToAnotherProject(newPlaneProjectId: Fixtures.otherProject)))
    }

    @Test func massDeleteBreakerBlocksThePlanAndDropsEveryDelete() {
        var items: [ReconcileItem] = []
        for index in 0..<4 {
            let board = Fixtures.item("t\(index)")
            let (link, snapshot) = Fixtures.synced(board, planeId: "plane-\(index)")
            let isDeleted = index < 2
            items.append(
                ReconcileItem(
                    boardItemId: board.id, board: isDeleted ? .softDeleted(deleted(board)) : .live(board), link: link,
                    plane: .present(snapshot)))
        }
        let blocked = Reconcile.plan(items, configuration: Fixtures.configuration(maxDeleteFraction: 0.25))
        #expect(blocked.blocked?.contains("max_delete_fraction") == true)
        #expect(blocked.summary.count(.delete) == 0)
        #expect(blocked.summary.count(.skip) == 4)
        #expect(blocked.actions.filter { $0.action == .skip(.deleteBlocked) }.count == 2)
        let allowed = Reconcile.plan(items, configuration: Fixtures.configuration(maxDeleteFraction: 0.5))
        #expect(allowed.blocked == nil)
        #expect(allowed.summary.count(.delete) == 2)
    }

    @Test func breakerJudgesAgainstEveryLinkOfTheIntegration() {
        let board = Fixtures.item("t1")
        let (link, snapshot) = Fixtures.synced(board)
        let input = ReconcileItem(
            boardItemId: board.id, board: .softDeleted(deleted(board)), link: link, plane: .present(snapshot))
        func plan(linked: Int?) -> SyncPlan {
            Reconciler.plan(
                ReconcileInput(
                    configuration: Fixtures.configuration(maxDeleteFraction: 0.2),
                    metadata: [Fixtures.project: Fixtures.metadata()], items: [input], now: Fixtures.now,
                    linkedItemCount: linked))
        }
        #expect(plan(linked: nil).blocked != nil)  // 1 of the 1 item read
        #expect(plan(linked: 100).blocked == nil)  // 1 of 100 links
        #expect(plan(linked: 100).summary.count(.delete) == 1)
    }

    @Test func incompleteReadNeverDeletesOrRecreates() {
        let (gone, goneSnapshot) = Fixtures.synced(Fixtures.item("t1"), planeId: "plane-1")
        let (lost, _) = Fixtures.synced(Fixtures.item("t2"), planeId: "plane-2")
        let items = [
            ReconcileItem(boardItemId: .string("t1"), board: .gone, link: gone, plane: .present(goneSnapshot)),
            Reconcile.live(Fixtures.item("t2"), link: lost, plane: .deleted),
            Reconcile.live(Fixtures.item("t3")),
        ]
        let plan = Reconcile.plan(items, configuration: lenient, readComplete: false)
        #expect(
            plan.actions.map(\.action) == [
                .skip(.incompleteRead), .skip(.incompleteRead), .create(Fixtures.payload(Fixtures.item("t3"))),
            ])
        #expect(plan.blocked == nil)
    }
}
