import Foundation
import SyncCore
import Testing

/// Helpers for reconcile tests.
enum Reconcile {
    static func plan(
        _ items: [ReconcileItem], configuration: SyncConfiguration = Fixtures.configuration(),
        readComplete: Bool = true,
        otherLinks: [Link] = [], ownUserId: String? = nil
    ) -> SyncPlan {
        Reconciler.plan(
            ReconcileInput(
                configuration: configuration,
                metadata: [
                    Fixtures.project: Fixtures.metadata(),
                    Fixtures.otherProject: Fixtures.metadata(projectId: Fixtures.otherProject),
                ],
                items: items, otherLinks: otherLinks, now: Fixtures.now, readComplete: readComplete,
                ownUserId: ownUserId))
    }

    /// The single action of the only item in the plan.
    static func single(
        _ item: ReconcileItem, configuration: SyncConfiguration = Fixtures.configuration(), readComplete: Bool = true,
        ownUserId: String? = nil
    ) -> PlannedAction? {
        let actions = plan([item], configuration: configuration, readComplete: readComplete, ownUserId: ownUserId)
            .actions
        #expect(actions.count == 1, "expected one action, got \(actions.map(\.kind))")
        return actions.first
    }

    static func live(_ item: BoardItem, link: Link? = nil, plane: PlaneObservation = .notFetched) -> ReconcileItem {
        ReconcileItem(boardItemId: item.id, board: .live(item), link: link, plane: plane)
    }
}

extension PlaneItemSnapshot {
    func editing(by user: String = "user-human", _ change: (inout PlaneValues) -> Void) -> PlaneItemSnapshot {
        var copy = self
        change(&copy.values)
        copy.updatedBy = user
        copy.updatedAtMicros += 1_000
        return copy
    }
}
