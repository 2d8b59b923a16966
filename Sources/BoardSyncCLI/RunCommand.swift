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
            Each integration syncs every --interval (with jitter), resyncs in full every --full-every, and, on a
            replica set, within seconds of a board edit (a change stream on board_items). Every run takes the
            integration's lease and gives it back, so replicas and a manual resync take turns. SIGTERM or SIGINT:
            the item in flight is finished, the checkpoint saved, the leases released, exit 0.
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

    @Flag(help: "Do not watch board_items; sync on the interval only.")
    var noWatch = false

    @Option(help: "Serve /metrics (Prometheus text), /healthz and /readyz on this port.")
    var metricsPort: Int?

    func run() async throws {
        let settings = try await common.settings(lease: lease)
        var schedule = DaemonSchedule()
        schedule.interval = try Self.duration("--interval", interval)
        schedule.fullEvery = try Self.duration("--full-every", fullEvery)
        schedule.debounce = try Self.duration("--debounce", debounce, zeroAllowed: true)
        schedule.watch = !noWatch
        let logger = Logger(label: "boardsync")
        let integrations = try await common.withDatabase(settings) { database in
            try await Self.integrations(common, settings, database: database, logger: logger)
        }
        // Each integration's change stream keeps a pooled connection while it is open: room for them and the runs.
        try await common.withDatabase(settings, maxPoolSize: 8 + integrations.count) { database in
            let keeper = LeaseKeeper(
                database: database, settings: settings.lease, holder: LeaseKeeper.holderName(command: "run"),
                logger: logger)
            let cache = LocalCache.open(path: settings.cachePath, logger: logger)
            let engine = SyncEngine(database: database, cache: cache, metadataTTL: settings.metadataTTL, logger: logger)
            var daemon = SyncDaemon(
                integrations: integrations,
                leasedRun: LeasedRun(engine: engine, keeper: keeper),
                schedule: schedule, logger: logger)
            var services: [any Service] = []
            if let metricsPort {
                let observed = ObservedRuns(integrations: integrations)
                daemon.makeOptions = observed.makeOptions
                daemon.onRun = observed.record
                observed.health.markReady()
                services.append(observed.server(port: metricsPort, logger: logger))
            }
            services.append(daemon)
            logger.info(
                "serving \(integrations.map(\.id).joined(separator: ", ")) every \(interval), full every \(fullEvery)")
            let group = ServiceGroup(
                configuration: ServiceGroupConfiguration(
                    services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            try await group.run()
        }
    }

    static func duration(_ flag: String, _ text: String, zeroAllowed: Bool = false) throws -> Duration {
        guard let value = DurationText.parse(text), zeroAllowed || value > .zero else {
            throw CommandFailure(2, "\(flag) \(text) is not a duration; write it like 30s, 5m, 1h or 1h30m")
        }
        return value
    }

    /// The integrations to serve: a document the runs refuse is named and left out, the others are served
    /// (one broken document does not stop the rest); none left is exit 2.
    static func integrations(
        _ common: CommonOptions, _ settings: BoardSyncSettings, database: MongoDatabase, logger: Logger
    ) async throws -> [Integration] {
        let served = try await IntegrationLoader(database: database).served(only: settings.integration)
        for refused in served.refused {
            logger.error("not served: \(refused.description)", metadata: ["integration": "\(refused.integrationId)"])
        }
        guard !served.integrations.isEmpty else {
            throw CommandFailure(
                2,
                served.refused.isEmpty
                    ? "no enabled integration of kind \"plane\" in \(settings.database).integrations; nothing to serve"
                    : "no integration can be served; fix the documents named above")
        }
        return served.integrations
    }
}
