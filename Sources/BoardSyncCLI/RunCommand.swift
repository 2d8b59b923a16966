import ArgumentParser
import BoardSync
import Logging
import MongoDriver
import ServiceLifecycle
import UnixSignals

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "The daemon: keeps every enabled integration (or --integration) in sync until SIGTERM.",
        discussion: """
            Follows the integrations collection: an integration added or enabled is served within seconds, one
            disabled or deleted stops after its run in flight, a changed document is used from its next run, and
            an invalid one is named and left out while the others run. Replicas announce themselves every third
            of --heartbeat and share the integrations between them; when one stops, the others take its
            integrations within --heartbeat. Each integration syncs every --interval (with jitter), resyncs in
            full every --full-every, and, on a replica set, within seconds of a board edit. Every run takes the
            integration's lease and gives it back, so replicas, cron runs and a manual resync take turns.
            SIGTERM or SIGINT: the item in flight is finished, the checkpoint saved, the leases released, exit 0.
            """
    )

    @OptionGroup var common: CommonOptions
    @OptionGroup var lease: LeaseOptions

    @Option(help: "Time between incremental syncs, e.g. 30s, 5m, 1h.")
    var interval = "5m"

    @Option(help: "Time between full resyncs, e.g. 24h.")
    var fullEvery = "24h"

    @Option(help: "After a board edit, wait this long for more before syncing.")
    var debounce = "500ms"

    @Option(help: "A replica silent for this long is gone and its integrations move to the others, e.g. 15s.")
    var heartbeat = "15s"

    @Flag(help: "Do not watch board_items or integrations; sync on the interval, read integrations every 5s.")
    var noWatch = false

    @Option(help: "Serve /metrics (Prometheus text), /healthz and /readyz on this port.")
    var metricsPort: Int?

    @Option(help: "Receive Plane's webhook deliveries on this port: POST /webhooks/plane/{integration id}.")
    var webhookPort: Int?

    func run() async throws {
        let settings = try await common.settings(lease: lease)
        var schedule = DaemonSchedule()
        schedule.interval = try Self.duration("--interval", interval)
        schedule.fullEvery = try Self.duration("--full-every", fullEvery)
        schedule.debounce = try Self.duration("--debounce", debounce, zeroAllowed: true)
        schedule.heartbeat = try Self.duration("--heartbeat", heartbeat, minimum: .milliseconds(300))
        schedule.watch = !noWatch
        let logger = Logger(label: "boardsync")
        // Two change streams (board_items, integrations) hold a pooled connection each; the rest is for runs.
        try await common.withDatabase(settings, maxPoolSize: 12) { database in
            let keeper = LeaseKeeper(
                database: database, settings: settings.lease, holder: LeaseKeeper.holderName(command: "run"),
                logger: logger)
            let cache = LocalCache.open(path: settings.cachePath, logger: logger)
            let engine = SyncEngine(database: database, cache: cache, metadataTTL: settings.metadataTTL, logger: logger)
            var daemon = SyncDaemon(
                leasedRun: LeasedRun(engine: engine, keeper: keeper), schedule: schedule,
                only: settings.integration, logger: logger)
            var services: [any Service] = []
            if let metricsPort {
                let observed = ObservedRuns()
                daemon.makeOptions = observed.makeOptions
                daemon.observer = observed.observer
                services.append(observed.server(port: metricsPort, logger: logger))
            }
            if let webhookPort {
                let receiver = WebhookReceiver(database: database, logger: logger)
                services.append(WebhookServer(port: webhookPort, receiver: receiver, logger: logger))
            }
            services.append(daemon)
            let what = settings.integration.map { "integration \($0)" } ?? "every enabled integration"
            logger.info(
                "replica \(daemon.replica.id) (\(daemon.replica.holder)): \(what), every \(interval), full every \(fullEvery)"
            )
            let group = ServiceGroup(
                configuration: ServiceGroupConfiguration(
                    services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            try await group.run()
        }
    }

    static func duration(_ flag: String, _ text: String, zeroAllowed: Bool = false, minimum: Duration? = nil) throws
        -> Duration
    {
        guard let value = DurationText.parse(text), zeroAllowed || value > .zero else {
            throw CommandFailure(2, "\(flag) \(text) is not a duration; write it like 30s, 5m, 1h or 1h30m")
        }
        if let minimum, value < minimum {
            throw CommandFailure(2, "\(flag) \(text) is too short; it must be at least \(DurationText.format(minimum))")
        }
        return value
    }
}
