import Logging
import MongoDriver
import SyncCore

/// What the daemon knows of the integrations and the replicas, from the follower and the heartbeat.
struct Supervision: Sendable {
    let replica: DaemonReplica
    /// Integrations the runs would serve, by id; nil until the first read.
    var served: [String: Integration]?
    /// Refused documents, by id, with what was said about each.
    var refused: [String: String] = [:]
    /// Live replicas' ids (this one always among them); nil until the first heartbeat answered.
    var live: [String: ReplicaRecord]?
    /// The board watcher is open, or not needed.
    var watching: Bool
    /// Who served each integration at the last assignment, to say when that changes.
    var owners: [String: String] = [:]
    /// Why MongoDB did not answer the last heartbeat, or the last read of the integrations.
    var heartbeatProblem: String?
    var readProblem: String?
    var saidNothingToServe = false

    init(replica: DaemonReplica, watching: Bool) {
        self.replica = replica
        self.watching = watching
    }

    /// Integration → replica id, over the live replicas (this one included, whatever the last heartbeat said).
    var assignment: [String: String] {
        guard let served else { return [:] }
        return ReplicaAssignment.assign(integrations: served.keys, replicas: liveIds)
    }

    /// The live replicas' ids, this one always among them.
    var liveIds: Set<String> { Set(live.map { Array($0.keys) } ?? []).union([replica.id]) }

    var ready: Bool { served != nil && live != nil && watching }
}

