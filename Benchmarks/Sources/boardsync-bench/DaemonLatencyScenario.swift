import BoardSync
import Foundation
import Logging
import MongoDriver
import PlaneSimulator
import SyncCache
import Synchronization

/// Scenario 7b (issue 13): the daemon with the change stream, started on a fresh window at Plane's default
/// 60/minute; board edits a few seconds apart, each timed from the board write to the PATCH Plane accepted.
/// The daemon runs in this process as `boardsync run` builds it (7b: with its SQLite cache, empty at start,
/// so the metadata is read once and then within its TTL from the file), or where no cache can be kept (7c:
/// every run reads Plane's metadata again; context, no goal of its own).
enum DaemonLatencyScenario {
    static let limitPerMinute = 60

    static func run(edits: Int, spacing: Duration, withCache: Bool, mongoURI: String, out: String?) async throws {
        try await BenchWorld.with(mongoURI: mongoURI, rate: "\(limitPerMinute)/minute", items: edits) { world in
            _ = try await ChildSync.run(in: world)
            try await world.waitForAFreshWindow()
            await world.simulator.clearRequestLog()
            let planeIDs = await planeItemIDs(world.simulator)
            let runs = Mutex(0)
            let cachePath = FileManager.default.temporaryDirectory
                .appendingPathComponent("boardsync-bench-\(UUID().uuidString).sqlite").path
            defer {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: cachePath + suffix) }
            }
            let cache = withCache ? try SyncCache(path: cachePath) : nil
            let daemon = try await makeDaemon(world, cache: cache) { runs.withLock { $0 += 1 } }
            let serving = Task { try await daemon.run() }
            defer { serving.cancel() }
            // The daemon syncs once at start; the edits come after that run.
            try await waitFor(seconds: 120) { runs.withLock { $0 } >= 1 }
            try await Task.sleep(for: .seconds(1))
            var edited: [(id: String, at: Date)] = []
            for index in 0..<edits {
                if index > 0 { try await Task.sleep(for: spacing) }
                let at = Date()
                try await world.board.updateOne(
                    ["_id": .objectId(BoardGenerator.id(index))],
                    ["$set": ["title": .string("Edited for the daemon benchmark \(index)"), "updated_at": .date(at)]])
                edited.append((BoardGenerator.idHex(index), at))
            }
            var latencies: [Double] = []
            try await waitFor(seconds: 300) {
                latencies = latenciesSeen(edited, planeIDs: planeIDs, log: await world.simulator.requestLog())
                return latencies.count == edits
            }
            serving.cancel()
            _ = await serving.result
            let log = RequestCounts(await world.simulator.requestLog(), seconds: 0)
            let sorted = latencies.sorted()
            let p50 = sorted[Int((0.5 * Double(edits)).rounded(.up)) - 1]
            let p90 = sorted[Int((0.9 * Double(edits)).rounded(.up)) - 1]
            try ResultRow(
                id: withCache ? "7b" : "7c",
                scenario:
                    "daemon with the change stream, fresh window, \(edits) board edits \(spacing) apart at "
                    + "L = \(limitPerMinute)/minute "
                    + (withCache
                        ? "as `boardsync run` is (its SQLite cache, empty at start)"
                        : "without a cache (a place none can be kept: each run reads Plane's metadata)"),
                reads: log.workItemReads, writes: log.workItemWrites, metadataReads: log.metadataReads,
                throttled: log.throttled, seconds: sorted.reduce(0, +), peakMiB: nil,
                measured:
                    "edit → Plane updated p50 \(format(p50)) s, p90 \(format(p90)) s, max \(format(sorted.last ?? 0)) s; "
                    + "\(runs.withLock { $0 }) runs",
                goal: withCache ? "p50 ≤ 2 s, p90 ≤ 3 s" : "–",
                met: withCache ? p50 <= 2 && p90 <= 3 && log.throttled == 0 : nil
            ).append(to: out)
        }
    }

    private static func makeDaemon(_ world: BenchWorld, cache: SyncCache?, onRun: @escaping @Sendable () -> Void)
        async throws -> SyncDaemon
    {
        let quiet = Logger(label: "boardsync-bench.daemon", factory: { _ in SwiftLogNoOpLogHandler() })
        let keeper = LeaseKeeper(
            database: world.database, settings: LeaseSettings(), holder: "boardsync-bench daemon", logger: quiet)
        var daemon = SyncDaemon(
            leasedRun: LeasedRun(
                engine: SyncEngine(database: world.database, cache: cache, logger: quiet), keeper: keeper),
            schedule: DaemonSchedule(), only: BenchWorld.integrationId, logger: quiet)
        daemon.observer = DaemonObserver(run: { _, _ in onRun() })
        return daemon
    }

    /// Plane item id by board item id (the external id).
    private static func planeItemIDs(_ simulator: PlaneSimulator) async -> [String: String] {
        var ids: [String: String] = [:]
        for item in await simulator.storedItems() {
            if let external = item["external_id"]?.stringValue, let id = item["id"]?.stringValue { ids[external] = id }
        }
        return ids
    }

    /// Seconds from each edit to the first PATCH of its Plane item that Plane accepted after it.
    private static func latenciesSeen(
        _ edited: [(id: String, at: Date)], planeIDs: [String: String], log: [PlaneSimulator.LoggedRequest]
    ) -> [Double] {
        edited.compactMap { edit in
            guard let planeID = planeIDs[edit.id] else { return nil }
            return log.first {
                $0.method == "PATCH" && $0.status == 200 && $0.pathAndQuery.contains("/\(planeID)/")
                    && $0.time >= edit.at
            }.map { $0.time.timeIntervalSince(edit.at) }
        }
    }

    static func waitFor(seconds: Double, _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
        while try await !condition() {
            guard ContinuousClock.now < deadline else { throw BenchError("gave up after \(seconds) s") }
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}
