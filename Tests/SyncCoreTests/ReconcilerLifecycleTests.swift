import Foundation
import SyncCore
import Testing

/// Creating, settling, adopting, relinking, recreating; archived items and duplicates.
@Suite struct ReconcilerLifecycleTests {
    let item = Fixtures.item()

    @Test func newItemIsCreated() throws {
        for observation in [PlaneObservation.notFetched, .deleted] {
            let action = try #require(Reconcile.single(Reconcile.live(item, plane: observation)))
            #expect(action.action == .create(Fixtures.payload(item)))
            #expect(action.planeItemId == nil)
            #expect(action.planeProjectId == Fixtures.project)
            #expect(action.inputFingerprint == Fingerprint.input(item, mapping: Fixtures.mapping(version: 1)))
        }
    }

    @Test func creatingLinkIsSettledByLookupNeverABlindCreate() throws {
        let creating = Link(boardItemId: item.id, planeProjectId: Fixtures.project, state: .creating)
        let action = try #require(Reconcile.single(Reconcile.live(item, link: creating, plane: .notFetched)))
        #expect(action.action == .settleCreating(Fixtures.payload(item)))
        #expect(action.estimatedReads == 1)
        var failed = creating
        failed.state = .failed
        #expect(Reconcile.single(Reconcile.live(item, link: failed))?.kind == .settleCreating)
        // The lookup answered 404: now create.
        #expect(Reconcile.single(Reconcile.live(item, link: creating, plane: .deleted))?.kind == .create)
    }

    @Test func lostPostResponseIsAdopted() throws {
        let creating = Link(boardItemId: item.id, planeProjectId: Fixtures.project, state: .creating)
        let (_, snapshot) = Fixtures.synced(item, planeId: "plane-landed")
        let action = try #require(Reconcile.single(Reconcile.live(item, link: creating, plane: .present(snapshot))))
        #expect(action.action == .adopt(changes: []))
        #expect(action.planeItemId == "plane-landed")
        #expect(action.estimatedWrites == 0)
    }

