import Foundation
import SyncCore
import Testing

/// Caps on labels (issue 12, case 6): per item (a problem naming it) and created per run (the rest waits).
@Suite struct LabelCapTests {
    func configuration(perItem: Int = 25, perRun: Int = 25) -> SyncConfiguration {
        var configuration = Fixtures.configuration(maxDeleteFraction: 1)
        configuration.policy.maxLabelsPerItem = perItem
        configuration.policy.maxLabelCreationsPerRun = perRun
        return configuration
    }

    @Test func anItemWithMoreLabelsThanTheCapIsAProblemNamingIt() throws {
        let item = Fixtures.item(labels: (1...10_000).map { "label-\($0)" } + ["bug"])
        let action = try #require(Reconcile.single(Reconcile.live(item), configuration: configuration()))
        #expect(action.action == .skip(.itemProblem(.tooManyLabels(count: 10_001, max: 25))))
        #expect(action.message.contains("\"task_1\"") && action.message.contains("max_labels_per_item"))
        // The same names in other cases or with spaces count once.
        let same = Fixtures.item(labels: ["Bug", "bug ", "BUG", "feature"])
        #expect(Reconcile.single(Reconcile.live(same), configuration: configuration(perItem: 2))?.kind == .create)
    }

    @Test func labelCreationsPerRunAreCappedAndTheItemsBeyondWait() throws {
        let items = ["a", "b", "c"].map { Fixtures.item("task_\($0)", labels: ["new-\($0)", "bug"]) }
        let plan = Reconcile.plan(items.map { Reconcile.live($0) }, configuration: configuration(perRun: 2))
        #expect(plan.actions.filter { $0.kind == .createLabel }.count == 2)
        #expect(plan.actions(for: items[0].id).map(\.kind) == [.create])
        #expect(plan.actions(for: items[1].id).map(\.kind) == [.create])
        let waiting = try #require(plan.actions(for: items[2].id).first)
        #expect(waiting.action == .skip(.waitingForLabels(["new-c"])))
        #expect(waiting.message.contains("\"task_c\"") && waiting.message.contains("max_label_creations_per_run"))
        #expect(waiting.inputFingerprint != nil, "recorded on its link, decided again next run")
    }

    @Test func anItemNeedingMoreThanOneRunsLabelsGetsFurtherEachRun() {
        let item = Fixtures.item(labels: ["x1", "x2", "x3"])
        let plan = Reconcile.plan([Reconcile.live(item)], configuration: configuration(perRun: 2))
        #expect(plan.actions.filter { $0.kind == .createLabel }.count == 2)
        #expect(plan.actions(for: item.id).map(\.action) == [.skip(.waitingForLabels(["x3"]))])
    }

    @Test func labelsSharedByItemsAreCreatedOnce() {
        let items = ["a", "b", "c"].map { Fixtures.item("task_\($0)", labels: ["shared"]) }
        let plan = Reconcile.plan(items.map { Reconcile.live($0) }, configuration: configuration(perRun: 1))
        #expect(plan.actions.filter { $0.kind == .createLabel }.count == 1)
        #expect(plan.actions.filter { $0.kind == .create }.count == 3)
    }

    /// A move waits whole: the old Plane item is not deleted while the new one cannot be created.
    @Test func aMoveThatMustWaitForLabelsDeletesNothing() {
        let (link, snapshot) = Fixtures.synced(Fixtures.item())
        var moved = Fixtures.item(labels: ["brand-new"])
        moved.projectId = "other"
        let plan = Reconcile.plan(
            [
                Reconcile.live(moved, link: link, plane: .present(snapshot)),
                Reconcile.live(Fixtures.item("t2", labels: ["first"])),
            ],
            configuration: configuration(perRun: 1))
        #expect(!plan.actions.contains { $0.kind == .delete })
        #expect(plan.actions(for: moved.id).map(\.action) == [.skip(.waitingForLabels(["brand-new"]))])
    }
}
