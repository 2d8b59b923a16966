import BoardSync
import Foundation
import Logging
import MongoDriver
import PlaneSimulator
import SyncCache
import Synchronization

/// Scenario 9 (issue 14): what an idle daemon spends of Plane's budget. The daemon serves the fixtures'
/// integration as `boardsync run` does (its SQLite cache, the change stream, Plane's default 60/minute); after
/// an initial sync (not counted) nothing changes on either side, and every request the simulator receives
/// (listing pages, metadata, lookups, writes) is counted over an hour of the daemon's schedule: 9a without
/// webhooks (a listing every `interval`), 9b with them (`run --webhook-port`: the simulator posts its
/// deliveries to the daemon's receiver; a tick with nothing to push skips the listing, which still runs every
/// `planePoll`).
///
/// Time is scaled, not injected: every duration of the schedule and the settings is divided by `scale`
/// (interval, planePoll, echoTimeout, the metadata TTL, the board's overlap, `policy.board_pass_minutes`, the
/// daily resync), so an hour of the schedule takes 3600 / `scale` s. A clock injected into `SyncDaemon` would
/// drive its timetable only: the metadata TTL, the echo watch, the board pass, `BoardPending`, the leases and
/// the pacer all read the wall clock, and would see a minute where the timetable sees an hour. The pacer is
/// not scaled (60 per real minute); an idle hour is far below it.
enum IdleDaemonScenario {
    static let limitPerMinute = 60
    /// What the issue allows per Plane project per hour with webhooks, outside the daily resync.
    static let goalPerProject = 6.0
    static let webhookSecret = "plane_wh_boardsync_bench_idle_daemon"

