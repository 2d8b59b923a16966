import Foundation
import SyncCore
import Testing

/// Plan-wide rules: parents first, label creation, label modes, summary and messages.
@Suite struct ReconcilerPlanTests {
    @Test func parentCreatedInTheSamePlanComesFirstAndTheChildNamesIt() throws {
        let parent = Fixtures.item("z-parent")
        let child = Fixtures.item("a-child", parent: parent.id)
        let grandchild = Fixtures.item("b-grandchild", parent: child.id)
        let plan = Reconcile.plan([Reconcile.live(grandchild), Reconcile.live(child), Reconcile.live(parent)])
        #expect(plan.actions.map(\.boardItemId) == [parent.id, child.id, grandchild.id])
        #expect(plan.actions.allSatisfy { $0.kind == .create })
        #expect(plan.actions[1].payload?.pendingParent == parent.id)
        #expect(plan.actions[2].payload?.pendingParent == child.id)
    }

    @Test func linkedChildOfAParentCreatedInThisPlanWaitsOneRun() {
        let parent = Fixtures.item("a-parent")
        let child = Fixtures.item("b-child")
        let (link, snapshot) = Fixtures.synced(child)
        var reparented = child
        reparented.parentId = parent.id
        let plan = Reconcile.plan([
            Reconcile.live(reparented, link: link, plane: .present(snapshot)), Reconcile.live(parent),
        ])
        #expect(plan.actions.map(\.kind) == [.create, .skip])
        #expect(plan.actions[1].action == .skip(.waitingForParent(parent.id)))
        // Its link's fingerprint is not stamped: the wait is recorded beside it, due at the next run.
        let record = LinkRecord.after(plan.actions[1], link: link, now: Fixtures.now, configurationDigest: "c")
        guard case .waiting(let state, _, let next, let input, _)? = record else {
            Issue.record("expected a waiting record, got \(String(describing: record))")
            return
        }
        #expect(state == .synced && next == Fixtures.now)
        #expect(
            input == Fingerprint.input(reparented, mapping: Fixtures.mapping(version: 1))
                && input != link.inputFingerprint)
    }

    @Test func childWaitsForAParentNotYetInPlane() {
        let child = Fixtures.item("child", parent: .string("parent"))
        let problemParent = Fixtures.item("parent", title: nil)
        #expect(Reconcile.single(Reconcile.live(child))?.action == .skip(.waitingForParent(.string("parent"))))
        let plan = Reconcile.plan([Reconcile.live(child), Reconcile.live(problemParent)])
        #expect(plan.actions(for: child.id).map(\.action) == [.skip(.waitingForParent(.string("parent")))])
    }

    @Test func linkedParentGivesThePlaneParentId() throws {
        let parentLink = Link(
            boardItemId: .string("parent"), planeProjectId: Fixtures.project, planeItemId: "plane-parent")
        let child = Fixtures.item("child", parent: .string("parent"))
        let plan = Reconcile.plan([Reconcile.live(child)], otherLinks: [parentLink])
        guard case .create(let payload) = plan.actions.first?.action else {
            Issue.record("expected create")
            return
        }
        #expect(payload.values.parentId == "plane-parent")
        let otherProject = Link(boardItemId: .string("parent"), planeProjectId: Fixtures.otherProject, planeItemId: "p")
        #expect(
            Reconcile.plan([Reconcile.live(child)], otherLinks: [otherProject]).actions.first?.action
                == .skip(
                    .itemProblem(
                        .parentInOtherProject(parent: .string("parent"), planeProjectId: Fixtures.otherProject))))
    }

    @Test func adoptedParentInTheSamePlanGivesItsId() {
        let parent = Fixtures.item("parent")
        let (_, snapshot) = Fixtures.synced(parent, planeId: "plane-adopted")
        let child = Fixtures.item("child", parent: parent.id)
        let plan = Reconcile.plan([Reconcile.live(child), Reconcile.live(parent, plane: .present(snapshot))])
        #expect(plan.actions.map(\.kind) == [.adopt, .create])
        #expect(plan.actions[1].payload?.values.parentId == "plane-adopted")
    }

    @Test func parentCycleIsAnItemProblem() {
        let one = Fixtures.item("one", parent: .string("two"))
        let two = Fixtures.item("two", parent: .string("one"))
        let plan = Reconcile.plan([Reconcile.live(one), Reconcile.live(two)])
        for action in plan.actions {
            guard case .skip(.itemProblem(.parentCycle(let cycle))) = action.action else {
                Issue.record("expected a cycle problem, got \(action.action)")
                continue
            }
            #expect(cycle.count == 3)
        }
    }

    @Test func missingLabelsBecomeCreateLabelActionsFirstAndOnce() throws {
        let one = Fixtures.item("t1", labels: ["bug", "Infra"])
        let two = Fixtures.item("t2", labels: ["infra", "ops"])
        let plan = Reconcile.plan([Reconcile.live(one), Reconcile.live(two)])
        #expect(plan.actions.map(\.kind) == [.createLabel, .createLabel, .create, .create])
        #expect(plan.actions[0].action == .createLabel(name: "Infra"))
        #expect(plan.actions[1].action == .createLabel(name: "ops"))
        #expect(plan.actions[0].planeProjectId == Fixtures.project)
        #expect(plan.actions[2].payload?.missingLabels == ["Infra"])
        #expect(plan.actions[2].notes.contains(.labelToCreate("Infra")))
    }

    @Test func missingLabelOnALinkedItemForcesALabelsChange() throws {
        let item = Fixtures.item()
        let (link, snapshot) = Fixtures.synced(item)
        let changed = Fixtures.item(labels: ["bug", "new-one"])
        let plan = Reconcile.plan([Reconcile.live(changed, link: link, plane: .present(snapshot))])
        #expect(plan.actions.map(\.kind) == [.createLabel, .update])
        guard case .update(let changes, _) = plan.actions[1].action else { return }
        #expect(changes.map(\.field) == [.labels])
    }

    @Test func mergeKeepsLabelsPeopleAddedInPlane() throws {
        let item = Fixtures.item(labels: ["bug"])
        let (link, snapshot) = Fixtures.synced(item)
        let tagged = snapshot.editing { $0.labelIds = [Fixtures.bug, Fixtures.humanLabel] }
        // A label added by a person is not a hand edit under merge…
        #expect(
            Reconcile.single(Reconcile.live(item, link: link, plane: .present(tagged)))?.action == .skip(.unchanged))
        // …and a board label change keeps it while replacing ours.
        let changed = Fixtures.item(labels: ["feature"])
        let action = try #require(Reconcile.single(Reconcile.live(changed, link: link, plane: .present(tagged))))
        #expect(
            action.action
                == .update(
                    changes: [
                        FieldChange(
                            field: .labels, old: .list([Fixtures.bug]),
                            new: .list([Fixtures.feature, Fixtures.humanLabel]))
                    ], overwritten: []))
    }

    @Test func exactTreatsLabelsPeopleAddedAsAHandEdit() throws {
        let configuration = Fixtures.configuration(labels: .exact, remoteEdits: .overwrite)
        let item = Fixtures.item(labels: ["bug"])
        let (link, snapshot) = Fixtures.synced(item, configuration: configuration)
        let tagged = snapshot.editing { $0.labelIds = [Fixtures.bug, Fixtures.humanLabel] }
        let action = try #require(
            Reconcile.single(Reconcile.live(item, link: link, plane: .present(tagged)), configuration: configuration))
        #expect(
            action.action
                == .update(
                    changes: [
                        FieldChange(
                            field: .labels, old: .list([Fixtures.bug, Fixtures.humanLabel]), new: .list([Fixtures.bug]))
                    ],
                    overwritten: [
                        FieldChange(
                            field: .labels, old: .list([Fixtures.bug]), new: .list([Fixtures.bug, Fixtures.humanLabel]))
                    ]))
    }

    @Test func summaryCountsKindsAndEstimatesCalls() {
        let (link, snapshot) = Fixtures.synced(Fixtures.item("t1"))
        var changed = Fixtures.item("t1")
        changed.title = "New"
        let creating = Link(boardItemId: .string("t3"), planeProjectId: Fixtures.project, state: .creating)
        let plan = Reconcile.plan([
            Reconcile.live(changed, link: link, plane: .present(snapshot)),
            Reconcile.live(Fixtures.item("t2", labels: ["fresh"])),
            Reconcile.live(Fixtures.item("t3"), link: creating),
            Reconcile.live(Fixtures.item("t4", status: "weird")),
        ])
        let summary = plan.summary
        #expect(summary.count(.update) == 1)
        #expect(summary.count(.create) == 1)
        #expect(summary.count(.createLabel) == 1)
        #expect(summary.count(.settleCreating) == 1)
        #expect(summary.count(.skip) == 1)
        #expect(summary.estimatedWrites == 4)
        #expect(summary.estimatedReads == 1)
        #expect(summary.estimatedSeconds(requestsPerMinute: 60) == 5)
        #expect(summary.description.contains("update 1"))
        #expect(summary.durationText(requestsPerMinute: 60) == "about 5 s")
        #expect(summary.durationText(requestsPerMinute: 1) == "about 5 min")
        let mappingChange = PlanSummary(
            actions: Array(
                repeating: PlannedAction(
                    boardItemId: .string("x"), planeProjectId: nil, planeItemId: "p",
                    action: .update(changes: [], overwritten: [])), count: 9_812))
        #expect(mappingChange.durationText(requestsPerMinute: 60) == "about 2 h 44 min")
    }

    @Test func everyActionHasAMessageNamingItsItem() {
        let (link, snapshot) = Fixtures.synced(Fixtures.item("t1"))
        let plan = Reconcile.plan(
            [
                Reconcile.live(Fixtures.item("t1", title: "Changed"), link: link, plane: .present(snapshot)),
                Reconcile.live(Fixtures.item("t2", labels: ["fresh"])),
                Reconcile.live(Fixtures.item("t3", status: "weird")),
                ReconcileItem(boardItemId: .string("t4"), board: .gone, plane: .present(snapshot)),
            ], configuration: Fixtures.configuration(maxDeleteFraction: 1))
        for action in plan.actions {
            let name = action.boardItemId.map(\.description) ?? Fixtures.project
            #expect(action.message.contains(name), "\(action.message)")
        }
    }
}
