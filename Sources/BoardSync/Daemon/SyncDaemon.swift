import Logging
import MongoDriver
import ServiceLifecycle

/// `boardsync run`: follows the `integrations` collection and serves, among the integrations every run
/// would serve, those assigned to this replica (``ReplicaAssignment``: rendezvous hashing over the live
/// replicas), each in a worker of its own under its own per-run lease. An integration added or enabled is
/// served within seconds; one disabled, deleted, refused or moved to another replica stops after its run in
/// flight. On a graceful shutdown (SIGTERM, SIGINT) each run finishes its item in flight, checkpoints and
/// gives its lease back, the replica says goodbye (its integrations move at once), and `run()` returns.
public struct SyncDaemon: Service {
    public var leasedRun: LeasedRun
    public var schedule: DaemonSchedule
    /// `--integration`: serve only this one, enabled or not.
    public var only: String?
    public var replica: DaemonReplica
    /// What every schedule, debounce, heartbeat and backoff is measured and waited on.
    public var clock: any Clock<Duration>
    /// Where the interval's jitter comes from.
    public var random: RandomSource
    public var logger: Logger
    /// The options of each run (timeouts, retry policy, transport); the daemon adds the lease and the stop.
    public var makeOptions: @Sendable (Integration, SyncEngine.Mode) -> SyncEngine.Options
    public var observer: DaemonObserver
    /// Where this process's webhook receiver says it stored a delivery (`--webhook-port`).
    public var deliveryNotices: DeliveryNotices?
    /// Tests replace what a worker's turn runs.
    var makeRunner: (@Sendable (_ integrationId: String, RunStop) -> IntegrationWorker.Runner)?

    public init(
        leasedRun: LeasedRun, schedule: DaemonSchedule, only: String? = nil, replica: DaemonReplica = .current(),
        clock: any Clock<Duration> = ContinuousClock(), random: RandomSource = .system, logger: Logger
    ) {
        self.leasedRun = leasedRun
        self.schedule = schedule
        self.only = only
        self.replica = replica
        self.clock = clock
        self.random = random
        self.logger = logger
        makeOptions = { SyncEngine.Options(mode: $1) }
        observer = DaemonObserver()
    }

    var database: MongoDatabase { leasedRun.engine.database }

    /// What the daemon's loop hears from its helpers.
    enum Event: Sendable {
        case integrations(Result<IntegrationLoader.Served, any Error>)
        case replicas(Result<[ReplicaRecord], any Error>)
        /// The board watcher is open (or cannot be): the first runs may start.
        case watching
    }

    public func run() async throws {
        let stop = RunStop()
        let clock = InjectedClock(self.clock)
        let directory = WorkerDirectory()
        let replicas = ReplicaStore(database: database)
        do {
            try await replicas.ensureIndexes()
        } catch {
            logger.warning(
                "the heartbeat collection's index could not be made now (boardsync migrate makes it)",
                metadata: ["error": "\(error)"])
        }
        let (events, post) = AsyncStream.makeStream(of: Event.self)
        let heartbeat = ReplicaHeartbeat(
            store: replicas, replica: replica, schedule: schedule, clock: clock, serving: { directory.ids })
        let follower = IntegrationFollower(
            database: database, only: only, schedule: schedule, clock: clock, logger: logger)
        let watcher = BoardWatcher(
            database: database, maxAwait: schedule.maxAwait, clock: clock, logger: logger,
            edited: { directory.boardChanged(project: $0) })
        let deliveries = BoardWatcher(
            deliveriesOf: database, maxAwait: schedule.maxAwait, clock: clock, logger: logger,
            stored: { id in if let id { directory.delivered(integrationId: id) } })
        deliveryNotices?.listen { directory.delivered(integrationId: $0) }
        var supervision = Supervision(replica: replica, watching: !schedule.watch)
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                group.addTask { await heartbeat.beat { post.yield(.replicas($0)) } }
                group.addTask { await follower.follow { post.yield(.integrations($0)) } }
                if schedule.watch {
                    group.addTask { _ = await watcher.run(opened: { post.yield(.watching) }) }
                    if schedule.webhooks != nil { group.addTask { _ = await deliveries.run(opened: {}) } }
                }
                for await event in events.cancelOnGracefulShutdown() {
                    let started = await handle(event, &supervision, directory: directory, stop: stop, clock: clock)
                    for worker in started { group.addTask { await worker.serve() } }
                    if stop.isRequested { break }
                }
                group.cancelAll()
            }
        } onGracefulShutdown: {
            stop.request("graceful shutdown (SIGTERM or SIGINT)")
        }
        do {
            try await replicas.stop(id: replica.id)
        } catch {
            logger.warning("could not say goodbye; the other replicas take over once this one's heartbeat expires")
        }
        logger.info("stopped; leases released")
    }
}
