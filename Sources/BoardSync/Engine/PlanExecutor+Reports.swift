import Foundation
import PlaneAPI
import SyncCore
import SyncReports

/// What an applied action means for the item's reports in `approvals`: it opens or refreshes the
/// situation it shows, and marks superseded the item's pending reports whose situation went away.
extension PlanExecutor {
    func updateReports(after action: PlannedAction) async throws {
        guard let plain = reporter, let id = action.boardItemId else { return }
        var planned = action
        // A create learns its Plane id only from Plane's answer.
        if let created = createdIds[id], planned.kind != .delete { planned.planeItemId = created }
        let reporter = plain.titled(planned.payload?.values.name ?? boardTitles[id])
        let boardUpdatedAt = boardUpdates[id]
        let now = now()
        var seen: [ConflictRecord.Kind] = []
        switch planned.action {
        case .conflict(let conflict):
            seen = [ConflictReporter.kind(conflict.kind)]
        case .create, .recreate, .settleCreating, .update, .adopt, .relink:
            seen = try await reporter.reportAfterWrite(planned, boardUpdatedAt: boardUpdatedAt, now: now)
        case .delete(let reason):
            // A duplicate's or a moved item's delete is followed by the action that settles the item.
            if case .duplicate = reason { return }
            if case .movedToAnotherProject = reason { return }
        case .unlink:
            break
        case .createLabel:
            return
        case .skip(let reason):
            switch reason {
            case .itemProblem(let problem):
                seen = [try await reporter.report(problem: problem, planned, boardUpdatedAt: boardUpdatedAt, now: now)]
            case .orphanKept where planned.planeItemId != nil:
                try await reporter.report(.orphan, planned, boardUpdatedAt: boardUpdatedAt, now: now)
                seen = [.orphan]
            case .unchanged, .noEffectiveChange:
                // Nothing to write: only a held item learns something (its conflict went away by itself).
                guard held.contains(id) else { return }
                try await release(planned, id)
                seen = planned.notes.contains(where: ConflictReporter.isUnmappable) ? [.unmappableValue] : []
            default:
                return
            }
        }
        try await supersede(id, keeping: seen, now: now)
    }

    /// Reports a failing item once it has failed `ItemFailure.reportAfterAttempts` times in a row.
    func reportFailing(_ planned: PlannedAction, reason: String, attempts: Int, nextAttemptAt: Date) async throws {
        guard let reporter, let id = planned.boardItemId, attempts >= ItemFailure.reportAfterAttempts else { return }
        try await reporter.titled(boardTitles[id]).report(
            .failing, planned,
            message: "Board item \(id) failed \(attempts) times in a row; the last error: \(reason). "
                + "Next attempt at \(ISO8601DateFormatter().string(from: nextAttemptAt)); fix the cause, then "
                + "`boardsync resync --item \(id.externalId)` retries it now.",
            boardUpdatedAt: boardUpdates[id], now: now())
        pendingReports[id.externalId, default: []].insert(ConflictRecord.Kind.failing.rawValue)
    }

    /// An item whose label Plane would not create: a value Plane cannot take.
    func reportRejectedLabel(_ planned: PlannedAction, _ label: String, reason: String) async throws {
        guard let reporter, let id = planned.boardItemId else { return }
        try await reporter.titled(boardTitles[id]).report(
            .unmappableValue, planned,
            message: "Board item \(id): Plane would not create its label \"\(label)\": \(reason). "
                + "Rename the label on the board or create it in Plane.",
            fields: [ConflictRecord.Field(name: "labels", base: nil, board: label, plane: nil)],
            boardUpdatedAt: boardUpdates[id], now: now())
        pendingReports[id.externalId, default: []].insert(ConflictRecord.Kind.unmappableValue.rawValue)
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
        if let known = listed[planeId] {
            item = known
        } else {
            item = try await client.workItem(project: project, id: planeId)
        }
        try await save(planned, payload: planned.payload, item: item)
    }

    private func supersede(_ id: BoardItemID, keeping seen: [ConflictRecord.Kind], now: Date) async throws {
        let kept = Set(seen.map(\.rawValue))
        pendingReports[id.externalId, default: []].formUnion(kept)
        let gone = pendingReports[id.externalId, default: []].subtracting(kept)
        guard !gone.isEmpty, let reporter else { return }
        try await reporter.store.supersede(
            integrationId: reporter.integration.id, boardItemId: id.externalId, kinds: gone, now: now)
        pendingReports[id.externalId] = kept
    }
}
