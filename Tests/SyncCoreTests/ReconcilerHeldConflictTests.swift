import Foundation
import Testing

@testable import SyncCore

/// A link held in `conflict` is decided again when Plane's side is known; `reassertFields` pushes the board.
@Suite struct ReconcilerHeldConflictTests {
    let item = Fixtures.item()

    private func held() -> (Link, PlaneItemSnapshot) {
        var (link, snapshot) = Fixtures.synced(item)
        link.state = .conflict
        return (link, snapshot)
    }

    @Test func theSameHandEditSeenAgainIsTheSameConflict() throws {
        let (link, snapshot) = held()
        let edited = snapshot.editing { $0.priority = "low" }
        let action = try #require(Reconcile.single(Reconcile.live(item, link: link, plane: .present(edited))))
        guard case .conflict(let conflict) = action.action else {
            Issue.record("expected a conflict, got \(action.action)")
            return
        }
        #expect(conflict.kind == .handEdit)
        #expect(conflict.fields.map(\.field) == [.priority])
    }

    @Test func planeEditedBackToTheBaseEndsTheConflict() throws {
        let (link, snapshot) = held()
        let action = try #require(Reconcile.single(Reconcile.live(item, link: link, plane: .present(snapshot))))
        #expect(action.action == .skip(.unchanged))
    }

    @Test func boardEditedToMatchPlaneEndsTheConflictWithoutAWrite() throws {
        let (link, snapshot) = held()
        let edited = snapshot.editing { $0.priority = "low" }
        var changed = item
        changed.priority = "low"
        let action = try #require(Reconcile.single(Reconcile.live(changed, link: link, plane: .present(edited))))
        #expect(action.action == .skip(.noEffectiveChange))
    }

    @Test func heldWithoutABaseStaysAHandEditWhileAPersonEditedLast() throws {
        var (link, snapshot) = held()
        link.base = nil
        let edited = snapshot.editing { $0.name = "Renamed by a person" }
        let action = try #require(
            Reconcile.single(Reconcile.live(item, link: link, plane: .present(edited)), ownUserId: "user-bot"))
        guard case .conflict(let conflict) = action.action else {
            Issue.record("expected a conflict, got \(action.action)")
            return
        }
        #expect(conflict.kind == .handEdit)
    }

    /// Adoption by title writes our external pair on a held item: our key edited last, the values are theirs.
    @Test func heldWithoutABaseStaysAHandEditAfterOurPairWrite() throws {
        var (link, snapshot) = held()
        link.base = nil
        let edited = snapshot.editing(by: "user-bot") { $0.name = "Renamed by a person" }
        let action = try #require(
            Reconcile.single(Reconcile.live(item, link: link, plane: .present(edited)), ownUserId: "user-bot"))
        guard case .conflict(let conflict) = action.action else {
            Issue.record("expected a conflict, got \(action.action)")
            return
        }
        #expect(conflict.kind == .handEdit)
    }

    @Test func keepBoardPushesTheChosenFieldsOverPlanesEdits() throws {
        var (link, snapshot) = Fixtures.synced(item)
        link.reassertFields = PlaneField.allCases
        let edited = snapshot.editing {
            $0.name = "Renamed in Plane"
            $0.priority = "low"
        }
        let action = try #require(Reconcile.single(Reconcile.live(item, link: link, plane: .present(edited))))
        guard case .update(let changes, let overwritten) = action.action else {
            Issue.record("expected an update, got \(action.action)")
            return
        }
        #expect(changes.map(\.field) == [.name, .priority])
        #expect(changes.map(\.new) == [.string("Implement login"), .string("high")])
        #expect(overwritten.isEmpty)
    }

    @Test func reassertingOnlySomeFieldsLeavesTheOthersAsPlaneHasThem() throws {
        var (link, snapshot) = Fixtures.synced(item)
        link.reassertFields = [.priority]
        let edited = snapshot.editing {
            $0.name = "Renamed in Plane"
            $0.priority = "low"
        }
        var taken = item
        taken.title = "Renamed in Plane"
        let action = try #require(Reconcile.single(Reconcile.live(taken, link: link, plane: .present(edited))))
        guard case .update(let changes, _) = action.action else {
            Issue.record("expected an update, got \(action.action)")
            return
        }
        #expect(changes.map(\.field) == [.priority])
    }

    @Test func reassertWithNothingDifferingOnlyRestampsTheFingerprint() throws {
        var (link, snapshot) = Fixtures.synced(item)
        link.reassertFields = PlaneField.allCases
        let action = try #require(Reconcile.single(Reconcile.live(item, link: link, plane: .present(snapshot))))
        #expect(action.action == .skip(.noEffectiveChange))
    }
}
