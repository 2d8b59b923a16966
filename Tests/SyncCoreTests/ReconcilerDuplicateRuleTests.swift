import Foundation
import SyncCore
import Testing

/// The duplicates rule never deletes the Plane item it keeps, whatever the observations say (issue 12,
/// case 1): one item seen several times is no duplicate of itself, and no delete of a plan takes a Plane
/// item another action of the plan keeps.
@Suite struct ReconcilerDuplicateRuleTests {
    let item = Fixtures.item()
    let lenient = Fixtures.configuration(maxDeleteFraction: 1)

    @Test func oneItemListedTwiceIsPresentNotItsOwnDuplicate() throws {
        let (link, snapshot) = Fixtures.synced(item)
        let actions = Reconcile.plan(
            [Reconcile.live(item, link: link, plane: .duplicates([snapshot, snapshot]))], configuration: lenient
        ).actions
        #expect(actions.map(\.action) == [.skip(.unchanged)])
    }

    @Test func anUnlinkedItemListedTwiceIsAdoptedOnce() throws {
        let (_, snapshot) = Fixtures.synced(item)
        let actions = Reconcile.plan(
            [Reconcile.live(item, plane: .duplicates([snapshot, snapshot, snapshot]))], configuration: lenient
        ).actions
        #expect(actions.map(\.kind) == [.adopt])
        #expect(actions.first?.planeItemId == "plane-1")
    }

    @Test func realDuplicatesListedTwiceDeleteEachExtraOnceAndNeverTheKeptOne() throws {
        let (link, oldest) = Fixtures.synced(item, planeId: "plane-a")
        var newer = oldest
        newer.id = "plane-b"
        newer.createdAtMicros = 99
        let actions = Reconcile.plan(
            [Reconcile.live(item, link: link, plane: .duplicates([newer, oldest, oldest, newer]))],
            configuration: lenient
        ).actions
        #expect(actions.filter { $0.kind == .delete }.map(\.planeItemId) == ["plane-b"])
        #expect(!actions.contains { $0.kind == .delete && $0.planeItemId == "plane-a" })
        #expect(actions.contains { $0.action == .skip(.unchanged) && $0.planeItemId == "plane-a" })
    }

    @Test func anOrphanListedTwiceIsDeletedOnce() {
        let (_, snapshot) = Fixtures.synced(item, planeId: "plane-orphan")
        let orphan = ReconcileItem(boardItemId: item.id, board: .gone, plane: .duplicates([snapshot, snapshot]))
        let actions = Reconcile.plan([orphan], configuration: lenient).actions
        #expect(actions.map(\.action) == [.delete(reason: .orphan)])
    }

    /// Another item's orphan delete aimed at a Plane item that a live item keeps is dropped.
    @Test func noDeleteTakesAPlaneItemAnotherItemKeeps() throws {
        let (link, snapshot) = Fixtures.synced(item)
        let stranger = ReconcileItem(boardItemId: .string("task_gone"), board: .gone, plane: .present(snapshot))
        let plan = Reconcile.plan(
            [Reconcile.live(item, link: link, plane: .present(snapshot)), stranger], configuration: lenient)
        #expect(!plan.actions.contains { $0.kind == .delete })
        let spared = try #require(plan.actions(for: .string("task_gone")).first)
        #expect(spared.action == .skip(.deleteSpared(planeItemId: "plane-1")))
        #expect(spared.message.contains("plane-1"))
    }

    /// Two items whose removals name one Plane item delete it once.
    @Test func onePlaneItemIsDeletedOnceAtMost() {
        let (_, snapshot) = Fixtures.synced(item, planeId: "plane-x")
        let first = ReconcileItem(boardItemId: .string("gone_1"), board: .gone, plane: .present(snapshot))
        let second = ReconcileItem(boardItemId: .string("gone_2"), board: .gone, plane: .present(snapshot))
        let plan = Reconcile.plan([first, second], configuration: lenient)
        #expect(plan.actions.filter { $0.kind == .delete }.count == 1)
        #expect(plan.actions.contains { $0.action == .skip(.deleteSpared(planeItemId: "plane-x")) })
    }
}
