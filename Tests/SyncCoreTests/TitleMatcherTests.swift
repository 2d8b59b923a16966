import Foundation
import SyncCore
import Testing

/// Adoption by title (`resync --adopt-by-title`): which Plane items made by hand each board item adopts.
@Suite struct TitleMatcherTests {
    private func hand(
        _ id: String, _ name: String, project: String = Fixtures.project, source: String? = nil,
        externalId: String? = nil, archived: Bool = false
    ) -> PlaneItemSnapshot {
        PlaneItemSnapshot(
            id: id, projectId: project, values: PlaneValues(name: name), externalSource: source,
            externalId: externalId, isArchived: archived)
    }

    private func unlinked(_ id: String, _ title: String?, projectId: String = "nexus", status: String? = "todo")
        -> ReconcileItem
    {
        Reconcile.live(Fixtures.item(id, title: title, status: status, projectId: projectId))
    }

    private func match(
        _ items: [ReconcileItem], _ plane: [PlaneItemSnapshot],
        configuration: SyncConfiguration = Fixtures.configuration(), collisions: Set<BoardItemID> = []
    ) -> TitleMatcher.Result {
        TitleMatcher.match(items: items, planeItems: plane, configuration: configuration, collisions: collisions)
    }

    private func reason(_ result: TitleMatcher.Result, _ planeId: String) -> TitleAdoption.LeftAloneReason? {
        result.adoption.leftAlone.first { $0.planeItemId == planeId }?.reason
    }

