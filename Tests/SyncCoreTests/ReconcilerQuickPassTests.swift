import Foundation
import SyncCore
import Testing

/// The reconciler decides an unchanged item before rendering its description; every check still applies.
@Suite struct ReconcilerQuickPassTests {
    @Test func unchangedItemWhoseStateVanishedStillReportsTheProblem() throws {
        let item = Fixtures.item()
        let (link, _) = Fixtures.synced(item)
        var metadata = Fixtures.metadata()
        metadata.states.removeAll { $0.name == "Todo" }
        let plan = Reconciler.plan(
            ReconcileInput(
                configuration: Fixtures.configuration(), metadata: [Fixtures.project: metadata],
                items: [Reconcile.live(item, link: link)], now: Fixtures.now))
        let action = try #require(plan.actions.first)
        #expect(action.action == .skip(.itemProblem(.mappedStateMissing(status: "todo", stateName: "Todo"))))
    }

    /// A blocked item's skip stamps its fingerprint on the link: the next run finds it "unchanged" by
    /// fingerprint, and the payload's checks must still hold it.
    @Test func itemBlockedUnderTheLinksFingerprintStaysBlocked() throws {
        let item = Fixtures.item()
        var (link, _) = Fixtures.synced(item)
        var late = item
        late.startDate = Fixtures.date("2026-03-10T12:00:00Z")
        late.dueDate = Fixtures.date("2026-03-09T12:00:00Z")
        var crowded = item
        crowded.labels = (0...SyncConfiguration.Policy.defaultMaxLabelsPerItem).map { "label-\($0)" }
        let cases: [(BoardItem, ItemProblem)] = [
            (late, .startAfterDue(start: "2026-03-10", due: "2026-03-09")),
            (
                crowded,
                .tooManyLabels(
                    count: SyncConfiguration.Policy.defaultMaxLabelsPerItem + 1,
                    max: SyncConfiguration.Policy.defaultMaxLabelsPerItem)
            ),
        ]
        for (board, problem) in cases {
            link.inputFingerprint = Fingerprint.input(board, mapping: Fixtures.configuration().mapping)
            let action = try #require(Reconcile.single(Reconcile.live(board, link: link)))
            #expect(action.action == .skip(.itemProblem(problem)))
        }
    }

    /// An unchanged child whose parent is created earlier in the same plan cannot be stamped without it: it waits.
    @Test func unchangedChildOfAParentCreatedInThisPlanWaits() throws {
        let parent = Fixtures.item("task_parent")
        let child = Fixtures.item("task_child", parent: parent.id)
        let (link, _) = Fixtures.synced(child)
        let plan = Reconcile.plan([Reconcile.live(parent), Reconcile.live(child, link: link)])
        let action = try #require(plan.actions.first { $0.boardItemId == child.id })
        #expect(action.action == .skip(.waitingForParent(parent.id)))
    }

    @Test func changedTitleOfAnUnchangedDescriptionPatchesOnlyTheName() throws {
        let item = Fixtures.item()
        let (link, _) = Fixtures.synced(item)
        var changed = item
        changed.title = "Implement login, renamed"
        let action = try #require(Reconcile.single(Reconcile.live(changed, link: link)))
        #expect(
            action.action
                == .update(
                    changes: [
                        FieldChange(
                            field: .name, old: .string("Implement login"), new: .string("Implement login, renamed"))
                    ], overwritten: []))
        #expect(action.payload?.values.descriptionHTML == Fixtures.payload(changed).values.descriptionHTML)
        #expect(action.payload?.values.descriptionHTML.isEmpty == false)
    }

    @Test(arguments: [
        "plain", "  leading", "trailing \t", "\n both \n", "\u{00A0}no-break\u{00A0}", "\u{2028}separator\u{2029}",
        "inner  space kept", "\u{3000}ideographic", " ", "\t\n", "x", "~x~", "\u{7F}del\u{7F}", "é", "a\u{85}",
        "\u{85}a", "x\r",
    ])
    func titlesAreTrimmedLikeFoundation(title: String) {
        let expected = title.trimmingCharacters(in: .whitespacesAndNewlines)
        switch PayloadBuilder.validateTitle(title) {
        case .success(let trimmed): #expect(trimmed == expected)
        case .failure(let problem): #expect(expected.isEmpty && problem == .titleEmpty)
        }
    }
}
