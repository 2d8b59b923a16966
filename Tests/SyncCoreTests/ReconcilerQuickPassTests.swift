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
        "inner  space kept", "\u{3000}ideographic", " ", "\t\n",
    ])
    func titlesAreTrimmedLikeFoundation(title: String) {
        let expected = title.trimmingCharacters(in: .whitespacesAndNewlines)
        switch PayloadBuilder.validateTitle(title) {
        case .success(let trimmed): #expect(trimmed == expected)
        case .failure(let problem): #expect(expected.isEmpty && problem == .titleEmpty)
        }
    }
}
