import Foundation
import SyncCore
import Testing

/// One rule counts a plan for the dry run and the real run (issue 12: `sync --dry-run` predicts the real
/// run's counts).
@Suite struct RunCountTests {
    @Test func skipsCountAsUnchangedFailedOrSkipped() {
        #expect(SkipReason.unchanged.runCount == .unchanged)
        #expect(SkipReason.noEffectiveChange.runCount == .unchanged)
        #expect(SkipReason.itemProblem(.titleMissing).runCount == .failed)
        #expect(SkipReason.outOfScope("x").runCount == .skipped)
        #expect(SkipReason.backoff(until: Fixtures.now).runCount == .skipped)
    }

    @Test func aPlanPredictsItsCountsLineByLine() {
        let item = Fixtures.item()
        let (link, snapshot) = Fixtures.synced(item)
        var unknown = Fixtures.item("task_2")
        unknown.status = "nowhere"
        var renamed = Fixtures.item("task_3")
        renamed.title = "Renamed"
        let (renamedLink, renamedSnapshot) = Fixtures.synced(Fixtures.item("task_3"), planeId: "plane-3")
        let plan = Reconcile.plan([
            Reconcile.live(item, link: link, plane: .present(snapshot)),
            Reconcile.live(unknown),
            Reconcile.live(renamed, link: renamedLink, plane: .present(renamedSnapshot)),
            Reconcile.live(Fixtures.item("task_4")),
        ])
        let counts = plan.predictedCounts
        #expect(counts[.unchanged] == 1)
        #expect(counts[.failed] == 1)
        #expect(counts[.updated] == 1)
        #expect(counts[.created] == 1)
        #expect(counts[.skipped] == nil)
    }

    @Test func onlyAHeldDeleteKeepsTheCursorAndOnlyWritesGoToPlane() {
        #expect(SkipReason.deleteBlocked.holdsCursor)
        #expect(!SkipReason.waitingForParent(.string("p")).holdsCursor, "recorded on its link, due next run")
        #expect(!SkipReason.itemProblem(.titleMissing).holdsCursor)
        #expect(SyncAction.delete(reason: .orphan).writesPlane)
        #expect(SyncAction.adopt(changes: []).writesPlane)
        #expect(!SyncAction.skip(.unchanged).writesPlane && !SyncAction.createLabel(name: "x").writesPlane)
    }
}