    @Test func aTitleUniqueOnBothSidesIsAdopted() {
        let result = match([unlinked("a", "Fix login"), unlinked("b", "Ship it")], [hand("p1", "Fix login")])
        #expect(
            result.adoption.matches == [
                TitleAdoption.Match(
                    boardItemId: .string("a"), title: "Fix login", planeProjectId: Fixtures.project, planeItemId: "p1")
            ])
        #expect(result.targets[.string("a")]?.id == "p1")
        #expect(result.adoption.ambiguities.isEmpty && result.adoption.leftAlone.isEmpty)
    }

    @Test func titlesAreEqualAfterTrimmingOnlyCaseAndInnerSpacesCount() {
        let result = match(
            [unlinked("a", "  Fix login\n"), unlinked("b", "Ship it"), unlinked("c", "Two  spaces")],
            [hand("p1", "Fix login \t"), hand("p2", "ship it"), hand("p3", "Two spaces")])
        #expect(result.adoption.matches.map(\.planeItemId) == ["p1"])
        #expect(result.adoption.matches.first?.title == "Fix login")
        #expect(reason(result, "p2") == .noBoardItem)
        #expect(reason(result, "p3") == .noBoardItem)
    }

    @Test func canonicallyEquivalentSpellingsMatch() {
        let result = match([unlinked("a", "Caf\u{E9}")], [hand("p1", "Cafe\u{301}")])
        #expect(result.adoption.matches.map(\.planeItemId) == ["p1"])
    }

    @Test func twoBoardItemsWithTheTitleAreAmbiguousAndBothHeld() {
        let result = match([unlinked("a", "Fix login"), unlinked("b", "Fix login")], [hand("p1", "Fix login")])
        #expect(result.adoption.matches.isEmpty)
        #expect(result.adoption.ambiguities.count == 1)
        #expect(result.adoption.ambiguities.first?.heldBoardItemIds == [.string("a"), .string("b")])
        #expect(result.adoption.ambiguities.first?.planeItemIds == ["p1"])
        #expect(Set(result.ambiguous.keys) == [.string("a"), .string("b")])
        #expect(reason(result, "p1") == .ambiguousTitle)
    }

    @Test func twoPlaneItemsWithTheTitleAreAmbiguousAndNeitherAdopted() {
        let result = match([unlinked("a", "Fix login")], [hand("p1", "Fix login"), hand("p2", " Fix login")])
        #expect(result.adoption.matches.isEmpty)
        #expect(result.adoption.ambiguities.first?.planeItemIds == ["p1", "p2"])
        #expect(result.adoption.heldBoardItemIds == [.string("a")])
        #expect(reason(result, "p1") == .ambiguousTitle && reason(result, "p2") == .ambiguousTitle)
    }

    @Test func anItemCarryingAnotherSourcesPairIsNeverAdopted() {
        let result = match(
            [unlinked("a", "Fix login"), unlinked("b", "Ship it")],
            [hand("p1", "Fix login", source: "jira", externalId: "JIRA-1"), hand("p2", "Ship it", source: "github")])
        #expect(result.adoption.matches.isEmpty)
        #expect(reason(result, "p1") == .externalPair(source: "jira", id: "JIRA-1"))
        #expect(reason(result, "p2") == .externalPair(source: "github", id: nil))
        #expect(result.ambiguous.isEmpty)
    }

    @Test func anItemWithOurPairIsNeitherCandidateNorLeftAlone() {
        let board = Fixtures.item("a", title: "Fix login")
        let (_, snapshot) = Fixtures.synced(board, planeId: "p1")
        let result = match([Reconcile.live(board, plane: .present(snapshot))], [snapshot])
        #expect(result.adoption == TitleAdoption())
    }

    @Test func aLinkedBoardItemDoesNotAdoptAndMakesItsTitleAmbiguousForAnUnlinkedOne() {
        let mirrored = Fixtures.item("a", title: "Fix login")
        let (link, snapshot) = Fixtures.synced(mirrored, planeId: "p0")
        let alone = match([Reconcile.live(mirrored, link: link, plane: .present(snapshot))], [hand("p1", "Fix login")])
        #expect(alone.adoption.matches.isEmpty && alone.adoption.ambiguities.isEmpty)
        #expect(reason(alone, "p1") == .boardItemTaken(.string("a"), .mirrored(planeItemId: "p0")))

        let both = match(
            [Reconcile.live(mirrored, link: link, plane: .present(snapshot)), unlinked("b", "Fix login")],
            [hand("p1", "Fix login")])
        #expect(both.adoption.matches.isEmpty)
        #expect(both.adoption.ambiguities.first?.boardItemIds == [.string("a"), .string("b")])
        #expect(both.adoption.heldBoardItemIds == [.string("b")])
    }

    @Test func boardItemsThatCannotAdoptSayWhy() {
        let outOfScope = match(
            [unlinked("a", "Fix login", status: "wontfix")], [hand("p1", "Fix login")],
            configuration: Fixtures.configuration(scope: SyncConfiguration.Scope(excludeStatuses: ["wontfix"])))
        #expect(outOfScope.adoption.matches.isEmpty)
        guard case .boardItemTaken(_, .outOfScope) = reason(outOfScope, "p1") else {
            Issue.record("out of scope: \(String(describing: reason(outOfScope, "p1")))")
            return
        }

        let unlinkedByHand = ReconcileItem(
            boardItemId: .string("a"), board: .live(Fixtures.item("a", title: "Fix login")),
            link: Link(boardItemId: .string("a"), planeProjectId: Fixtures.project, state: .unlinked))
        #expect(
            reason(match([unlinkedByHand], [hand("p1", "Fix login")]), "p1") == .boardItemTaken(.string("a"), .unlinked)
        )

        let creating = ReconcileItem(
            boardItemId: .string("a"), board: .live(Fixtures.item("a", title: "Fix login")),
            link: Link(boardItemId: .string("a"), planeProjectId: Fixtures.project, state: .creating))
        #expect(reason(match([creating], [hand("p1", "Fix login")]), "p1") == .boardItemTaken(.string("a"), .settling))

        let collision = match([unlinked("a", "Fix login")], [hand("p1", "Fix login")], collisions: [.string("a")])
        #expect(reason(collision, "p1") == .boardItemTaken(.string("a"), .idCollision))
    }

    @Test func blockedAndAmbiguousLinksMayStillAdopt() {
        for state in [Link.State.blocked, .ambiguous] {
            let item = ReconcileItem(
                boardItemId: .string("a"), board: .live(Fixtures.item("a", title: "Fix login")),
                link: Link(boardItemId: .string("a"), planeProjectId: Fixtures.project, state: state))
            #expect(match([item], [hand("p1", "Fix login")]).adoption.matches.map(\.planeItemId) == ["p1"])
        }
    }

    @Test func titlesThatCannotBeMirroredMatchNothing() {
        let result = match(
            [unlinked("a", ""), unlinked("b", "   "), unlinked("c", nil), unlinked("d", "Bad\u{0}title")],
            [hand("p1", ""), hand("p2", "   "), hand("p3", "Bad\u{0}title")])
        #expect(result.adoption.matches.isEmpty && result.adoption.ambiguities.isEmpty)
        #expect(result.adoption.leftAlone.map(\.reason) == [.noBoardItem, .noBoardItem, .noBoardItem])
    }

    @Test func matchingStaysWithinTheMappedPlaneProject() {
        let result = match(
            [unlinked("a", "Fix login", projectId: "other"), unlinked("b", "Ship it", projectId: "unmapped")],
            [hand("p1", "Fix login"), hand("p2", "Fix login", project: Fixtures.otherProject), hand("p3", "Ship it")])
        #expect(result.adoption.matches.map(\.planeItemId) == ["p2"])
        #expect(reason(result, "p1") == .noBoardItem)
        #expect(reason(result, "p3") == .noBoardItem)
    }

    @Test func archivedAndUnmappedProjectsItemsAreNotCandidates() {
        let result = match(
            [unlinked("a", "Fix login")],
            [hand("p1", "Fix login", archived: true), hand("p2", "Fix login", project: "unmapped-plane-project")])
        #expect(result.adoption == TitleAdoption())
    }
}
