import Foundation
import MongoDriver
import PlaneAPI
import SyncCore
import SyncReports

/// Applies a plan, action by action, in the plan's order: labels, then items parents first, then deletes.
/// Every Plane write is followed by the link write that records its outcome.
final class PlanExecutor {
    /// What a run hands the executor, built once before it applies anything.
    struct Configuration {
        let client: PlaneClient
        let links: LinkStore
        let externalSource: String
        let now: @Sendable () -> Date
        /// Plane's items as this run listed them: a link to an item that needs no change is saved from these.
        var listed: [String: PlaneWorkItem] = [:]
        /// Where conflicts become approvals; nil records them on the link only.
        var reporter: ConflictReporter?
        /// Items whose link was held in `conflict` when the run read it.
        var held: Set<BoardItemID> = []
        /// The board's `updated_at` of each item read (what `--take-plane` checks before writing it).
        var boardUpdates: [BoardItemID: Date] = [:]
        /// The board's title of each item read, for reports about actions that carry no payload.
        var boardTitles: [BoardItemID: String] = [:]
        /// Kinds of the pending reports when the run began, by board item id: what an outcome may supersede.
        var pendingReports: [String: Set<String>] = [:]
        /// For `resync`: each board item is read again before its Plane write.
        var freshness: BoardFreshness?
        /// Where notable actions go (`board.sync.item.*`).
        var events: EventLog?
        /// Told after each action: actions applied, actions in all, Plane requests the rest is estimated to send.
        var progress: ((_ applied: Int, _ total: Int, _ remainingRequests: Int) -> Void)?
        /// Checked before each action: a lost lease stops the run before its next write.
        var lease: LeaseHandle?
        /// True stops the run between two actions (shutdown); what is left is held for the next run.
        var stopRequested: (@Sendable () -> Bool)?
        /// The links as the run read them, by board item: what a skip's record (``LinkRecord``) builds on.
        var linksRead: [BoardItemID: Link] = [:]
        /// The integration's configuration digest, recorded with each failure and problem.
        var configurationDigest = ""
        /// Where writes refused or trimmed for stale metadata go; nil counts them as the items' failures.
        var metadataRetry: MetadataRetry?
    }

    /// The run's settings; none of them changes while it applies its plan.
    let configuration: Configuration
    // The four used on almost every line, named directly.
    let client: PlaneClient
    let links: LinkStore
    let externalSource: String
    let now: @Sendable () -> Date
    private(set) var summary: RunSummary
    /// Items whose outcome is not settled (an outage stopped the run before them): the cursor stays before them.
    private(set) var unsettled: Set<BoardItemID> = []
    /// The oldest `updated_at` among Plane's answers to this run's writes, by Plane project: the watermark
    /// when the run began with an empty Plane.
    private(set) var oldestWrites: [String: PlaneTimestamp] = [:]
    /// Plane's answer to each item's write (or the item a write found), by board item: the cache's snapshot.
    private(set) var answers: [BoardItemID: PlaneItemSnapshot] = [:]
    /// Plane items a POST or PATCH of this run changed: each should come back as a webhook delivery (its
    /// echo). A link saved from Plane's item without a write (a conflict released, a create found by the
    /// lookup) sends none.
    private(set) var written: Set<String> = []
    /// Items whose link this run removed or unlinked: their snapshots go from the cache.
    private(set) var removedLinks: [BoardItemID] = []
    var createdIds: [BoardItemID: String] = [:]
    var labelIds: [String: [String: String]] = [:]
    /// Why Plane refused to create a label this run, by lowercased name.
    var rejectedLabels: [String: String] = [:]
    /// Several outage failures in a row stop the run (SyncCore's ``OutageBreaker``).
    private var breaker = OutageBreaker()
    /// Kinds of the pending reports, by board item id: the configuration's, as this run's outcomes change them.
    var pendingReports: [String: Set<String>]
    /// Plane items whose actions a stop left undone: the watermark stays before their changes.
    private(set) var heldPlaneItems: Set<String> = []
    /// A stop (SIGTERM, SIGINT) ended the run before the end of its plan.
    private(set) var stoppedEarly = false
    /// How this run's writes moved what each Plane project shows: +1 per item created, −1 per item deleted.
    private(set) var planeWrites: [String: Int] = [:]
    /// Items whose action failed this run.
    private(set) var failedItems: Set<BoardItemID> = []

    init(_ configuration: Configuration, summary: RunSummary) {
        self.configuration = configuration
        self.client = configuration.client
        self.links = configuration.links
        self.externalSource = configuration.externalSource
        self.now = configuration.now
        self.summary = summary
        self.pendingReports = configuration.pendingReports
    }