    /// - Parameter trace: print the hour's requests and the daemon's info messages, in scaled time, to stderr.
    static func run(scale: Double, hours: Double, trace: Bool, mongoURI: String, out: String?) async throws {
        // `policy.board_pass_minutes` is at least 1: its hour scales to a minute at most.
        guard scale >= 1, scale <= 60 else { throw BenchError("--scale must be between 1 and 60; it is \(scale)") }
        let rate = "\(Int((Double(limitPerMinute) * scale).rounded()))/minute"
        try await BenchWorld.with(mongoURI: mongoURI, rate: rate, items: nil) { world in
            let cache = FileManager.default.temporaryDirectory
                .appendingPathComponent("boardsync-bench-\(UUID().uuidString).sqlite").path
            defer {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: cache + suffix) }
            }
            try await world.database.collection(CollectionNames.integrations).updateOne(
                ["_id": .string(BenchWorld.integrationId)],
                [
                    "$set": [
                        "policy.board_pass_minutes": .double(60 / scale),
                        "credentials.webhook_secret": .string(webhookSecret),
                    ]
                ])
            let initial = try await ChildSync.run(in: world, cache: cache)
            let integration = try await IntegrationLoader(database: world.database).load(id: BenchWorld.integrationId)
            let projects = Dictionary(
                integration.projects.map { ($0.planeProjectId, $0.boardProjectId) }, uniquingKeysWith: { a, _ in a })
            for webhooks in [false, true] {
                let hour = try await measure(
                    world, cache: cache, webhooks: webhooks, scale: scale, hours: hours, trace: trace)
                try row(hour, webhooks: webhooks, projects: projects, scale: scale, hours: hours, initial: initial)
                    .append(to: out)
            }
        }
    }

    /// What one daemon did over `hours` of its schedule after its first run (which is not counted).
    struct Measured {
        var requests: [PlaneSimulator.LoggedRequest]
        var seconds: Double
        var firstRun: Int
        var runs: Int
        var skipped: Int
        var deliveries: Int
        var warnings: [String]
    }

    private static func measure(
        _ world: BenchWorld, cache path: String, webhooks: Bool, scale: Double, hours: Double, trace: Bool
    )
        async throws -> Measured
    {
        let tally = LogTally(trace: trace)
        let logger = Logger(label: "boardsync-bench.idle", factory: { _ in tally.handler() })
        let cache = try SyncCache(path: path)
        let runs = Mutex(0)
        var daemon = makeDaemon(world, cache: cache, webhooks: webhooks, scale: scale, logger: logger)
        daemon.observer = DaemonObserver(run: { _, _ in runs.withLock { $0 += 1 } })
        let counters = WebhookCounters()
        var tasks: [Task<Void, any Error>] = []
        defer { for task in tasks { task.cancel() } }
        if webhooks {
            let notices = DeliveryNotices()
            daemon.deliveryNotices = notices
            tasks.append(try await receive(world, notices: notices, counters: counters, logger: logger))
        }
        await world.simulator.clearRequestLog()
        tasks.append(Task { [daemon] in try await daemon.run() })
        try await DaemonLatencyScenario.waitFor(seconds: 120) { runs.withLock { $0 } >= 1 }
        // The first run lists Plane whatever the webhooks say (nothing was listed yet): the hour starts after it.
        let firstRun = await world.simulator.requestLog().count
        let skippedBefore = tally.skipped
        await world.simulator.clearRequestLog()
        let started = Date()
        let seconds = 3600 * hours / scale
        try await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
        let requests = await world.simulator.requestLog().filter { $0.time.timeIntervalSince(started) < seconds }
        if trace {
            printTrace(requests, tally.lines, from: started, scale: scale)
            try await printState(world)
        }
        let measured = Measured(
            requests: requests, seconds: seconds, firstRun: firstRun, runs: runs.withLock { $0 } - 1,
            skipped: tally.skipped - skippedBefore, deliveries: counters.total, warnings: tally.warnings)
        for task in tasks { task.cancel() }
        for task in tasks { _ = await task.result }
        if webhooks { await world.simulator.setWebhook(nil) }
        return measured
    }

    /// The hour as it went, in scaled seconds since its start: each request and each message of the daemon.
    private static func printTrace(
        _ requests: [PlaneSimulator.LoggedRequest], _ lines: [(Date, String)], from start: Date, scale: Double
    ) {
        let events =
            requests.map { ($0.time, "\($0.method) \($0.status.map(String.init) ?? "-") \($0.pathAndQuery)") }
            + lines.filter { $0.0 >= start }
        for (time, text) in events.sorted(by: { $0.0 < $1.0 }) {
            FileHandle.standardError.write(
                Data("\(format(time.timeIntervalSince(start) * scale, digits: 0)) s  \(text)\n".utf8))
        }
    }

    /// What decides whether an idle run has items to decide: the checkpoint, the board items from its cursor on,
    /// and the links that are not plainly synced (failed, with their next attempt).
    private static func printState(_ world: BenchWorld) async throws {
        let integration = try await world.database.collection(CollectionNames.integrations).findOne(
            ["_id": .string(BenchWorld.integrationId)])
        let state = integration?["sync_state"]?.documentValue ?? [:]
        var lines = [
            "sync_state: cursor \(state["cursor"].map { "\($0)" } ?? "-"), watermark \(state["remote_watermark"].map { "\($0)" } ?? "-")"
        ]
        if let cursor = state["cursor"] {
            let after = try await world.board.countDocuments(["updated_at": ["$gte": cursor]])
            lines.append("board items at or after the cursor: \(after)")
        }
        for try await link in world.database.collection(CollectionNames.boardLinks).find(
            ["state": ["$ne": "synced"]])
        {
            lines.append(
                "link \(link["board_item_id"].map { "\($0)" } ?? "?") state \(link["state"].map { "\($0)" } ?? "?") next attempt \(link["next_attempt_at"].map { "\($0)" } ?? "-")"
            )
        }
        FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }

    /// The daemon as `boardsync run` builds it, every duration divided by `scale`.
    private static func makeDaemon(
        _ world: BenchWorld, cache: SyncCache, webhooks: Bool, scale: Double, logger: Logger
    ) -> SyncDaemon {
        func scaled(_ seconds: Double) -> Duration { .milliseconds(Int64((seconds / scale * 1000).rounded())) }
        var schedule = DaemonSchedule(
            interval: scaled(300), fullEvery: scaled(86_400), retryAfterFailure: scaled(30))
        if webhooks { schedule.webhooks = .init(planePoll: scaled(900), echoTimeout: scaled(120)) }
        let keeper = LeaseKeeper(
            database: world.database, settings: LeaseSettings(), holder: "boardsync-bench idle daemon", logger: logger)
        let engine = SyncEngine(database: world.database, cache: cache, metadataTTL: scaled(600), logger: logger)
        var daemon = SyncDaemon(
            leasedRun: LeasedRun(engine: engine, keeper: keeper), schedule: schedule, only: BenchWorld.integrationId,
            logger: logger)
        let overlap = scaled(300)
        daemon.makeOptions = { _, mode in SyncEngine.Options(mode: mode, overlap: overlap) }
        return daemon
    }

    /// The daemon's webhook receiver on a free port, and the simulator posting its deliveries there.
    private static func receive(
        _ world: BenchWorld, notices: DeliveryNotices, counters: WebhookCounters, logger: Logger
    ) async throws -> Task<Void, any Error> {
        var receiver = WebhookReceiver(database: world.database, counters: counters, logger: logger)
        receiver.notices = notices
        let (ports, listening) = AsyncStream.makeStream(of: Int.self)
        let server = WebhookServer(
            host: "127.0.0.1", port: 0, receiver: receiver, onListening: { listening.yield($0) }, logger: logger)
        let serving = Task { try await server.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(),
            let url = URL(string: "http://127.0.0.1:\(port)/webhooks/plane/\(BenchWorld.integrationId)")
        else {
            serving.cancel()
            throw BenchError("the webhook receiver did not start")
        }
        await world.simulator.setWebhook(WebhookTarget(url: url, secret: webhookSecret))
        return serving
    }

    private static func row(
        _ hour: Measured, webhooks: Bool, projects: [String: String], scale: Double, hours: Double,
        initial: ChildSync.Outcome
    ) -> ResultRow {
        let counts = RequestCounts(hour.requests, seconds: hour.seconds)
        let kinds = IdleRequestKinds(hour.requests, projects: projects)
        let perHour = Double(hour.requests.count) / hours
        let perProject = perHour / Double(max(projects.count, 1))
        let byProject = projects.values.sorted().map { "\($0) \(format(Double(kinds.byProject[$0] ?? 0) / hours))" }
        let schedule =
            webhooks
            ? "with webhooks (interval 300 s, plane-poll 900 s, echo timeout 120 s)"
            : "without webhooks (interval 300 s)"
        var measured =
            "\(format(perHour)) requests per hour, \(format(perProject)) per project (\(byProject.joined(separator: ", "))"
            + (kinds.byProject[IdleRequestKinds.workspace].map { ", workspace \(format(Double($0) / hours))" } ?? "")
            + "): \(kinds.summary); \(hour.runs) runs"
            + (webhooks ? ", \(hour.skipped) ticks skipped the listing, \(hour.deliveries) deliveries" : "")
            + "; the first run before the hour: \(hour.firstRun) requests"
        if !hour.warnings.isEmpty { measured += "; warnings: " + hour.warnings.prefix(3).joined(separator: " / ") }
        return ResultRow(
            id: webhooks ? "9b" : "9a",
            scenario:
                "idle daemon as `boardsync run` is (SQLite cache, change stream) over the fixtures "
                + "(\(projects.count) Plane projects, \(initial.summary.created) items, initial sync not counted), "
                + "\(schedule), L = \(limitPerMinute)/minute (scaled); all requests over \(format(hours)) h of its schedule, "
                + "time scaled \(format(scale, digits: 0))× (durations, TTL, overlap, board pass ÷ \(format(scale, digits: 0)), L × \(format(scale, digits: 0)))",
            reads: counts.workItemReads, writes: counts.workItemWrites, metadataReads: counts.metadataReads,
            throttled: counts.throttled, seconds: hour.seconds, peakMiB: nil, measured: measured,
            goal: webhooks ? "≤ \(format(goalPerProject, digits: 0)) per project per hour" : "–",
            met: webhooks ? perProject <= goalPerProject && counts.throttled == 0 && hour.warnings.isEmpty : nil)
    }
}

