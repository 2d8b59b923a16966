import Foundation
import SyncCore
import Testing

/// The supersede table: what an applied action opens and which pending reports it supersedes (issue 16, item 3).
@Suite struct ReportTransitionTests {
    let id = BoardItemID.string("task_1")
    let all = Set(ReportKind.allCases)

    func planned(_ action: SyncAction, notes: [PayloadNote] = [], planeItemId: String? = "plane-1") -> PlannedAction {
        PlannedAction(
            boardItemId: id, planeProjectId: Fixtures.project, planeItemId: planeItemId, action: action, notes: notes)
    }

    @Test func aConflictKeepsItsOwnKindAndSupersedesTheRest() throws {
        let transition = try #require(
            ReportTransitions.after(planned(.conflict(Conflict(kind: .bothChanged))), wasHeld: true, pending: all))
        #expect(transition.open == [.bothChanged])
        #expect(transition.supersede == all.subtracting([.bothChanged]))
        #expect(!transition.releasesHold)
    }

    @Test func aWriteSupersedesWhatItDoesNotShowAgain() throws {
        let overwrite = FieldChange(field: .priority, old: .string("low"), new: .string("high"))
        let update = try #require(
            ReportTransitions.after(
                planned(.update(changes: [overwrite], overwritten: [overwrite]), notes: [.unmappedPriority("p9")]),
                wasHeld: false, pending: [.handEdit, .failing, .cannotMirror]))
        #expect(update.open == [.handEdit, .unmappableValue])
        #expect(update.supersede == [.failing, .cannotMirror])
        let recreate = try #require(
            ReportTransitions.after(
                planned(.recreate(previousPlaneItemId: "old", payload: Fixtures.payload(Fixtures.item()))),
                wasHeld: false, pending: [.failing]))
        #expect(recreate.open == [.planeDeleted])
        #expect(recreate.supersede == [.failing])
    }

    @Test func anItemProblemOpensItsReport() throws {
        let status = try #require(
            ReportTransitions.after(
                planned(.skip(.itemProblem(.unknownStatus("x")))), wasHeld: false, pending: [.cannotMirror]))
        #expect(status.open == [.unmappableValue])
        #expect(status.supersede == [.cannotMirror])
        let title = try #require(
            ReportTransitions.after(planned(.skip(.itemProblem(.titleMissing))), wasHeld: false, pending: []))
        #expect(title.open == [.cannotMirror])
    }

    @Test func anUnchangedItemSaysNothingUnlessItWasHeld() throws {
        #expect(ReportTransitions.after(planned(.skip(.unchanged)), wasHeld: false, pending: [.handEdit]) == nil)
        let released = try #require(
            ReportTransitions.after(planned(.skip(.unchanged)), wasHeld: true, pending: [.handEdit]))
        #expect(released.releasesHold)
        #expect(released.open.isEmpty)
        #expect(released.supersede == [.handEdit])
    }

    @Test func deletesOfDuplicatesAndMovesAndLabelsAndOtherSkipsLeaveReportsAlone() {
        let pending: Set<ReportKind> = [.duplicates]
        #expect(
            ReportTransitions.after(
                planned(.delete(reason: .duplicate(keptPlaneItemId: "a"))), wasHeld: false, pending: pending) == nil)
        #expect(
            ReportTransitions.after(
                planned(.delete(reason: .movedToAnotherProject(newPlaneProjectId: "p"))), wasHeld: false,
                pending: pending) == nil)
        #expect(
            ReportTransitions.after(planned(.skip(.backoff(until: Fixtures.now))), wasHeld: false, pending: pending)
                == nil)
        let label = PlannedAction(
            boardItemId: nil, planeProjectId: "p", planeItemId: nil, action: .createLabel(name: "x"))
        #expect(ReportTransitions.after(label, wasHeld: false, pending: pending) == nil)
    }

    @Test func aDeleteOrUnlinkSupersedesEverything() throws {
        let deleted = try #require(
            ReportTransitions.after(planned(.delete(reason: .boardItemDeleted)), wasHeld: false, pending: all))
        #expect(deleted.open.isEmpty && deleted.supersede == all)
        let unlinked = try #require(
            ReportTransitions.after(planned(.unlink(reason: .keptByPolicy)), wasHeld: false, pending: all))
        #expect(unlinked.supersede == all)
    }

    @Test func aKeptOrphanIsReportedOnlyWhenItHasAPlaneItem() throws {
        let orphan = try #require(ReportTransitions.after(planned(.skip(.orphanKept)), wasHeld: false, pending: []))
        #expect(orphan.open == [.orphan])
        #expect(
            ReportTransitions.after(planned(.skip(.orphanKept), planeItemId: nil), wasHeld: false, pending: []) == nil)
    }
}
