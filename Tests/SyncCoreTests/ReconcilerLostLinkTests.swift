import Foundation
import SyncCore
import Testing

/// Links lost (no base): a difference on an item a person edited last is a hand edit, not ours to overwrite.
@Suite struct ReconcilerLostLinkTests {
    let item = Fixtures.item()

    func single(_ snapshot: PlaneItemSnapshot, ownUserId: String?, remoteEdits: SyncConfiguration.RemoteEditPolicy)
        -> [PlannedAction]
    {
        let configuration = Fixtures.configuration(remoteEdits: remoteEdits)
        return Reconciler.plan(
            ReconcileInput(
                configuration: configuration, metadata: [Fixtures.project: Fixtures.metadata()],
                items: [Reconcile.live(item, link: nil, plane: .present(snapshot))], now: Fixtures.now,
                ownUserId: ownUserId)
        ).actions
    }

    @Test func aPersonsEditIsAHandEditConflictUnderHold() throws {
        let (_, snapshot) = Fixtures.synced(item, planeId: "plane-found")
        let edited = snapshot.editing(by: Fixtures.alice) { $0.priority = "low" }
        let actions = single(edited, ownUserId: "user-bot", remoteEdits: .hold)
        let action = try #require(actions.first)
        guard case .conflict(let conflict) = action.action else {
            Issue.record("expected a conflict, got \(action.kind)")
            return
        }
        #expect(conflict.kind == .handEdit)
        #expect(conflict.planeUpdatedBy == Fixtures.alice)
        #expect(
            conflict.fields == [
                Conflict.Field(field: .priority, base: nil, board: .string("high"), plane: .string("low"))
            ])
        #expect(action.planeItemId == "plane-found" && action.planeProjectId == Fixtures.project)
        #expect(action.estimatedWrites == 0)
    }

    @Test func underOverwriteTheBoardWinsAndPlanesValuesAreReported() throws {
        let (_, snapshot) = Fixtures.synced(item, planeId: "plane-found")
        let edited = snapshot.editing(by: Fixtures.alice) { $0.priority = "low" }
        let action = try #require(single(edited, ownUserId: "user-bot", remoteEdits: .overwrite).first)
        #expect(
            action.action
                == .update(
                    changes: [FieldChange(field: .priority, old: .string("low"), new: .string("high"))],
                    overwritten: [FieldChange(field: .priority, old: .string("high"), new: .string("low"))]))
        #expect(action.planeItemId == "plane-found")
    }

    @Test func ourOwnLastWriteOrAnUnknownKeyOwnerIsAdoptedAsBefore() throws {
        let (_, snapshot) = Fixtures.synced(item, planeId: "plane-found")
        let ours = snapshot.editing(by: "user-bot") { $0.priority = "low" }
        #expect(single(ours, ownUserId: "user-bot", remoteEdits: .hold).first?.kind == .adopt)
        let someone = snapshot.editing(by: Fixtures.alice) { $0.priority = "low" }
        #expect(single(someone, ownUserId: nil, remoteEdits: .hold).first?.kind == .adopt)
        // Nothing differs: adopted whoever edited it last.
        let same = snapshot.editing(by: Fixtures.alice) { _ in }
        #expect(single(same, ownUserId: "user-bot", remoteEdits: .hold).first?.action == .adopt(changes: []))
    }
}