    func apply(_ plan: SyncPlan) async throws {
        var remainingRequests = plan.actions.reduce(0) { $0 + $1.estimatedWrites + $1.estimatedReads }
        for (index, action) in plan.actions.enumerated() {
            if let stopRequested = configuration.stopRequested, stopRequested() {
                stop(plan, at: index)
                return
            }
            // An unchanged item writes nothing: no lease look-up for it (most items of a resync).
            if action.action != .skip(.unchanged) { try await configuration.lease?.checkBeforeWrite() }
            defer {
                remainingRequests -= action.estimatedWrites + action.estimatedReads
                configuration.progress?(index + 1, plan.actions.count, remainingRequests)
            }
            do {
                let requestsBefore = client.stats.total
                try await apply(action)
                try await updateReports(after: action)
                // Only an answered Plane call shows Plane is back; skips in between prove nothing.
                if client.stats.total > requestsBefore { breaker.answered() }
            } catch let error as PlaneAPIError {
                let failure = ItemFailure(error)
                switch failure.failureClass {
                case .configuration:
                    throw RunStopped(kind: .configuration, reason: failure.reason)
                case .outage:
                    if let id = action.boardItemId { unsettled.insert(id) }
                    summary.stoppedBecause =
                        "Plane failed on some writes (\(failure.reason)); those items are retried next run"
                    if breaker.failed() {
                        hold(plan.actions[(index + 1)...])
                        throw RunStopped(kind: .outage, reason: failure.reason)
                    }
                case .item:
                    // Refused for a state, label or member the run's copy of Plane's metadata holds: decided
                    // again once that copy is read anew, not charged an attempt.
                    if configuration.metadataRetry?.setsAside(action, error) == true { break }
                    try await recordFailure(action, reason: failure.reason)
                }
            } catch let problem as ExecutionProblem {
                try await recordFailure(action, reason: problem.reason)
                if let label = problem.label { try await reportRejectedLabel(action, label, reason: problem.reason) }
            } catch is CancellationError {
                // A stop cut a wait before a Plane request of this action: nothing of it was sent after that,
                // and what it wrote before is what a crash there would leave (a `creating` link is settled
                // by the lookup next run). It is held with the rest.
                stop(plan, at: index)
                return
            } catch let error as MongoError where error.code == .duplicateKey {
                // A link may not take a Plane item another link holds: the item's own problem, not the run's.
                try await recordFailure(action, reason: try await linkClash(action))
            }
        }
    }

    private func stop(_ plan: SyncPlan, at index: Int) {
        stoppedEarly = true
        hold(plan.actions[index...])
        summary.stoppedBecause =
            "asked to stop after \(index) of \(plan.actions.count) actions; the rest is taken next run"
    }

    /// Actions left undone: the cursor stays before their board items, the watermark before their Plane items.
    private func hold(_ rest: ArraySlice<PlannedAction>) {
        for action in rest {
            if let id = action.boardItemId { unsettled.insert(id) }
            if let planeId = action.planeItemId { heldPlaneItems.insert(planeId) }
        }
    }

    private func apply(_ planned: PlannedAction) async throws {
        if let freshness = configuration.freshness, let id = planned.boardItemId, planned.action.writesPlane,
            !(try await freshness.isUnchanged(id))
        {
            summary.add(.skipped)
            summary.problems.append("Board item \(id) changed while the plan was shown; the next sync takes it")
            return
        }
        switch planned.action {
        case .createLabel(let name):
            guard let project = planned.planeProjectId else { return }
            let label = try await client.createOrGetLabel(project: project, PlaneLabelCreate(name: name))
            labelIds[project, default: [:]][name.lowercased()] = label.id
            if label.created {
                summary.add(planned.runCount)
                configuration.metadataRetry?.labelCreated(
                    SyncCore.PlaneLabel(id: label.id, name: name), project: project)
            } else {
                configuration.metadataRetry?.labelMet(project: project)
            }
        case .create(let payload):
            try await create(planned, payload)
            summary.add(planned.runCount)
        case .recreate(_, let payload):
            try await create(planned, payload)
            summary.add(planned.runCount)
            try await event(.itemRecreated, planned)
        case .settleCreating(let payload):
            if try await adoptExisting(planned, payload) {
                summary.add(.adopted)
            } else {
                try await create(planned, payload)
                summary.add(planned.runCount)
            }
        case .update(let changes, let overwritten):
            try await patch(planned, changes)
            summary.add(planned.runCount)
            if !overwritten.isEmpty { summary.overwritten.append(planned.message) }
        case .adopt(let changes), .relink(_, let changes):
            try await patch(planned, changes)
            summary.add(planned.runCount)
        case .delete:
            try await delete(planned)
            summary.add(planned.runCount)
            try await event(.itemDeleted, planned)
        case .unlink(let reason):
            if let id = planned.boardItemId {
                try await links.setState(id, .unlinked, note: "\(reason)", now: now())
                removedLinks.append(id)
            }
            summary.add(planned.runCount)
        case .conflict(let conflict):
            // The approval first: a link held in `conflict` without its approval would be stuck unseen.
            if let id = planned.boardItemId {
                try await configuration.reporter?.titled(configuration.boardTitles[id]).report(
                    conflict: conflict, planned, boardUpdatedAt: configuration.boardUpdates[id], now: now())
            }
            if let id = planned.boardItemId {
                // With no link yet (links lost, adoption held), the conflict is recorded on a new one.
                try await links.markConflict(
                    id, planeProjectId: planned.planeProjectId, planeItemId: planned.planeItemId,
                    note: planned.message, now: now())
            }
            try await event(.itemConflict, planned)
            summary.add(planned.runCount)
            summary.problems.append(planned.message)
        case .skip(let reason):
            try await skip(planned, reason)
        }
    }

