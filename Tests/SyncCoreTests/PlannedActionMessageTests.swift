import Foundation
import SyncCore
import Testing

/// Every action, skip reason and conflict kind reads as a sentence naming the item.
@Suite struct PlannedActionMessageTests {
    static let id = BoardItemID.string("task_42")
    static let payload = Fixtures.payload(Fixtures.item("task_42"))

    static let actions: [SyncAction] = [
        .create(payload), .settleCreating(payload),
        .update(changes: [FieldChange(field: .name, old: .string("a"), new: .string("b"))], overwritten: []),
        .update(
            changes: [FieldChange(field: .name, old: .string("a"), new: .string("b"))],
            overwritten: [FieldChange(field: .name, old: .string("b"), new: .string("a"))]),
        .delete(reason: .boardItemDeleted), .delete(reason: .leftScope("why")),
        .delete(reason: .movedToAnotherProject(newPlaneProjectId: "p2")), .delete(reason: .orphan),
        .delete(reason: .duplicate(keptPlaneItemId: "k")), .recreate(previousPlaneItemId: "old", payload: payload),
        .adopt(changes: []), .relink(fromPlaneItemId: "old", changes: []), .unlink(reason: .keptByPolicy),
        .unlink(reason: .goneOnBothSides), .conflict(Conflict(kind: .handEdit)),
        .conflict(Conflict(kind: .bothChanged)),
        .conflict(Conflict(kind: .archived)), .conflict(Conflict(kind: .duplicates, planeItemIds: ["a", "b"])),
        .skip(.unchanged), .skip(.noEffectiveChange), .skip(.outOfScope("why")), .skip(.projectNotMapped("x")),
        .skip(.noPlaneMetadata(planeProjectId: "p")), .skip(.waitingForParent(.string("parent"))),
        .skip(.backoff(until: Fixtures.now)), .skip(.itemProblem(.titleMissing)), .skip(.conflictPending),
        .skip(.unlinked), .skip(.orphanKept), .skip(.neverMirrored), .skip(.deleteBlocked), .skip(.incompleteRead),
        .skip(.planeStateUnknown),
    ]

    @Test(arguments: actions)
    func messageNamesTheItem(action: SyncAction) {
        let planned = PlannedAction(
            boardItemId: Self.id, planeProjectId: Fixtures.project, planeItemId: "plane-9", action: action)
        #expect(planned.message.hasPrefix("Board item \"task_42\": "))
        #expect(planned.message.count > "Board item \"task_42\": ".count + 5)
    }

    @Test func labelMessageNamesTheProjectAndLabel() {
        let planned = PlannedAction(
            boardItemId: nil, planeProjectId: Fixtures.project, planeItemId: nil, action: .createLabel(name: "ops"))
        #expect(planned.message == "Plane project \(Fixtures.project): create label \"ops\".")
    }

    @Test func itemProblemSkipCarriesTheReasonAndWhatToDo() {
        let planned = PlannedAction(
            boardItemId: Self.id, planeProjectId: nil, planeItemId: nil,
            action: .skip(.itemProblem(.titleTooLong(codePoints: 300))))
        #expect(planned.message.contains("300 Unicode code points"))
        #expect(planned.message.contains("Shorten it"))
    }
}