/// The requests of an idle hour by what they are and by Plane project.
struct IdleRequestKinds {
    static let workspace = "workspace"

    var pages = 0
    var lookups = 0
    var metadata: [String: Int] = [:]
    var writes = 0
    var throttled = 0
    /// Board project id (or ``workspace``) → requests.
    var byProject: [String: Int] = [:]

    init(_ log: [PlaneSimulator.LoggedRequest], projects: [String: String]) {
        for entry in log {
            let path = entry.pathAndQuery
            let project = projects.first { path.contains("/projects/\($0.key)/") }?.value ?? Self.workspace
            byProject[project, default: 0] += 1
            if entry.status == 429 {
                throttled += 1
            } else if entry.method != "GET" {
                writes += 1
            } else if path.contains("/work-items/") || path.contains("/issues/") {
                let listing = (path.contains("/work-items/?") || path.hasSuffix("/work-items/"))
                if listing && !path.contains("external_id=") { pages += 1 } else { lookups += 1 }
            } else {
                metadata[Self.part(path), default: 0] += 1
            }
        }
    }

    /// The metadata part a GET reads, named by the last segment of its path (`states`, `members`, `me`…).
    private static func part(_ path: String) -> String {
        let segments = path.split(separator: "?").first.map { $0.split(separator: "/") } ?? []
        guard let last = segments.last else { return path }
        // `…/projects/{id}/` is the project's details.
        if segments.count >= 2, segments[segments.count - 2] == "projects" { return "project" }
        return String(last)
    }

    var summary: String {
        let parts = metadata.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        return "\(pages) listing pages, \(metadata.values.reduce(0, +)) metadata"
            + (parts.isEmpty ? "" : " (\(parts.joined(separator: ", ")))")
            + ", \(lookups) lookups, \(writes) writes" + (throttled > 0 ? ", \(throttled) × 429" : "")
    }
}

/// Counts what the daemon logs in the measured hour: ticks that skipped the listing, and warnings (a webhook
/// taken for broken, a failed run), which an idle daemon should not have.
final class LogTally: Sendable {
    private let state = Mutex<(skipped: Int, warnings: [String], lines: [(Date, String)])>((0, [], []))
    /// Keep the daemon's info messages with their times (`--trace`).
    let trace: Bool

    init(trace: Bool) { self.trace = trace }

    var lines: [(Date, String)] { state.withLock { $0.lines } }

    var skipped: Int { state.withLock { $0.skipped } }
    var warnings: [String] { state.withLock { $0.warnings } }

    func handler() -> some LogHandler { Handler(tally: self) }

    fileprivate func record(_ level: Logger.Level, _ message: String) {
        state.withLock { state in
            if message.contains("no listing this tick") { state.skipped += 1 }
            if level >= .warning { state.warnings.append(message) }
            if trace, level >= .info { state.lines.append((Date(), message)) }
        }
    }

    private struct Handler: LogHandler {
        let tally: LogTally
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .debug

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            tally.record(event.level, "\(event.message)")
        }
    }
}
