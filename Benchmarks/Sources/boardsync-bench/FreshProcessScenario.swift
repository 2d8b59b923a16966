import BoardSync
import Foundation
import PlaneSimulator

/// Scenario 7a (issue 13): cron runs at Plane's default 60/minute, each a process of its own with the SQLite
/// cache file `boardsync sync` keeps between runs. An initial sync of the fixtures' board spends the key's
/// window, then a no-op sync starts at once in a new process, whose pacer knows only what Plane's answers tell
/// it. 7e: the next no-op, the cache warm: no metadata read, one listing page per project. 7d: a no-op when
/// the window is as full as a previous process can leave it: 57 of 60 requests, spread over the last minute.
enum FreshProcessScenario {
    static let limitPerMinute = 60

    static func run(mongoURI: String, out: String?) async throws {
        try await BenchWorld.with(mongoURI: mongoURI, rate: "\(limitPerMinute)/minute", items: nil) { world in
            let cache = cachePath()
            defer { remove(cache) }
            await world.simulator.clearRequestLog()
            let initial = try await ChildSync.run(in: world, cache: cache)
            let initialLog = await world.simulator.requestLog()
            await world.simulator.clearRequestLog()
            let started = Date()
            let noop = try await ChildSync.run(in: world, cache: cache)
            let log = RequestCounts(await world.simulator.requestLog(), seconds: noop.seconds)
            // What the key's window held when the no-op started: the initial sync's accepted requests of the last minute.
            let inWindow = initialLog.filter { $0.status != 429 && started.timeIntervalSince($0.time) < 60 }.count
            try row(
                "7a",
                "no-op sync in a new process right after an initial sync of the fixtures "
                    + "(\(initial.summary.created) creates, \(initialLog.count) requests in \(format(initial.seconds)) s) "
                    + "at L = \(limitPerMinute)/minute",
                noop, log, note: "the window held \(inWindow) of \(limitPerMinute) when it started"
            ).append(to: out)
            try await warm(world, cache: cache, out: out)
        }
        try await fullWindow(mongoURI: mongoURI, out: out)
    }

    /// 7e: another no-op in a new process right after 7a's, with the cache 7a's left.
    private static func warm(_ world: BenchWorld, cache: String, out: String?) async throws {
        await world.simulator.clearRequestLog()
        let noop = try await ChildSync.run(in: world, cache: cache)
        let log = RequestCounts(await world.simulator.requestLog(), seconds: noop.seconds)
        let writes = noop.summary.created + noop.summary.updated + noop.summary.deleted
        let projects = 2
        try ResultRow(
            id: "7e",
            scenario: "warm no-op incremental sync of the fixtures (\(projects) projects) in a new process, the "
                + "SQLite cache as the previous run left it, L = \(limitPerMinute)/minute",
            reads: log.workItemReads, writes: log.workItemWrites, metadataReads: log.metadataReads,
            throttled: log.throttled, seconds: noop.seconds, peakMiB: nil,
            measured: "\(format(noop.seconds, digits: 2)) s; \(log.metadataReads) metadata reads, \(log.pages) listing "
                + "page(s); \(writes) writes",
            goal: "0 metadata reads, ≤ 1 page per project, ≤ 3 s",
            met: log.metadataReads == 0 && log.pages <= projects && noop.seconds <= 3 && writes == 0
                && log.throttled == 0
        ).append(to: out)
    }

    /// A cache file of the scenario's own, as `boardsync sync`'s default path is one per machine.
    private static func cachePath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("boardsync-bench-\(UUID().uuidString).sqlite")
            .path
    }

    private static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    private static func fullWindow(mongoURI: String, out: String?) async throws {
        try await BenchWorld.with(mongoURI: mongoURI, rate: "\(limitPerMinute)/minute", items: nil) { world in
            let cache = cachePath()
            defer { remove(cache) }
            _ = try await ChildSync.run(in: world, cache: cache)
            // A fresh window, then another process of the key's fills it to its cap over a minute.
            try await world.waitForAFreshWindow()
            await world.simulator.clearRequestLog()
            let filled = try await fill(world, requests: 57, over: .seconds(60))
            await world.simulator.clearRequestLog()
            let noop = try await ChildSync.run(in: world, cache: cache)
            let log = RequestCounts(await world.simulator.requestLog(), seconds: noop.seconds)
            try row(
                "7d",
                "no-op sync in a new process when the window holds \(filled) of \(limitPerMinute) requests "
                    + "spread over the last minute (the most a previous run leaves), L = \(limitPerMinute)/minute",
                noop, log, note: "\(log.throttled) × 429"
            ).append(to: out)
        }
    }

    /// A no-op's row: its time, the part of it spent waiting on the budget, and that it wrote nothing.
    private static func row(
        _ id: String, _ scenario: String, _ noop: ChildSync.Outcome, _ log: RequestCounts, note: String
    )
        -> ResultRow
    {
        let writes = noop.summary.created + noop.summary.updated + noop.summary.deleted
        return ResultRow(
            id: id, scenario: scenario, reads: log.workItemReads, writes: log.workItemWrites,
            metadataReads: log.metadataReads, throttled: log.throttled, seconds: noop.seconds, peakMiB: nil,
            measured:
                "\(format(noop.seconds)) s, \(format(noop.summary.rateWaitSeconds)) s of it waiting on the budget; "
                + "\(note); \(writes) writes",
            goal: "≤ 15 s", met: noop.seconds <= 15 && writes == 0 && log.throttled == 0)
    }

    /// `requests` accepted GETs of the bench's key, evenly over `duration`; how many Plane accepted.
    private static func fill(_ world: BenchWorld, requests: Int, over duration: Duration) async throws -> Int {
        let client = SecondClient(
            url: world.simulator.apiBaseURL.appendingPathComponent("users/me/"), apiKey: PlaneFixtures.botAPIKey,
            perMinute: Int((Double(requests) * 60 / (duration / .seconds(1))).rounded()))
        let task = Task { await client.run() }
        try await Task.sleep(for: duration - .milliseconds(500))
        task.cancel()
        _ = await task.value
        return await world.simulator.requestLog().filter { $0.status == 200 }.count
    }
}
