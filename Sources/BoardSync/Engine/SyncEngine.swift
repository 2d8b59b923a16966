import Foundation
import Logging
import MongoDriver
import PlaneAPI
import SyncCache
import SyncCore
import SyncReports

/// One run of one integration: read Plane's recent changes first (so a hand edit is known before anything
/// is pushed), then the board from the cursor, reconcile in SyncCore, apply, checkpoint (docs/architecture.md, "How a sync decides").
public struct SyncEngine: Sendable {
    public enum Mode: String, Sendable {
        /// Plane's changes since the watermark and the board's since the cursor.
        case incremental = "sync"
        /// Both sides whole.
        case full = "resync"
    }

    /// What a run produced: the plan it made and what applying it did.
    public struct Report: Sendable {
        public var plan: SyncPlan
        public var summary: RunSummary
        public var boardProblems: [BoardReadProblem]
    }

    public let database: MongoDatabase
    /// The local SQLite cache (metadata, a copy of the checkpoint, run history); nil runs without one.
    public let cache: SyncCache?
    public let logger: Logger

    public init(database: MongoDatabase, cache: SyncCache? = nil, logger: Logger = Logger(label: "boardsync")) {
        self.database = database
        self.cache = cache
        self.logger = logger
    }

    public func run(_ integration: Integration, options: Options) async throws -> Report {
        let startedAt = options.now()
        let events =
            options.dryRun
            ? nil
            : EventLog(
                database: database, integrationId: integration.id, runId: options.recordedRunId ?? BSONObjectId().hex)
        if options.recordedRunId == nil {
            try await events?.record(.runStarted, details: ["mode": .string(options.mode.rawValue)], now: startedAt)
        }
        do {
            let report = try await perform(integration, options: options, events: events)
            await recordRun(report.summary, startedAt: startedAt, stopped: nil)
            if !report.summary.dryRun {
                try await events?.record(.runCompleted, details: EventLog.details(report.summary), now: options.now())
            }
            return report
        } catch let failure as RunFailure {
            await recordRun(failure.summary, startedAt: startedAt, stopped: failure.stopped)
            var details = EventLog.details(failure.summary)
            details["reason"] = .string(failure.stopped.description)
            try? await events?.record(.runFailed, details: details, now: options.now())
            throw failure
        }
    }

    private func perform(_ integration: Integration, options: Options, events: EventLog?) async throws -> Report {
        let started = ContinuousClock.now
        let client = try makeClient(integration, options: options)
        let links = LinkStore(database: database, integrationId: integration.id, leaseToken: options.lease?.token)
        var summary = RunSummary(integration: integration.id, mode: options.mode.rawValue)
        summary.dryRun = options.dryRun
        let read: (plane: PlaneContext, gathered: SyncInput, metadataReads: Int)
        do {
            let plane = try await planeContext(integration, client: client, now: options.now())
            let metadataReads = client.stats.reads
            let gathered = try await stopOnPlaneFailure {
                try await SyncInputGatherer(
                    integration: integration, client: client, board: BoardReader(database: database), links: links,
                    options: options
                ).gather()
            }
            read = (plane, gathered, metadataReads)
        } catch let stopped as RunStopped {
            // Stopped before any write: the summary says why, like a stop in the middle.
            summary.stoppedBecause = stopped.description
            finish(&summary, client: client, metadataReads: client.stats.reads, started: started)
            throw RunFailure(summary: summary, stopped: stopped)
        }
        let (plane, gathered, metadataReads) = read
        let linkedItems = try await links.linkedCount()
        let input = ReconcileInput(
            configuration: integration.configuration, metadata: plane.projects, items: gathered.items,
            otherLinks: gathered.otherLinks, now: options.now(), readComplete: gathered.complete,
            linkedItemCount: linkedItems, ownUserId: plane.ownUserId)
        let plan = Reconciler.plan(input)
        summary.problems += gathered.boardProblems.map(\.description)
        summary.failed += gathered.boardProblems.count
        if let blocked = plan.blocked { summary.stoppedBecause = blocked }

        if !options.dryRun, let approve = options.approve, !(await approve(plan, linkedItems)) {
            summary.dryRun = true
        }
        if !summary.dryRun {
            let executor = PlanExecutor(
                client: client, links: links, externalSource: integration.externalSource, summary: summary,
                now: options.now)
            executor.listed = gathered.planeWorkItems
            executor.lease = options.lease
            executor.stopRequested = options.stopRequested
            let reporter = ConflictReporter(
                store: ApprovalStore(database: database, leaseToken: options.lease?.token), integration: integration)
            executor.reporter = reporter
            executor.events = events
            executor.held = Set(gathered.items.filter { $0.link?.state == .conflict }.map(\.boardItemId))
            executor.boardUpdates = gathered.boardUpdates
            for item in gathered.items {
                if case .live(let board) = item.board, let title = board.title {
                    executor.boardTitles[item.boardItemId] = title
                }
            }
            executor.pendingReports = try await reporter.store.pendingKinds(integrationId: integration.id)
            try await reportUnreadable(gathered.boardProblems, reporter: reporter, now: options.now())
            if let report = options.progress {
                let perRequest = integration.rateLimit.period.seconds / Double(max(1, integration.rateLimit.requests))
                executor.progress = { applied, total, remaining in
                    report(
                        SyncProgress(
                            integration: integration.id, applied: applied, total: total,
                            remainingRequests: remaining, secondsPerRequest: perRequest))
                }
            }
            if options.mode == .full {
                executor.freshness = BoardFreshness(
                    reader: BoardReader(database: database), planned: gathered.boardUpdates)
            }
            do {
                try await executor.apply(plan)
                await afterApplying(plan, integration)
                summary = executor.summary
                CrashPoint.hit(.beforeCheckpoint)
                // One item (`resync --item`) read no other board item and decided no other Plane change.
                if options.onlyItem == nil {
                    // A holder that lost the lease must not move the checkpoint under the new one.
                    try await options.lease?.checkBeforeWrite()
                    try await saveCheckpoint(
                        integration, gathered: gathered, unsettled: executor.unsettled,
                        heldPlaneItems: executor.heldPlaneItems, oldestWrite: executor.oldestWrite, now: options.now())
                }
            } catch let stopped as RunStopped {
                summary = executor.summary
                summary.stoppedBecause = stopped.description
                finish(&summary, client: client, metadataReads: metadataReads, started: started)
                throw RunFailure(summary: summary, stopped: stopped)
            }
        } else {
            summary.count(plan)
        }
        finish(&summary, client: client, metadataReads: metadataReads, started: started)
        return Report(plan: plan, summary: summary, boardProblems: gathered.boardProblems)
    }