    private func patch(_ planned: PlannedAction, _ changes: [FieldChange]) async throws {
        guard let id = planned.boardItemId, let project = planned.planeProjectId, let planeId = planned.planeItemId
        else { return }
        var changes = changes
        var payload = planned.payload
        if let planned = payload, !planned.missingLabels.isEmpty {
            // Labels created this run join the labels the change sends (or, when the plan changes no
            // label, the item's current ones): labels people added in Plane stay.
            let resolved = try resolve(planned)
            payload = resolved
            let created = Set(resolved.values.labelIds).subtracting(planned.values.labelIds)
            var current: [String]
            if let change = changes.first(where: { $0.field == .labels }), case .list(let labels) = change.new {
                current = labels
            } else if let known = configuration.listed[planeId] {
                current = known.labels?.map(\.id) ?? []
            } else {
                current = try await client.workItem(project: project, id: planeId).labels?.map(\.id) ?? []
            }
            current += created.filter { !current.contains($0) }.sorted()
            changes.removeAll { $0.field == .labels }
            changes.append(FieldChange(field: .labels, old: .null, new: .list(current)))
        }
        let item: PlaneWorkItem
        if changes.isEmpty, let known = configuration.listed[planeId] {
            item = known
        } else if changes.isEmpty {
            item = try await client.workItem(project: project, id: planeId)
        } else {
            item = try await client.updateWorkItem(project: project, id: planeId, PlaneConversion.patch(changes))
            written.insert(item.id)
            CrashPoint.hit(.afterPatch)
            if let change = changes.first(where: { $0.field == .assignees }), case .list(let sent) = change.new {
                configuration.metadataRetry?.dropped(
                    planned, project: project, sent: sent, answered: item.assignees?.map(\.id) ?? [])
            }
        }
        createdIds[id] = item.id
        try await save(planned, payload: payload, item: item)
    }

    private func delete(_ planned: PlannedAction) async throws {
        if let project = planned.planeProjectId, let planeId = planned.planeItemId {
            do {
                try await client.deleteWorkItem(project: project, id: planeId)
                planeWrites[project, default: 0] -= 1
            } catch let error as PlaneAPIError where error.code == .notFound {
                // Already gone: the delete's goal is met.
            }
        }
        if let id = planned.boardItemId, case .delete(let reason) = planned.action {
            if case .movedToAnotherProject = reason { return }  // the create that follows rewrites the link
            if case .duplicate = reason { return }  // the link stays on the kept item
            try await links.remove(id)
            removedLinks.append(id)
        }
    }

    private func skip(_ planned: PlannedAction, _ reason: SkipReason) async throws {
        summary.add(reason.runCount)
        let link = planned.boardItemId.flatMap { configuration.linksRead[$0] }
        switch reason {
        case .noEffectiveChange:
            if let id = planned.boardItemId, let fingerprint = planned.inputFingerprint {
                try await links.saveFingerprint(id, inputFingerprint: fingerprint, now: now())
            }
        case .itemProblem, .waitingForLabels:
            summary.problems.append(planned.message)
        default:
            break
        }
        if let id = planned.boardItemId, UndecidedPlaneChange.clearsMark(planned.action, link: link) {
            try await links.clearUndecidedPlaneChange(id, now: now())
        }
        if reason.holdsCursor, let id = planned.boardItemId { unsettled.insert(id) }
        // Why an in-scope item is not mirrored is kept on its link (or its record cleared, or forgotten).
        guard let id = planned.boardItemId,
            let record = LinkRecord.after(
                planned, link: link, now: now(), configurationDigest: configuration.configurationDigest)
        else { return }
        try await links.apply(record, id, planeProjectId: planned.planeProjectId ?? link?.planeProjectId, now: now())
    }

