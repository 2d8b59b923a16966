import Foundation
import Logging
import PlaneAPI
import SyncCore

/// Evidence met while writing that the run's copy of Plane's metadata is stale (issue 13): each part it
/// points at is read again once, then the items concerned are decided with what Plane says, in the same run.
extension SyncEngine {
    /// The parts of a plan's evidence that need reading again (``MetadataEvidence/unmapped(in:)``): read them
    /// once and plan again with them; values still unmapped are remembered as absent from those parts.
    func replanOnEvidence(
        _ plan: SyncPlan, metadata: PlaneMetadataSource, integration: Integration,
        replan: (PlaneContext) async throws -> SyncPlan
    ) async throws -> (plan: SyncPlan, plane: PlaneContext?) {
        var plan = plan
        var plane: PlaneContext?
        let evidence = MetadataEvidence.unmapped(in: plan)
        if !evidence.isEmpty, !(try await stopOnPlaneFailure({ try await metadata.refresh(evidence) }).isEmpty) {
            let fresh = try await stopOnPlaneFailure {
                try await metadata.context(projects: integration.planeProjectIds)
            }
            plan = try await replan(fresh)
            plane = fresh
        }
        await metadata.recordAbsent(MetadataEvidence.unmapped(in: plan))
        return (plan, plane)
    }

    /// After the plan was applied: labels created join the copy; the parts the executor's evidence points at
    /// are read again (once each); assignees Plane dropped although its list shows them count as inactive and
    /// are reported; the items whose write was refused are decided again with the parts read anew, and
    /// applied. Each round reads at least one part it had not, so it ends within one round per kind.
    func settleMetadata(
        _ retry: MetadataRetry, executor: PlanExecutor, metadata: PlaneMetadataSource, integration: Integration,
        gathered: SyncInput, linkedItems: Int, options: Options
    ) async throws {
        let projects = integration.planeProjectIds
        for _ in 0...MetadataKind.allCases.count {
            for (project, labels) in retry.createdLabels { await metadata.add(labels: labels, project: project) }
            guard !retry.evidence.isEmpty else { return }
            let before = try await metadata.context(projects: projects)
            _ = try await stopOnPlaneFailure { try await metadata.refresh(retry.evidence) }
            var plane = try await stopOnPlaneFailure { try await metadata.context(projects: projects) }
            for drop in retry.dropped {
                try await reportDropped(drop, before: before, now: plane, metadata: metadata, executor: executor)
            }
            plane = try await metadata.context(projects: projects)
            let ids = Set(retry.setAside)
            retry.reset()
            guard !ids.isEmpty else { continue }
            let input = ReconcileInput(
                configuration: integration.configuration, metadata: plane.projects,
                items: gathered.items.filter { ids.contains($0.boardItemId) }, otherLinks: gathered.otherLinks,
                now: options.now(), readComplete: gathered.complete, linkedItemCount: linkedItems,
                ownUserId: plane.ownUserId)
            let plan = try await OwnThread.run { Reconciler.plan(input) }
            logger.info(
                "\(integration.id): \(ids.count) item(s) decided again after reading Plane's metadata anew")
            try await executor.apply(plan)
        }
    }

    /// Plane applied a write without some of its assignees. With the members list read anew: one it no
    /// longer shows, or shows as a guest, is what the list says; one it still shows as assignable is a former
    /// member (Plane lists those too) and counts as inactive until the list is read again. Either way the
    /// item's report says which assignee Plane did not take.
    private func reportDropped(
        _ drop: (action: PlannedAction, project: String, memberIds: [String]), before: PlaneContext,
        now plane: PlaneContext, metadata: PlaneMetadataSource, executor: PlanExecutor
    ) async throws {
        let fresh = plane.projects[drop.project]
        let old = before.projects[drop.project]
        var notes: [PayloadNote] = []
        var inactive: [String] = []
        for id in drop.memberIds {
            let email = fresh?.member(id: id)?.email ?? old?.member(id: id)?.email ?? "Plane user \(id)"
            switch fresh?.member(id: id) {
            case nil: notes.append(.unknownAssignee(email))
            case let member? where member.role < 15: notes.append(.guestAssignee(email))
            case _:
                inactive.append(id)
                notes.append(.inactiveAssignee(email))
            }
        }
        _ = await metadata.markInactive(project: drop.project, memberIds: inactive)
        try await executor.reportDropped(drop.action, notes: notes)
    }
}
