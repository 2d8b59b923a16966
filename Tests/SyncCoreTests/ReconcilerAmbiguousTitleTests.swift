import Foundation
import SyncCore
import Testing

/// A board item held `ambiguous` by adoption by title is neither created nor forgotten while it stays so.
@Suite struct ReconcilerAmbiguousTitleTests {
    private let board = Fixtures.item("a", title: "Fix login")
    private var held: Link { Link(boardItemId: .string("a"), planeProjectId: Fixtures.project, state: .ambiguous) }

    @Test func aHeldItemIsNotCreated() throws {
        for plane in [PlaneObservation.notFetched, .deleted] {
            let action = try #require(Reconcile.single(Reconcile.live(board, link: held, plane: plane)))
            #expect(action.action == .skip(.ambiguousTitle))
            #expect(action.message.contains("held, not created"))
            #expect(action.message.contains("boardsync resync --adopt-by-title"))
            #expect(LinkRecord.after(action, link: held, now: Fixtures.now, configurationDigest: "d") == nil)
        }
    }

    @Test func aHeldItemWhosePairAPersonSetIsAdopted() throws {
        let (_, snapshot) = Fixtures.synced(board, planeId: "p1")
        let action = try #require(Reconcile.single(Reconcile.live(board, link: held, plane: .present(snapshot))))
        #expect(action.kind == .adopt)
        #expect(action.planeItemId == "p1")
    }

    @Test func aHeldItemDeletedOnTheBoardOrLeavingScopeIsForgotten() throws {
        var deleted = board
        deleted.deletedAt = Fixtures.now
        let gone = try #require(
            Reconcile.single(ReconcileItem(boardItemId: board.id, board: .softDeleted(deleted), link: held)))
        #expect(gone.action == .skip(.neverMirrored))
        #expect(LinkRecord.after(gone, link: held, now: Fixtures.now, configurationDigest: "d") == .forget)

        let excluded = Fixtures.item("a", title: "Fix login", status: "wontfix")
        let scoped = try #require(
            Reconcile.single(
                Reconcile.live(excluded, link: held),
                configuration: Fixtures.configuration(scope: SyncConfiguration.Scope(excludeStatuses: ["wontfix"]))))
        #expect(LinkRecord.after(scoped, link: held, now: Fixtures.now, configurationDigest: "d") == .forget)
    }
}