    /// A POST of this run made an item in the project.
    func created(_ item: PlaneWorkItem, in project: String) {
        planeWrites[project, default: 0] += 1
        written.insert(item.id)
    }

    func save(_ planned: PlannedAction, payload: DesiredPayload?, item: PlaneWorkItem) async throws {
        let project = payload?.planeProjectId ?? planned.planeProjectId ?? item.project?.id ?? ""
        if let updated = item.updatedAt, oldestWrites[project].map({ updated < $0 }) ?? true {
            oldestWrites[project] = updated
        }
        guard let id = planned.boardItemId else { return }
        let snapshot = PlaneConversion.snapshot(of: item, project: project)
        answers[id] = snapshot
        try await links.saveSynced(
            id, planeProjectId: project, item: snapshot, sequenceId: item.sequenceID,
            ownedLabelIds: payload?.values.labelIds ?? snapshot.values.labelIds,
            inputFingerprint: planned.inputFingerprint,
            remoteUpdatedAt: item.updatedAt?.description, now: now())
    }

    private func event(_ subject: EventLog.Subject, _ planned: PlannedAction, reason: String? = nil) async throws {
        try await configuration.events?.record(
            subject, boardItemId: planned.boardItemId?.externalId, planeItemId: planned.planeItemId,
            details: ["message": .string(reason ?? planned.message)], now: now())
    }

    /// Why a link write was refused by the unique index on the Plane id: names the item that holds it.
    private func linkClash(_ planned: PlannedAction) async throws -> String {
        let planeId = planned.boardItemId.flatMap { createdIds[$0] } ?? planned.planeItemId
        let holder = try await planeId.asyncMap { try await links.boardItem(mirroredTo: $0) } ?? nil
        return "its Plane item \(planeId ?? "?") is already linked to board item "
            + "\(holder.map(\.description) ?? "another item") (one external id for two board items?); "
            + "rename one of them on the board"
    }

    private func recordFailure(_ planned: PlannedAction, reason: String) async throws {
        if case .createLabel(let name) = planned.action { rejectedLabels[name.lowercased()] = reason }
        try await event(.itemFailed, planned, reason: reason)
        summary.add(.failed)
        if let id = planned.boardItemId { failedItems.insert(id) }
        summary.problems.append("\(planned.boardItemId.map { "board item \($0)" } ?? "label"): \(reason)")
        guard let id = planned.boardItemId, let project = planned.planeProjectId ?? planned.payload?.planeProjectId
        else {
            return
        }
        let existing = try await links.links(for: [id])[id]
        let attempts = (existing?.attempts ?? 0) + 1
        let next = Backoff.nextAttempt(after: attempts, now: now())
        try await links.recordFailure(
            id, planeProjectId: project, error: reason, attempts: attempts, nextAttemptAt: next,
            failedInput: planned.inputFingerprint, failedConfiguration: configuration.configurationDigest, now: now())
        try await reportFailing(planned, reason: reason, attempts: attempts, nextAttemptAt: next)
    }

}

/// An action that cannot be carried out for a reason of its own (not Plane's): the item's failure.
struct ExecutionProblem: Error {
    var reason: String
    /// The label Plane would not create, when that is the reason.
    var label: String? = nil
}

extension Optional {
    fileprivate func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}

extension PlanExecutor {
    /// A write Plane applied without some assignees it sent (``SyncEngine/settleMetadata``): a value Plane
    /// does not take, reported on the item.
    func reportDropped(_ planned: PlannedAction, notes: [PayloadNote]) async throws {
        guard let id = planned.boardItemId, !notes.isEmpty else { return }
        let message = notes.map { $0.message(for: id) }.joined(separator: " ")
        summary.problems.append(message)
        guard let reporter = configuration.reporter else { return }
        var reported = planned
        if let created = createdIds[id] { reported.planeItemId = created }
        try await reporter.titled(planned.payload?.values.name ?? configuration.boardTitles[id]).report(
            .unmappableValue, reported, message: message, boardUpdatedAt: configuration.boardUpdates[id], now: now())
        pendingReports[id.externalId, default: []].insert(ReportKind.unmappableValue.rawValue)
    }
}
