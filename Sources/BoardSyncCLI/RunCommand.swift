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

    @Option(help: .duration("Time between incremental syncs."))
    var interval = DurationArgument(.seconds(300))

    @Option(help: .duration("Time between full resyncs."))
    var fullEvery = DurationArgument(.seconds(86_400))

    @Option(help: .duration("After a board edit, wait this long for more before syncing."))
    var debounce = DurationArgument(.milliseconds(500))

    @Option(help: .duration("A replica silent for this long is gone and its integrations move to the others."))
    var heartbeat = DurationArgument(.seconds(15))

    @Flag(help: "Do not watch board_items or integrations; sync on the interval, read integrations every 5s.")
    var noWatch = false

    @Option(help: "Serve /metrics (Prometheus text), /healthz and /readyz on this port.")
    var metricsPort: Int?

    @Option(help: "Receive Plane's webhook deliveries on this port: POST /webhooks/plane/{integration id}.")
    var webhookPort: Int?

    @Option(
        help: .duration(
            "With --webhook-port: a tick with nothing to push skips Plane's listing while the deliveries arrive; "
                + "a listing still runs this often (deletes and lost deliveries)."))
    var planePoll = DurationArgument(.seconds(900))

    @Option(
        help: .duration(
            "With --webhook-port: an echo of BoardSync's own write later than this makes every tick list Plane "
                + "again until a delivery arrives."))
    var echoTimeout = DurationArgument(.seconds(120))

    /// The schedule's lower bounds: a zero interval would spin, a heartbeat under 300 ms cannot be kept.
    func validate() throws {
        _ = try schedule()
    }

    func schedule() throws -> DaemonSchedule {
        var schedule = DaemonSchedule()
        schedule.interval = try interval.check("--interval", atLeast: .milliseconds(1))
        schedule.fullEvery = try fullEvery.check("--full-every", atLeast: .milliseconds(1))
        schedule.debounce = debounce.duration
        schedule.heartbeat = try heartbeat.check("--heartbeat", atLeast: .milliseconds(300))
        schedule.watch = !noWatch
        if webhookPort != nil {
            schedule.webhooks = DaemonSchedule.Webhooks(
                planePoll: try planePoll.check("--plane-poll", atLeast: .seconds(1)),
                echoTimeout: try echoTimeout.check("--echo-timeout", atLeast: .seconds(1)))
        }
        return schedule
    }

    func run() async throws {
        let settings = try await common.settings(lease: lease)
        let schedule = try schedule()
        let logger = Logger(label: "boardsync")
        // Two change streams (board_items, integrations) hold a pooled connection each; the rest is for runs.
        try await common.withDatabase(settings, maxPoolSize: 12) { database in
            let keeper = LeaseKeeper(
                database: database, settings: settings.lease, holder: LeaseKeeper.holderName(command: "run"),
                logger: logger)
            let engine = SyncEngine(database: database, settings: settings, logger: logger)
            var daemon = SyncDaemon(
                leasedRun: LeasedRun(engine: engine, keeper: keeper), schedule: schedule,
                only: settings.integration, logger: logger)
            var services: [any Service] = []
            let observed = metricsPort.map { _ in ObservedRuns() }
            if let metricsPort, let observed {
                daemon.makeOptions = observed.makeOptions
                daemon.observer = observed.observer
                services.append(observed.server(port: metricsPort, logger: logger))
            }
            if let webhookPort {
                // One count of deliveries: what the receiver counts is what /metrics shows.
                let counters = observed?.webhooks.counters ?? WebhookCounters()
                var receiver = WebhookReceiver(database: database, counters: counters, logger: logger)
                let notices = DeliveryNotices()
                receiver.notices = notices
                daemon.deliveryNotices = notices
                services.append(WebhookServer(port: webhookPort, receiver: receiver, logger: logger))
            }
            services.append(daemon)
            let what = settings.integration.map { "integration \($0)" } ?? "every enabled integration"
            let every = DurationText.format(schedule.interval)
            let fullEvery = DurationText.format(schedule.fullEvery)
            let hooks = schedule.webhooks.map {
                "; webhooks on port \(webhookPort ?? 0): an idle tick lists Plane every "
                    + DurationText.format($0.planePoll) + " while deliveries arrive"
            }
            logger.info(
                "replica \(daemon.replica.id) (\(daemon.replica.holder)): \(what), every \(every), full every \(fullEvery)\(hooks ?? "")"
            )
            let group = ServiceGroup(
                configuration: ServiceGroupConfiguration(
                    services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            try await group.run()
        }
    }
}