    @Test func lostLinksAdoptAndPatchOnlyWhatDiffers() throws {
        let (_, snapshot) = Fixtures.synced(item, planeId: "plane-found")
        let stale = snapshot.editing { $0.priority = "low" }
        let action = try #require(Reconcile.single(Reconcile.live(item, link: nil, plane: .present(stale))))
        #expect(
            action.action == .adopt(changes: [FieldChange(field: .priority, old: .string("low"), new: .string("high"))])
        )
    }

    @Test func pairFoundInTheOldProjectAfterAMoveIsDeletedThereAndCreatedAnew() throws {
        let (_, snapshot) = Fixtures.synced(item, planeId: "plane-old-project")
        let moved = Fixtures.item(projectId: "other")
        let actions = Reconcile.plan(
            [Reconcile.live(moved, plane: .present(snapshot))],
            configuration: Fixtures.configuration(maxDeleteFraction: 1)
        ).actions
        try #require(actions.map(\.kind) == [.create, .delete])
        #expect(actions[0].planeProjectId == Fixtures.otherProject)
        #expect(actions[1].planeItemId == "plane-old-project")
        #expect(actions[1].planeProjectId == Fixtures.project)
    }

    @Test func linkPointingElsewhereIsRelinked() throws {
        let (link, _) = Fixtures.synced(item, planeId: "plane-old")
        let (_, snapshot) = Fixtures.synced(item, planeId: "plane-new")
        let action = try #require(Reconcile.single(Reconcile.live(item, link: link, plane: .present(snapshot))))
        #expect(action.action == .relink(fromPlaneItemId: "plane-old", changes: []))
        #expect(action.planeItemId == "plane-new")
    }

    @Test func handDeletedPlaneItemIsRecreatedAndReported() throws {
        let (link, _) = Fixtures.synced(item)
        let action = try #require(Reconcile.single(Reconcile.live(item, link: link, plane: .deleted)))
        #expect(action.action == .recreate(previousPlaneItemId: "plane-1", payload: Fixtures.payload(item)))
        #expect(action.notes.contains(.recreatedAfterHandDelete(previousPlaneItemId: "plane-1")))
    }

    @Test func archivedPlaneItemIsReportedNotRecreated() throws {
        let (link, snapshot) = Fixtures.synced(item)
        var archived = snapshot
        archived.isArchived = true
        for candidate in [link, nil] {
            let action = try #require(
                Reconcile.single(Reconcile.live(item, link: candidate, plane: .archived(archived))))
            guard case .conflict(let conflict) = action.action else {
                Issue.record("expected conflict, got \(action.action)")
                return
            }
            #expect(conflict.kind == .archived)
            #expect(action.planeItemId == "plane-1")
            #expect(action.message.contains("archived"))
        }
    }

    @Test func duplicatesKeepTheOldestAndDeleteTheRestUnderDeletePolicy() throws {
        let (link, oldest) = Fixtures.synced(item, planeId: "plane-a")
        var newer = oldest
        newer.id = "plane-b"
        newer.createdAtMicros = 99
        let actions = Reconcile.plan(
            [Reconcile.live(item, link: link, plane: .duplicates([newer, oldest]))],
            configuration: Fixtures.configuration(maxDeleteFraction: 1)
        ).actions
        try #require(actions.map(\.kind) == [.skip, .delete])
        #expect(actions[0].action == .skip(.unchanged))
        #expect(actions[1].action == .delete(reason: .duplicate(keptPlaneItemId: "plane-a")))
        #expect(actions[1].planeItemId == "plane-b")

        let kept = Reconcile.plan(
            [Reconcile.live(item, link: link, plane: .duplicates([newer, oldest]))],
            configuration: Fixtures.configuration(deletes: .keep)
        ).actions
        #expect(kept.map(\.kind) == [.conflict])
        if case .conflict(let conflict) = kept.first?.action {
            #expect(conflict.kind == .duplicates)
            #expect(conflict.planeItemIds == ["plane-a", "plane-b"])
        }
    }

    @Test func openConflictWaitsWhilePlaneIsUnknownAndUnlinkedItemsAreSkipped() {
        var (link, snapshot) = Fixtures.synced(item)
        link.state = .conflict
        #expect(
            Reconcile.single(Reconcile.live(item, link: link, plane: .notFetched))?.action == .skip(.conflictPending))
        link.state = .unlinked
        #expect(
            Reconcile.single(Reconcile.live(item, link: link, plane: .present(snapshot)))?.action == .skip(.unlinked))
    }

    @Test func failedItemWaitsForItsBackoff() {
        var (link, snapshot) = Fixtures.synced(item)
        var changed = item
        changed.title = "New"
        link.state = .failed
        link.nextAttemptAt = Fixtures.now.addingTimeInterval(60)
        #expect(
            Reconcile.single(Reconcile.live(changed, link: link, plane: .present(snapshot)))?.action
                == .skip(.backoff(until: Fixtures.now.addingTimeInterval(60))))
        link.nextAttemptAt = Fixtures.now.addingTimeInterval(-1)
        #expect(Reconcile.single(Reconcile.live(changed, link: link, plane: .present(snapshot)))?.kind == .update)
    }

    @Test func itemProblemIsASkipWithTheReason() throws {
        let action = try #require(Reconcile.single(Reconcile.live(Fixtures.item(status: "weird"))))
        #expect(action.action == .skip(.itemProblem(.unknownStatus("weird"))))
        #expect(action.message.contains("\"weird\""))
        #expect(action.message.contains("mapping.status"))
    }

    @Test func stringIdEqualToAnotherObjectIdIsACollision() {
        let hex = "65a1b2c3d4e5f60718293a4b"
        var one = Fixtures.item()
        one.id = .objectId(hex)
        let two = Fixtures.item(hex)
        let actions = Reconcile.plan([Reconcile.live(one), Reconcile.live(two)]).actions
        #expect(actions.count == 2)
        #expect(actions.allSatisfy { if case .skip(.itemProblem(.idCollision)) = $0.action { true } else { false } })
    }

    /// The mirrored one of two items with one external id goes on; the newcomer is a problem naming it.
    @Test func anIdCollisionLeavesTheMirroredItemSyncingAndNamesItOnTheNewcomer() throws {
        let hex = "65a1b2c3d4e5f60718293a4b"
        var mirrored = Fixtures.item()
        mirrored.id = .objectId(hex)
        mirrored.title = "Renamed on the board"
        var (link, snapshot) = Fixtures.synced(Fixtures.item())
        link.boardItemId = mirrored.id
        let newcomer = Fixtures.item(hex)
        let plan = Reconcile.plan([
            Reconcile.live(mirrored, link: link, plane: .present(snapshot)), Reconcile.live(newcomer),
        ])
        #expect(plan.actions(for: mirrored.id).map(\.kind) == [.update])
        let problem = try #require(plan.actions(for: newcomer.id).first)
        #expect(problem.action == .skip(.itemProblem(.idCollision(mirrored.id))))
        #expect(problem.message.contains("\"\(hex)\"") && problem.message.contains("ObjectId(\(hex))"))
    }
}
