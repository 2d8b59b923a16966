import Logging
import MongoDriver

/// Serves one integration in the daemon: syncs it on the schedule and when the change stream fires,
/// each run under the integration's lease (taken per run, so replicas and a manual resync take turns).
struct IntegrationWorker: Sendable {
    let integration: Integration
    let leasedRun: LeasedRun
    let schedule: DaemonSchedule
    let stop: RunStop
    let logger: Logger
    let makeOptions: @Sendable (Integration, SyncEngine.Mode) -> SyncEngine.Options
    let onRun: (@Sendable (Integration, Result<SyncEngine.Report, any Error>) -> Void)?

    var database: MongoDatabase { leasedRun.engine.database }

    func serve() async {
        let trigger = SyncTrigger()
        let watcher = BoardWatcher(
            database: database, boardProjects: Set(integration.projects.map(\.boardProjectId)), trigger: trigger,
            maxAwait: schedule.maxAwait, logger: logger)
        let saved = try? await database.collection(CollectionNames.integrations).findOne(
            ["_id": .string(integration.id)])?.value(at: "sync_state.resume_token")?.documentValue
        await withTaskGroup(of: Void.self) { group in
            if schedule.watch { group.addTask { _ = await watcher.run(resumingAfter: saved) } }
            await loop(trigger: trigger, watcher: watcher)
            group.cancelAll()
        }
    }

    private func loop(trigger: SyncTrigger, watcher: BoardWatcher) async {
        let clock = ContinuousClock()
        var random = SystemRandomNumberGenerator()
        var nextDue = clock.now
        var nextFull = clock.now + schedule.fullEvery
        // The token of the holder that made this worker skip a timer turn: if that holder then releases the
        // lease, it made the run and this turn is skipped; if the lease expires instead, its holder died and
        // this worker takes over.
        var skippedFor: String?
        while !stop.isRequested, !Task.isCancelled {
            var triggered = false
            while !stop.isRequested, !Task.isCancelled, clock.now < nextDue {
                if trigger.consume() {
                    triggered = true
                    break
                }
                try? await Task.sleep(for: .milliseconds(50))
            }
            if triggered {
                // A burst of edits makes one run.
                try? await Task.sleep(for: schedule.debounce)
                _ = trigger.consume()
            }
            if stop.isRequested || Task.isCancelled { break }
            if !triggered, let token = skippedFor {
                skippedFor = nil
                let current = try? await leasedRun.keeper.store.current(integration.id)
                if let current, current.token == token, current.releasedAt != nil {
                    nextDue = min(clock.now + schedule.nextInterval(using: &random), nextFull)
                    continue
                }
            }
            let mode: SyncEngine.Mode = clock.now >= nextFull ? .full : .incremental
            do {
                let (stop, makeOptions, leasedRun) = (self.stop, self.makeOptions, self.leasedRun)
                let (id, resumeToken) = (integration.id, watcher.resumeToken)
                // A stop cancels the run: a wait on the rate budget ends at once, the action in flight is done.
                let report = try await stop.run {
                    try await leasedRun.run(id, mode: mode, wait: false, resumeToken: resumeToken) { integration in
                        var options = makeOptions(integration, mode)
                        options.stopRequested = { stop.isRequested }
                        return options
                    }
                }
                onRun?(integration, .success(report))
                logger.info(
                    "\(mode.rawValue) done: \(SummaryText.render(report.summary))",
                    metadata: ["integration": "\(integration.id)", "trigger": "\(triggered ? "change" : "timer")"])
                if mode == .full { nextFull = clock.now + schedule.fullEvery }
                // The full resync comes on its own time, whatever the interval.
                nextDue = min(clock.now + schedule.nextInterval(using: &random), nextFull)
            } catch let held as LeaseUnavailable {
                logger.info("waiting: \(held)", metadata: ["integration": "\(integration.id)"])
                // Ask again soon: a change must still be synced once the holder is done, and a holder that
                // died is replaced once its lease expires.
                nextDue = clock.now + leasedRun.keeper.settings.pollEvery
                if triggered { trigger.signal() } else { skippedFor = held.current?.token }
            } catch {
                onRun?(integration, .failure(error))
                if stop.isRequested {
                    logger.notice("run stopped: \(error)", metadata: ["integration": "\(integration.id)"])
                    break
                }
                logger.error("run failed: \(error)", metadata: ["integration": "\(integration.id)"])
                nextDue = clock.now + min(schedule.nextInterval(using: &random), schedule.retryAfterFailure)
            }
        }
    }
}
