import Essentials
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
        /// How the run ended: its exit code on the command line and in the run history alike.
        public var outcome: RunOutcome
        /// Plane items this run created or changed (their webhook deliveries are the echoes ``EchoWatch`` awaits).
        public var planeItemsWritten: [String] = []
    }

    public let database: MongoDatabase
    /// The local SQLite cache (Plane's metadata, a copy of the checkpoint, item snapshots, run history);
    /// nil runs without one.
    public let cache: SyncCache?
    /// How long Plane's metadata is used from the cache (evidence of staleness reads it sooner).
    public let metadataTTL: Duration
    public let logger: Logger

    public init(
        database: MongoDatabase, cache: SyncCache? = nil, metadataTTL: Duration = .seconds(600),
        logger: Logger
    ) {
        self.database = database
        self.cache = cache
        self.metadataTTL = metadataTTL
        self.logger = logger
    }

    public func run(_ integration: Integration, options: Options) async throws -> Report {
        let startedAt = options.now()
        let cache = runCache(integration)
        let events =
            options.dryRun
            ? nil
            : EventLog(
                database: database, integrationId: integration.id, runId: options.recordedRunId ?? BSONObjectId().hex)
        if options.recordedRunId == nil {
            try await events?.record(.runStarted, details: ["mode": .string(options.mode.rawValue)], now: startedAt)
        }
        do {
            let report = try await perform(integration, options: options, events: events, cache: cache)
            await recordRun(report.summary, startedAt: startedAt, outcome: report.outcome, cache: cache)
            if !report.summary.dryRun {
                var details = EventLog.details(report.summary)
                details["exit_code"] = .int32(report.outcome.exitCode)
                if report.outcome == .stoppedBySignal {
                    details["reason"] = .string(report.summary.stoppedBecause ?? "asked to stop")
                    try await events?.record(.runFailed, details: details, now: options.now())
                } else {
                    try await events?.record(.runCompleted, details: details, now: options.now())
                }
            }
            return report
        } catch let failure as RunFailure {
            await recordRun(failure.summary, startedAt: startedAt, outcome: failure.outcome, cache: cache)
            var details = EventLog.details(failure.summary)
            details["reason"] = .string(failure.stopped.description)
            details["exit_code"] = .int32(failure.outcome.exitCode)
            try? await events?.record(.runFailed, details: details, now: options.now())
            throw failure
        }
    }

    private func perform(_ integration: Integration, options: Options, events: EventLog?, cache: RunCache?)
        async throws -> Report
    {
        let started = ContinuousClock.now
        let client = try makeClient(integration, options: options)
        let links = LinkStore(database: database, integrationId: integration.id, leaseToken: options.lease?.token)
        var summary = RunSummary(integration: integration.id, mode: options.mode.rawValue)
        summary.dryRun = options.dryRun
        let metadata = metadataSource(integration, client: client, cache: cache, now: options.now)
        let planned: Planned
        do {
            planned = try await readAndPlan(
                integration, client: client, links: links, metadata: metadata, cache: cache, options: options)
        } catch let stopped as RunStopped {
            // Stopped before any write: the summary says why, like a stop in the middle.
            summary.stoppedBecause = stopped.description
            finish(&summary, client: client, metadataReads: metadata.reads, started: started)
            throw RunFailure(summary: summary, stopped: stopped)
        }
        let (gathered, plan, linkedItems) = (planned.gathered, planned.plan, planned.linkedItems)
        summary.boardPass = planned.boardPass?.rawValue
        summary.problems += gathered.boardProblems.map(\.description)
        summary.add(.failed, gathered.boardProblems.count)
        summary.problems += gathered.planeUnreadable.map {
            "Board item \($0.id): its Plane item had to be read by id and Plane refused it (\($0.reason)); nothing "
                + "was decided or written for it, and the next run tries again. If this repeats, open the item in "
                + "Plane (it may have been moved, archived or made private)"
        }
        summary.add(.failed, gathered.planeUnreadable.count)
        let updates = plan.summary.count(.update)
        if planned.boardPass == .configurationChanged, linkedItems >= 20,
            Double(updates) > Double(linkedItems) * PlanText.massRewriteShare
        {
            summary.warnings.append(
                "the integration document changed: \(updates) of \(linkedItems) mirrored items are rewritten; "
                    + "if the mapping change was not meant to alter them, stop the worker and fix the mapping")
        }
        if let warning = ClockSkew.warning(gathered.skewed, serverNow: gathered.serverNow) {
            summary.warnings.append(warning)
            logger.warning("\(warning)")
        }
        if let blocked = plan.blocked { summary.stoppedBecause = blocked }
        var stoppedBySignal = false
        var written: [String] = []

        if !options.dryRun, let approve = options.approve, !(await approve(plan, linkedItems)) {
            summary.dryRun = true
        }
        if !summary.dryRun {
            let reporter = ConflictReporter(
                store: ApprovalStore(database: database, leaseToken: options.lease?.token), integration: integration)
            let retry = MetadataRetry(wasRead: { metadata.wasRead($0, project: $1) })
            var setup = PlanExecutor.Configuration(
                client: client, links: links, externalSource: integration.externalSource, now: options.now)
            setup.listed = gathered.planeWorkItems
            setup.lease = options.lease
            setup.stopRequested = options.stopRequested
            setup.reporter = reporter
            setup.events = events
            setup.held = Set(gathered.items.filter { $0.link?.state == .conflict }.map(\.boardItemId))
            for item in gathered.items { setup.linksRead[item.boardItemId] = item.link }
            setup.configurationDigest = Fingerprint.configuration(integration.configuration)
            setup.boardUpdates = gathered.boardUpdates
            for item in gathered.items {
                if case .live(let board) = item.board, let title = board.title {
                    setup.boardTitles[item.boardItemId] = title
                }
            }
            setup.pendingReports = try await reporter.store.pendingKinds(integrationId: integration.id)
            setup.metadataRetry = retry
            try await reportUnreadable(gathered.boardProblems, reporter: reporter, now: options.now())
            if let report = options.progress {
                let perRequest = integration.rateLimit.period.inSeconds / Double(max(1, integration.rateLimit.requests))
                setup.progress = { applied, total, remaining in
                    report(
                        SyncProgress(
                            integration: integration.id, applied: applied, total: total,
                            remainingRequests: remaining, secondsPerRequest: perRequest))
                }
            }
            if options.mode == .full {
                setup.freshness = BoardFreshness(
                    reader: BoardReader(database: database), planned: gathered.boardUpdates)
            }
            let executor = PlanExecutor(setup, summary: summary)
            do {
                let adopted = try await applyTitleAdoption(
                    plan, client: client, links: links, integration: integration, options: options)
                try await executor.apply(adopted.plan)
                try await settleMetadata(
                    retry, executor: executor, metadata: metadata, integration: integration, gathered: gathered,
                    linkedItems: linkedItems, options: options)
                summary = executor.summary
                written = executor.written.sorted()
                summary.problems += adopted.problems
                stoppedBySignal = executor.stoppedEarly
                CrashPoint.hit(.beforeCheckpoint)
                // One item (`resync --item`) read no other board item and decided no other Plane change.
                if !options.scoped {
                    // A holder that lost the lease must not move the checkpoint under the new one.
                    try await options.lease?.checkBeforeWrite()
                    // Plane changes listed and not decided: marked on their links, or the watermark waits.
                    var gathered = gathered
                    let notDone = executor.unsettled.union(executor.failedItems)
                    try await links.markUndecidedPlaneChanges(
                        gathered.keepUndecided(plan, notDone: notDone), now: options.now())
                    try await saveCheckpoint(
                        integration, gathered: gathered,
                        unsettled: executor.unsettled.union(gathered.planeUnreadable.map(\.id)),
                        heldPlaneItems: executor.heldPlaneItems, writes: executor.oldestWrites,
                        boardPass: planned.wholeBoard, cache: cache, now: options.now())
                    try await savePlaneCounts(
                        integration, gathered: gathered, links: links, writes: executor.planeWrites,
                        unsettled: executor.unsettled.union(executor.failedItems))
                }
                await keepSnapshots(
                    gathered, answers: executor.answers, removed: executor.removedLinks, cache: cache,
                    now: options.now())
            } catch let stopped as RunStopped {
                summary = executor.summary
                summary.stoppedBecause = stopped.description
                finish(&summary, client: client, metadataReads: metadata.reads, started: started)
                throw RunFailure(summary: summary, stopped: stopped)
            }
        } else {
            summary.count(plan)
        }
        finish(&summary, client: client, metadataReads: metadata.reads, started: started)
        let outcome: RunOutcome =
            stoppedBySignal
            ? .stoppedBySignal : .completed(failedItems: summary.failed, heldBack: summary.stoppedBecause != nil)
        return Report(
            plan: plan, summary: summary, boardProblems: gathered.boardProblems, outcome: outcome,
            planeItemsWritten: written)
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
            let transport = LeaseGuardedTransport(base: Self.uninterrupted(options.transport), lease: lease)
            return PlaneClient(configuration: configuration, transport: transport, logger: logger)
        }
        return PlaneClient(
            configuration: configuration, transport: Self.uninterrupted(options.transport), logger: logger)
    }

    private func finish(
        _ summary: inout RunSummary, client: PlaneClient, metadataReads: Int, started: ContinuousClock.Instant
    ) {
        let stats = client.stats
        summary.api.reads = stats.reads
        summary.api.writes = stats.writes
        summary.api.throttled = stats.throttled
        summary.api.metadataReads = metadataReads
        summary.rateWaitSeconds = stats.budgetWait.inSeconds
        summary.durationSeconds = (ContinuousClock.now - started).inSeconds
    }

    func stopOnPlaneFailure<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch is CancellationError {
            // Asked to stop (SIGTERM, SIGINT) while reading: nothing was written yet.
            throw RunStopped(
                kind: .stopped,
                reason: "asked to stop (SIGTERM or SIGINT) while reading; nothing was written, the next run starts "
                    + "from the same checkpoint")
        } catch let error as PlaneAPIError {
            let failure = ItemFailure(error)
            let reason = failure.reason
            switch failure.failureClass {
            case .configuration: throw RunStopped(kind: .configuration, reason: reason)
            case .outage: throw RunStopped(kind: .outage, reason: reason)
            case .item:
                // Reads of metadata and listings that fail for a reason of their own (a 404 from a wrong
                // base_url, say) are the integration's problem, not an outage.
                throw RunStopped(
                    kind: .configuration, reason: "\(reason). Check base_url and the projects of the integration.")
            }
        }
    }
}
