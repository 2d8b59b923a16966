import Foundation
import PlaneAPI
import SyncCore
import SyncReports

/// What an applied action means for the item's reports in `approvals`: SyncCore's ``ReportTransitions``
/// decides which situations it opens or refreshes and which pending ones it supersedes; this applies it.
extension PlanExecutor {
    func updateReports(after action: PlannedAction) async throws {
        guard let plain = configuration.reporter, let id = action.boardItemId else { return }
        var planned = action
        // A create learns its Plane id only from Plane's answer.
        if let created = createdIds[id], planned.kind != .delete { planned.planeItemId = created }
        let pending = Set((pendingReports[id.externalId] ?? []).compactMap(ReportKind.init(rawValue:)))
        guard
            let transition = ReportTransitions.after(
                planned, wasHeld: configuration.held.contains(id), pending: pending)
        else {
            return
        }
        let reporter = plain.titled(planned.payload?.values.name ?? configuration.boardTitles[id])
        let now = now()
        if transition.releasesHold { try await release(planned, id) }
        for kind in transition.open {
            try await reporter.open(kind, planned, boardUpdatedAt: configuration.boardUpdates[id], now: now)
        }
        try await supersede(id, transition, now: now)
    }

    /// Reports a failing item once it has failed often enough in a row (``Backoff/reportsFailing(attempts:)``).
    func reportFailing(_ planned: PlannedAction, reason: String, attempts: Int, nextAttemptAt: Date) async throws {
        guard let reporter = configuration.reporter, let id = planned.boardItemId,
            ReportTransitions.afterFailure(attempts: attempts).open.contains(.failing)
        else { return }
        try await reporter.titled(configuration.boardTitles[id]).report(
            .failing, planned,
            message: "Board item \(id) failed \(attempts) times in a row; the last error: \(reason). "
                + "Next attempt at \(ISO8601DateFormatter().string(from: nextAttemptAt)); fix the cause, then "
                + "`boardsync resync --item \(id.externalId)` retries it now.",
            boardUpdatedAt: configuration.boardUpdates[id], now: now())
        pendingReports[id.externalId, default: []].insert(ReportKind.failing.rawValue)
    }

    /// An item whose label Plane would not create: a value Plane cannot take.
    func reportRejectedLabel(_ planned: PlannedAction, _ label: String, reason: String) async throws {
        guard let reporter = configuration.reporter, let id = planned.boardItemId else { return }
        try await reporter.titled(configuration.boardTitles[id]).report(
            .unmappableValue, planned,
            message: "Board item \(id): Plane would not create its label \"\(label)\": \(reason). "
                + "Rename the label on the board or create it in Plane.",
            fields: [ConflictRecord.Field(name: "labels", base: nil, board: label, plane: nil)],
            boardUpdatedAt: configuration.boardUpdates[id], now: now())
        pendingReports[id.externalId, default: []].insert(ReportKind.unmappableValue.rawValue)
    }

    /// A held item whose conflict went away: the link is synced again, from Plane's item as it is now.
    private func release(_ planned: PlannedAction, _ id: BoardItemID) async throws {
        // Unchanged: Plane is back at the base and the board at the link's fingerprint; both still hold.
        guard planned.action != .skip(.unchanged), let project = planned.planeProjectId,
            let planeId = planned.planeItemId
        else {
            try await links.setState(id, .synced, note: nil, now: now())
            return
        }
        let item: PlaneWorkItem
        if let known = configuration.listed[planeId] {
            item = known
        } else {
            item = try await client.workItem(project: project, id: planeId)
        }
        try await save(planned, payload: planned.payload, item: item)
    }

    private func supersede(_ id: BoardItemID, _ transition: ReportTransition, now: Date) async throws {
        let kept = Set(transition.open.map(\.rawValue))
        pendingReports[id.externalId, default: []].formUnion(kept)
        let gone = Set(transition.supersede.map(\.rawValue))
        guard !gone.isEmpty, let reporter = configuration.reporter else { return }
        try await reporter.store.supersede(
            integrationId: reporter.integration.id, boardItemId: id.externalId, kinds: gone, now: now)
        pendingReports[id.externalId] = kept
    }
}
