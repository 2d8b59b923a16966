import Logging
import MongoDriver
import ServiceLifecycle

/// `boardsync run`: serves every given integration, each in a task of its own under its own lease, until
/// a graceful shutdown (SIGTERM, SIGINT): then each run finishes its item in flight, checkpoints and
/// gives its lease back, and `run()` returns.
public struct SyncDaemon: Service {
    public var integrations: [Integration]
    public var leasedRun: LeasedRun
    public var schedule: DaemonSchedule
    public var logger: Logger
    /// The options of each run (timeouts, retry policy, transport); the daemon adds the lease and the stop.
    public var makeOptions: @Sendable (Integration, SyncEngine.Mode) -> SyncEngine.Options
    /// Told after each run that took the lease: its report, or why it stopped (metrics).
    public var onRun: (@Sendable (Integration, Result<SyncEngine.Report, any Error>) -> Void)?

    public init(
        integrations: [Integration], leasedRun: LeasedRun, schedule: DaemonSchedule,
        logger: Logger = Logger(label: "boardsync.daemon"),
        makeOptions: @escaping @Sendable (Integration, SyncEngine.Mode) -> SyncEngine.Options = {
            SyncEngine.Options(mode: $1)
        }
    ) {
        self.integrations = integrations
        self.leasedRun = leasedRun
        self.schedule = schedule
        self.logger = logger
        self.makeOptions = makeOptions
    }

    public func run() async throws {
        let stop = RunStop()
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                for integration in integrations {
                    let worker = IntegrationWorker(
                        integration: integration, leasedRun: leasedRun, schedule: schedule, stop: stop,
                        logger: logger, makeOptions: makeOptions, onRun: onRun)
                    group.addTask { await worker.serve() }
                }
            }
        } onGracefulShutdown: {
            stop.request("graceful shutdown (SIGTERM or SIGINT)")
        }
        logger.info("stopped; leases released")
    }
}