    /// Board documents that cannot be read (an `updated_at` that is not a date, a field of the wrong type).
    private func reportUnreadable(_ problems: [BoardReadProblem], reporter: ConflictReporter, now: Date) async throws {
        for problem in problems {
            let id = BoardItemID.objectId(hex: problem.boardItemId) ?? .string(problem.boardItemId)
            try await reporter.report(
                .cannotMirror,
                PlannedAction(boardItemId: id, planeProjectId: nil, planeItemId: nil, action: .skip(.neverMirrored)),
                message:
                    "Board item \(problem.boardItemId) cannot be read: \(problem.reason). Fix the document on the board.",
                boardUpdatedAt: nil, now: now)
        }
    }

    func makeClient(_ integration: Integration, options: Options) throws -> PlaneClient {
        let configuration = PlaneClientConfiguration(
            baseURL: integration.apiRoot, apiKey: try integration.apiKey(), workspaceSlug: integration.workspaceSlug,
            rateLimit: integration.rateLimit, rateReserve: integration.rateReserve,
            requestTimeout: options.requestTimeout, retry: options.retry,
            writeHeaders: options.lease.map { ["X-BoardSync-Lease": $0.token] } ?? [:], userAgent: "BoardSync")
        if let lease = options.lease {
            let transport = LeaseGuardedTransport(base: options.transport ?? URLSessionTransport(), lease: lease)
            return PlaneClient(configuration: configuration, transport: transport, logger: logger)
        }
        return PlaneClient(configuration: configuration, transport: options.transport, logger: logger)
    }

    /// Reads the checkpoint forward: the cursor to the newest board update read (or to just before the
    /// oldest item left unsettled by an outage), the watermark to Plane's newest `updated_at` seen.
    private func saveCheckpoint(
        _ integration: Integration, gathered: SyncInput, unsettled: Set<BoardItemID>, heldPlaneItems: Set<String>,
        oldestWrite: PlaneTimestamp?, now: Date
    ) async throws {
        var cursor = gathered.newestBoardUpdate ?? integration.checkpoint.cursor
        let held = gathered.boardUpdates.filter { unsettled.contains($0.key) }.map(\.value).min()
        if let held { cursor = min(cursor ?? held, held) }
        var newest = gathered.newestPlaneUpdate ?? oldestWrite
        var undecidedPlaneChange = gathered.undecidedPlaneChange
        // Plane changes of items a stopped run did not reach stay after the watermark, to be read again.
        for id in heldPlaneItems {
            guard let micros = gathered.planeWorkItems[id]?.updatedAt?.microsecondsSinceEpoch else { continue }
            undecidedPlaneChange = min(undecidedPlaneChange ?? micros, micros)
        }
        if let undecided = undecidedPlaneChange, let seen = newest, undecided <= seen.microsecondsSinceEpoch {
            newest = PlaneTimestamp(microsecondsSinceEpoch: undecided - 1, utcOffsetSeconds: seen.utcOffsetSeconds)
        }
        let watermark = newest?.description ?? integration.checkpoint.remoteWatermark
        try await database.collection(CollectionNames.integrations).updateOne(
            ["_id": .string(integration.id)],
            [
                "$set": [
                    "sync_state.cursor": cursor.map(BSONValue.date) ?? .null,
                    "sync_state.remote_watermark": watermark.map(BSONValue.string) ?? .null,
                    "sync_state.last_success_at": .date(now),
                ]
            ])
        await copyCheckpoint(integration.id, cursor: cursor, watermark: watermark, now: now)
    }

    private func finish(
        _ summary: inout RunSummary, client: PlaneClient, metadataReads: Int, started: ContinuousClock.Instant
    ) {
        let stats = client.stats
        summary.api.reads = stats.reads
        summary.api.writes = stats.writes
        summary.api.throttled = stats.throttled
        summary.api.metadataReads = metadataReads
        summary.rateWaitSeconds =
            Double(stats.budgetWait.components.seconds)
            + Double(stats.budgetWait.components.attoseconds) / 1e18
        let elapsed = ContinuousClock.now - started
        summary.durationSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    func stopOnPlaneFailure<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as PlaneAPIError {
            switch ItemFailure(error) {
            case .configuration(let reason): throw RunStopped(kind: .configuration, reason: reason)
            case .outage(let reason): throw RunStopped(kind: .outage, reason: reason)
            case .item(let reason):
                // Reads of metadata and listings that fail for a reason of their own (a 404 from a wrong
                // base_url, say) are the integration's problem, not an outage.
                throw RunStopped(
                    kind: .configuration, reason: "\(reason). Check base_url and the projects of the integration.")
            }
        }
    }
}
