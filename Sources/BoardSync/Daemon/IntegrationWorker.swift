import Essentials
import Foundation
import Logging
import ServiceLifecycle
import SyncCore

/// Serves one integration in the daemon: runs it on its ``WorkerTimetable``, each run under the
/// integration's lease (taken per run, so replicas and a manual resync take turns). Nothing polls: the
/// worker sleeps until its timer fires, the change stream reports an edit of its board projects, it is told
/// to retire, or the daemon shuts down.
struct IntegrationWorker: Sendable {
    enum Wake: Sendable {
        /// An item of the integration's board projects changed.
        case boardChanged
        /// The timer armed with this generation fired (an older one was re-armed since and is ignored).
        case due(Int)
        /// A webhook delivery was stored for the integration.
        case delivered
        /// The integration is no longer this replica's (disabled, deleted, refused, moved to another
        /// replica): stop once the run in flight is done.
        case retire
    }

    /// What a turn runs: the leased run in production, a stand-in in tests.
    struct Runner: Sendable {
        var run: @Sendable (SyncEngine.Mode) async throws -> SyncEngine.Report
        /// Who holds (or last held) the integration's lease.
        var currentLease: @Sendable () async -> LeaseRecord?
        /// How soon to ask again when the lease is held elsewhere.
        var pollEvery: Duration
        /// Acts on the integration's stored webhook deliveries (nil: the daemon receives none).
        var deliveries: (@Sendable () async throws -> DeliveryRun.Outcome)? = nil
        /// Whether a board change waits to be pushed (past the cursor, or a link due for retry).
        var boardPending: (@Sendable () async -> Bool)? = nil
        /// Told when the integration's webhook health is first known and when it changes.
        var health: (@Sendable (WebhookHealth) async -> Void)? = nil
        /// The clock writes and deliveries are timed on (deliveries carry MongoDB-stored wall-clock times).
        var wallClock: @Sendable () -> Date = { Date() }
    }

    /// What the worker knows of the webhook deliveries between turns.
    struct WebhookState: Sendable {
        var echo: EchoWatch
        /// When a run last listed Plane (the daemon's clock).
        var lastListing: Duration?
        var lastDelivery: Date?
    }

    let integrationId: String
    let schedule: DaemonSchedule
    let clock: InjectedClock
    let random: RandomSource
    let stop: RunStop
    let runner: Runner
    let logger: Logger
    /// Told after each run that took the lease: its report, or why it stopped.
    let onRun: @Sendable (Result<SyncEngine.Report, any Error>) -> Void
    let wakes: AsyncStream<Wake>
    /// Where wake-ups are posted: by the board watcher, the timer and the daemon.
    let inbox: AsyncStream<Wake>.Continuation

    init(
        integrationId: String, schedule: DaemonSchedule, clock: InjectedClock, random: RandomSource, stop: RunStop,
        runner: Runner, logger: Logger, onRun: @escaping @Sendable (Result<SyncEngine.Report, any Error>) -> Void
    ) {
        self.integrationId = integrationId
        self.schedule = schedule
        self.clock = clock
        self.random = random
        self.stop = stop
        self.runner = runner
        self.logger = logger
        self.onRun = onRun
        (wakes, inbox) = AsyncStream.makeStream(of: Wake.self)
    }

    func serve() async {
        var timetable = WorkerTimetable(schedule: schedule, now: clock.now())
        var generator = random.generator
        var hooks = WebhookState(echo: EchoWatch(timeout: (schedule.webhooks?.echoTimeout ?? .zero).inSeconds))
        if schedule.webhooks != nil { await tell(hooks) }
        var timer: Task<Void, Never>?
        var generation = 0
        defer {
            timer?.cancel()
            inbox.finish()
        }
        func arm() {
            timer?.cancel()
            generation += 1
            let (clock, inbox, due, deadline) = (clock, inbox, generation, timetable.wakeAt)
            timer = Task {
                do {
                    try await clock.sleep(until: deadline)
                    inbox.yield(.due(due))
                } catch {
                    // Re-armed or retired: a newer timer, or none, takes over.
                }
            }
        }
        arm()
        for await wake in wakes.cancelOnGracefulShutdown() {
            switch wake {
            case .retire:
                return
            case .boardChanged:
                let before = timetable.wakeAt
                timetable.boardChanged(at: clock.now())
                if timetable.wakeAt != before { arm() }
            case .delivered:
                let before = timetable.wakeAt
                timetable.delivered(at: clock.now())
                if timetable.wakeAt != before { arm() }
            case .due(let due):
                guard due == generation else { continue }
                if timetable.takeDeliveries(at: clock.now()) {
                    await actOnDeliveries(&timetable, &hooks)
                    if stop.isRequested || Task.isCancelled { return }
                }
                if let turn = timetable.turn(at: clock.now()) {
                    await take(turn, timetable: &timetable, generator: &generator, hooks: &hooks)
                    if stop.isRequested || Task.isCancelled { return }
                }
                arm()
            }
        }
    }

    private func take(
        _ turn: WorkerTimetable.Turn, timetable: inout WorkerTimetable, generator: inout RandomSource.Generator,
        hooks: inout WebhookState
    ) async {
        let metadata: Logger.Metadata = ["integration": "\(integrationId)", "trigger": "\(turn.trigger.rawValue)"]
        if turn.mode == .incremental, turn.trigger == .timer, await skipsListing(&hooks, timetable: &timetable) {
            _ = timetable.begin(turn)
            logger.debug("nothing to push and webhook deliveries arrive: no listing this tick", metadata: metadata)
            timetable.skipped(at: clock.now(), interval: schedule.nextInterval(using: &generator))
            return
        }
        if let token = timetable.begin(turn), let current = await runner.currentLease(), current.token == token,
            current.releasedAt != nil
        {
            // The holder that was running at the last turn released the lease: it made the run.
            timetable.skipped(at: clock.now(), interval: schedule.nextInterval(using: &generator))
            return
        }
        // Each write is awaited from before the run began: its echo may arrive while the run still goes on.
        let started = runner.wallClock()
        do {
            let report = try await runner.run(turn.mode)
            onRun(.success(report))
            hooks.lastListing = clock.now()
            hooks.echo.wrote(report.planeItemsWritten, at: started)
            logger.info("\(turn.mode.rawValue) done: \(SummaryText.render(report.summary))", metadata: metadata)
            timetable.ran(turn, at: clock.now(), interval: schedule.nextInterval(using: &generator))
        } catch let held as LeaseUnavailable {
            logger.info("waiting: \(held)", metadata: metadata)
            timetable.leaseHeld(turn, at: clock.now(), pollEvery: runner.pollEvery, holder: held.current?.token)
        } catch {
            onRun(.failure(error))
            if stop.isRequested {
                logger.notice("run stopped: \(error)", metadata: metadata)
                return
            }
            logger.error("run failed: \(error)", metadata: metadata)
            timetable.failed(at: clock.now(), interval: schedule.nextInterval(using: &generator))
        }
    }
}
