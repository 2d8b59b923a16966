import Foundation
import SyncCore
import Testing

/// The three-way rules for linked items: unchanged, board change, hand edit, both changed.
@Suite struct ReconcilerChangeTests {
    let item = Fixtures.item()

    @Test func unchangedOnBothSidesIsSkipped() {
        let (link, snapshot) = Fixtures.synced(item)
        #expect(
            Reconcile.single(Reconcile.live(item, link: link, plane: .present(snapshot)))?.action == .skip(.unchanged))
        #expect(Reconcile.single(Reconcile.live(item, link: link, plane: .notFetched))?.action == .skip(.unchanged))
    }

    @Test func boardChangeUpdatesOnlyTheChangedFieldsFromBase() throws {
        let (link, snapshot) = Fixtures.synced(item)
        var changed = item
        changed.title = "Implement login v2"
        changed.status = "doing"
        let action = try #require(Reconcile.single(Reconcile.live(changed, link: link, plane: .present(snapshot))))
        #expect(
            action.action
                == .update(
                    changes: [
                        FieldChange(field: .name, old: .string("Implement login"), new: .string("Implement login v2")),
                        FieldChange(field: .state, old: .string(Fixtures.todo), new: .string(Fixtures.inProgress)),
                    ], overwritten: []))
        #expect(action.planeItemId == "plane-1")
        #expect(action.boardItemId == changed.id)
        #expect(action.inputFingerprint == Fingerprint.input(changed, mapping: Fixtures.mapping(version: 1)))
    }

    @Test func descriptionChangeIsComparedAgainstBaseThroughTheCanonicaliser() throws {
        let (link, snapshot) = Fixtures.synced(item)
        // base holds Plane's rewrite (<div>, rel=...), which differs from what we send, yet only the
        // changed description is patched, with the HTML we render as the new value.
        #expect(link.base?.descriptionHTML.hasPrefix("<div>") == true)
        var changed = item
        changed.description = "Other *text*"
        let action = try #require(Reconcile.single(Reconcile.live(changed, link: link, plane: .present(snapshot))))
        guard case .update(let changes, _) = action.action else {
            Issue.record("expected update, got \(action.action)")
            return
        }
        #expect(changes.map(\.field) == [.descriptionHTML])
        #expect(changes.first?.new == .string(Fixtures.payload(changed).values.descriptionHTML))
    }

    @Test func boardChangeWithoutEffectOnlyRestampsTheFingerprint() throws {
        let (link, snapshot) = Fixtures.synced(item)
        let bumped = Fixtures.configuration(version: 2)
        let action = try #require(
            Reconcile.single(Reconcile.live(item, link: link, plane: .present(snapshot)), configuration: bumped))
        #expect(action.action == .skip(.noEffectiveChange))
        #expect(action.inputFingerprint == Fingerprint.input(item, mapping: Fixtures.mapping(version: 2)))
    }

    @Test func handEditUnderHoldIsAConflictWithBaseBoardAndPlaneValues() throws {
        let (link, snapshot) = Fixtures.synced(item)
        let edited = snapshot.editing { $0.priority = "low" }
        let action = try #require(Reconcile.single(Reconcile.live(item, link: link, plane: .present(edited))))
        let expected = Conflict(
            kind: .handEdit,
            fields: [
                Conflict.Field(field: .priority, base: .string("high"), board: .string("high"), plane: .string("low"))
            ],
            planeUpdatedBy: "user-human", planeUpdatedAtMicros: 1_001)
        #expect(action.action == .conflict(expected))
        #expect(action.message.contains("keep-board or take-plane"))
    }

    @Test func handEditUnderOverwriteReassertsTheBoardAndReportsWhatWasOverwritten() throws {
        let (link, snapshot) = Fixtures.synced(item)
        let edited = snapshot.editing { $0.name = "Renamed in Plane" }
        let action = try #require(
            Reconcile.single(
                Reconcile.live(item, link: link, plane: .present(edited)),
                configuration: Fixtures.configuration(remoteEdits: .overwrite)))
        let change = FieldChange(field: .name, old: .string("Renamed in Plane"), new: .string("Implement login"))
        let overwritten = FieldChange(field: .name, old: .string("Implement login"), new: .string("Renamed in Plane"))
        #expect(action.action == .update(changes: [change], overwritten: [overwritten]))
        #expect(action.message.contains("Overwrites hand edits"))
    }

    @Test func bothChangedIsAConflictEvenUnderOverwrite() throws {
        let (link, snapshot) = Fixtures.synced(item)
        var changed = item
        changed.title = "Board title"
        let edited = snapshot.editing { $0.priority = "low" }
        for policy in [SyncConfiguration.RemoteEditPolicy.hold, .overwrite] {
            let action = try #require(
                Reconcile.single(
                    Reconcile.live(changed, link: link, plane: .present(edited)),
                    configuration: Fixtures.configuration(remoteEdits: policy)))
            guard case .conflict(let conflict) = action.action else {
                Issue.record("expected conflict, got \(action.action)")
                return
            }
            #expect(conflict.kind == .bothChanged)
            #expect(conflict.fields.map(\.field) == [.name, .priority])
        }
    }

    @Test func planeEditThatAlreadyMatchesTheBoardIsNoConflict() throws {
        let (link, snapshot) = Fixtures.synced(item)
        var changed = item
        changed.status = "done"
        let edited = snapshot.editing { $0.stateId = Fixtures.done }
        let action = try #require(Reconcile.single(Reconcile.live(changed, link: link, plane: .present(edited))))
        #expect(action.action == .skip(.noEffectiveChange))
    }

    @Test func linkWithoutBaseComparesTheCanonicalPayloadWithPlane() throws {
        var (link, snapshot) = Fixtures.synced(item)
        link.base = nil
        link.remoteFingerprint = nil
        #expect(
            Reconcile.single(Reconcile.live(item, link: link, plane: .present(snapshot)))?.action
                == .skip(.noEffectiveChange))
        let edited = snapshot.editing { $0.targetDate = "2027-01-01" }
        let action = try #require(Reconcile.single(Reconcile.live(item, link: link, plane: .present(edited))))
        #expect(
            action.action
                == .update(
                    changes: [FieldChange(field: .targetDate, old: .string("2027-01-01"), new: .null)], overwritten: [])
        )
        #expect(
            Reconcile.single(Reconcile.live(item, link: link, plane: .notFetched))?.action == .skip(.planeStateUnknown))
    }

    @Test func defaultAssigneeFilledInByPlaneOnCreateIsNotRemovedByALaterChange() throws {
        let unassigned = Fixtures.item(assignees: [])
        let metadata = Fixtures.metadata(defaultAssignee: Fixtures.bob)
        let payload = Fixtures.payload(unassigned)
        let base = PlaneCanonicalizer(metadata: metadata).canonicalize(payload.values, isCreate: true)
        #expect(base.assigneeIds == [Fixtures.bob])
        let link = Link(
            boardItemId: unassigned.id, planeProjectId: Fixtures.project, planeItemId: "plane-1", base: base,
            ownedLabelIds: base.labelIds,
            inputFingerprint: Fingerprint.input(unassigned, mapping: Fixtures.mapping(version: 1)),
            remoteFingerprint: Fingerprint.remote(base))
        var changed = unassigned
        changed.title = "Renamed"
        let plan = Reconciler.plan(
            ReconcileInput(
                configuration: Fixtures.configuration(), metadata: [Fixtures.project: metadata],
                items: [Reconcile.live(changed, link: link)], now: Fixtures.now))
        guard case .update(let changes, _) = plan.actions.first?.action else {
            Issue.record("expected update, got \(plan.actions)")
            return
        }
        #expect(changes.map(\.field) == [.name])
    }
}