extension SyncDaemon {
    /// Takes in one event and brings the workers in line: returns the workers to start.
    func handle(
        _ event: Event, _ supervision: inout Supervision, directory: WorkerDirectory, stop: RunStop,
        clock: InjectedClock
    ) async -> [IntegrationWorker] {
        switch event {
        case .watching:
            supervision.watching = true
        case .replicas(.success(let records)):
            if supervision.heartbeatProblem != nil { logger.notice("MongoDB answers the heartbeat again") }
            supervision.heartbeatProblem = nil
            supervision.live = Dictionary(records.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            observer.mongo(nil)
        case .replicas(.failure(let error)):
            let problem = "MongoDB unreachable: \(error)"
            if supervision.heartbeatProblem == nil {
                logger.warning("heartbeat failed; serving on, and trying again", metadata: ["error": "\(error)"])
            }
            supervision.heartbeatProblem = problem
            observer.mongo(problem)
            return []
        case .integrations(.success(let served)):
            if supervision.readProblem != nil { logger.notice("the integrations can be read again") }
            supervision.readProblem = nil
            noteRefusals(served, &supervision)
            supervision.served = Dictionary(
                served.integrations.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        case .integrations(.failure(let error)):
            if supervision.readProblem == nil {
                logger.warning(
                    "the integrations could not be read; serving what was read before", metadata: ["error": "\(error)"])
            }
            supervision.readProblem = "\(error)"
            return []
        }
        guard supervision.ready else { return [] }
        return await reconcile(&supervision, directory: directory, stop: stop, clock: clock)
    }

    /// Starts a worker for each integration newly this replica's, retires those no longer served here,
    /// and tells the workers that stay about a changed document.
    private func reconcile(
        _ supervision: inout Supervision, directory: WorkerDirectory, stop: RunStop, clock: InjectedClock
    ) async -> [IntegrationWorker] {
        let served = supervision.served ?? [:]
        let assignment = supervision.assignment
        let mine = Set(assignment.filter { $0.value == replica.id }.keys)
        let running = Set(directory.ids)
        for id in running.subtracting(mine).sorted() {
            let why = await whyNotServed(id, assignment[id], supervision)
            logger.notice("\(why): stops after the run in flight", metadata: ["integration": "\(id)"])
            directory.retire(id)
        }
        var started: [IntegrationWorker] = []
        for id in mine.subtracting(running).sorted() {
            guard let integration = served[id] else { continue }
            let projects = integration.projects.map { "\($0.boardProjectId) → \($0.planeProjectId)" }
            logger.info(
                "serving \(id) (\(projects.joined(separator: ", ")))",
                metadata: ["integration": "\(id)", "replica": "\(replica.id)"])
            started.append(worker(for: integration, directory: directory, stop: stop, clock: clock))
        }
        for id in mine.intersection(running).sorted() {
            guard let new = served[id], let old = directory.integration(id) else { continue }
            noteChange(from: old, to: new)
            directory.update(new)
        }
        for (id, owner) in assignment.sorted(by: { $0.key < $1.key })
        where owner != replica.id && supervision.owners[id] != owner {
            let holder = supervision.live?[owner]?.holder ?? "?"
            logger.info("\(id) is served by replica \(owner) (\(holder))", metadata: ["integration": "\(id)"])
        }
        supervision.owners = assignment
        if served.isEmpty, !supervision.saidNothingToServe {
            logger.notice(
                only.map { "integration \($0) cannot be served yet; waiting for its document to be fixed or enabled" }
                    ?? "no integration to serve yet; waiting for one to be added or enabled")
        }
        supervision.saidNothingToServe = served.isEmpty
        observer.served(
            ServedIntegrations(
                served: served.keys.sorted(), refused: supervision.refused.keys.sorted(), mine: mine.sorted(),
                replicas: supervision.liveIds.count))
        return started
    }

    private func worker(for integration: Integration, directory: WorkerDirectory, stop: RunStop, clock: InjectedClock)
        -> IntegrationWorker
    {
        let id = integration.id
        let observer = observer
        let worker = IntegrationWorker(
            integrationId: id, schedule: schedule, clock: clock, random: random, stop: stop,
            runner: makeRunner?(id, stop) ?? leasedRunner(id, stop: stop), logger: logger,
            onRun: { result in observer.run(directory.integration(id) ?? integration, result) })
        directory.add(integration, inbox: worker.inbox)
        return worker
    }

    /// A turn of the daemon: the integration's leased run, cancelled at a safe point by a stop.
    private func leasedRunner(_ id: String, stop: RunStop) -> IntegrationWorker.Runner {
        let (leasedRun, makeOptions) = (leasedRun, makeOptions)
        return IntegrationWorker.Runner(
            run: { mode in
                try await stop.run {
                    try await leasedRun.run(id, mode: mode, wait: false) { integration in
                        var options = makeOptions(integration, mode)
                        options.stopRequested = { stop.isRequested }
                        return options
                    }
                }
            },
            currentLease: { try? await leasedRun.keeper.store.current(id) },
            pollEvery: leasedRun.keeper.settings.pollEvery,
            deliveries: schedule.webhooks == nil ? nil : deliveryRunner(id, stop: stop),
            boardPending: { [database] in await BoardPending.check(database: database, integrationId: id) },
            health: { [self] health in await self.keep(health) })
    }

    /// Acting on the integration's stored webhook deliveries, cancelled at a safe point by a stop.
    private func deliveryRunner(_ id: String, stop: RunStop) -> @Sendable () async throws -> DeliveryRun.Outcome {
        let (deliveries, makeOptions) = (DeliveryRun(leasedRun: leasedRun, logger: logger), makeOptions)
        return {
            try await stop.run {
                try await deliveries.run(id) { integration in
                    var options = makeOptions(integration, .incremental)
                    options.stopRequested = { stop.isRequested }
                    return options
                }
            }
        }
    }

    /// A worker's webhook health: said to the observers and kept for `status`.
    private func keep(_ health: WebhookHealth) async {
        var health = health
        health.replica = replica.id
        observer.webhooks(health)
        do {
            try await WebhookHealthStore(database: database).save(health)
        } catch {
            logger.warning(
                "the webhook health could not be kept for status: \(error)",
                metadata: ["integration": "\(health.integrationId)"])
        }
    }

    /// A refused document is said once (again when what is wrong changes); one that is fixed, too.
    private func noteRefusals(_ served: IntegrationLoader.Served, _ supervision: inout Supervision) {
        var refused: [String: String] = [:]
        for error in served.refused { refused[error.integrationId] = error.description }
        for (id, description) in refused.sorted(by: { $0.key < $1.key }) where supervision.refused[id] != description {
            logger.error("not served: \(description)", metadata: ["integration": "\(id)"])
        }
        let valid = Set(served.integrations.map(\.id))
        for id in supervision.refused.keys.sorted() where refused[id] == nil && valid.contains(id) {
            logger.notice("\(id) can be served again: its document is valid", metadata: ["integration": "\(id)"])
        }
        supervision.refused = refused
    }

    /// Says what changed in a served document and what it takes to follow it.
    private func noteChange(from old: Integration, to new: Integration) {
        let (parts, configuration) = new.changes(since: old)
        guard !parts.isEmpty else { return }
        let metadata: Logger.Metadata = ["integration": "\(new.id)"]
        logger.notice(
            "\(new.id) changed (\(parts.joined(separator: ", "))): used from its next run", metadata: metadata)
        if let warning = configuration.warning {
            logger.warning("\(new.id): \(warning)", metadata: metadata)
        } else if let effect = configuration.effect {
            logger.notice("\(new.id): \(effect)", metadata: metadata)
        }
    }

    /// Why an integration that had a worker here has none any more.
    private func whyNotServed(_ id: String, _ owner: String?, _ supervision: Supervision) async -> String {
        if let owner {
            let holder = supervision.live?[owner]?.holder ?? "?"
            return "\(id) moves to replica \(owner) (\(holder))"
        }
        if supervision.refused[id] != nil { return "\(id) is refused (see above)" }
        let document = try? await database.collection(CollectionNames.integrations).findOne(["_id": .string(id)])
        guard let document else { return "\(id) was deleted" }
        if document["enabled"]?.boolValue == false { return "\(id) was disabled" }
        return "\(id) is no longer served"
    }
}
