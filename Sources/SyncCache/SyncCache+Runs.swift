import Essentials
import Foundation
import GRDB

extension SyncCache {
    /// How many runs of an integration the history keeps (older ones are dropped as new ones come).
    public static let keptRuns = 200

    public func recordRun(_ run: RunRecord) async throws(SyncCacheError) {
        let milliseconds = run.duration.inMilliseconds
        try await write("record a \(run.mode) run of \(run.integrationId)") { db in
            try db.execute(
                sql: """
                    INSERT INTO run (integration_id, mode, started_ms, duration_ms, exit_code, summary_json)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    run.integrationId, run.mode, run.startedAt.milliseconds, milliseconds, run.exitCode,
                    run.summaryJSON,
                ])
            try db.execute(
                sql: """
                    DELETE FROM run WHERE integration_id = ? AND id NOT IN
                      (SELECT id FROM run WHERE integration_id = ? ORDER BY started_ms DESC, id DESC LIMIT ?)
                    """,
                arguments: [run.integrationId, run.integrationId, Self.keptRuns])
        }
    }

    /// The newest runs first.
    public func recentRuns(integrationId: String, limit: Int = 10) async throws(SyncCacheError) -> [RunRecord] {
        try await read("read the run history of \(integrationId)") { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM run WHERE integration_id = ? ORDER BY started_ms DESC, id DESC LIMIT ?",
                arguments: [integrationId, limit]
            ).map { row in
                RunRecord(
                    integrationId: row["integration_id"], mode: row["mode"],
                    startedAt: Date(milliseconds: row["started_ms"]),
                    duration: .milliseconds(row["duration_ms"] as Int64), exitCode: row["exit_code"],
                    summaryJSON: row["summary_json"])
            }
        }
    }

    /// What the file holds (every scope), for `check` and `status`.
    public func contents() async throws(SyncCacheError) -> CacheContents {
        let path = self.path
        return try await read("read what the cache holds") { db in
            func count(_ table: String) throws -> Int {
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0
            }
            func date(_ sql: String) throws -> Date? { try Int64.fetchOne(db, sql: sql).map(Date.init(milliseconds:)) }
            let sizes = ["", "-wal"].map { suffix in
                ((try? FileManager.default.attributesOfItem(atPath: path + suffix))?[.size] as? NSNumber)?.int64Value
                    ?? 0
            }
            return CacheContents(
                bytes: sizes.reduce(0, +), metadataEntries: try count("plane_metadata"),
                oldestMetadata: try date("SELECT MIN(fetched_ms) FROM plane_metadata"),
                newestMetadata: try date("SELECT MAX(fetched_ms) FROM plane_metadata"),
                snapshots: try count("item_snapshot"),
                newestSnapshot: try date("SELECT MAX(seen_ms) FROM item_snapshot"),
                runs: try count("run"), lastRun: try date("SELECT MAX(started_ms) FROM run"))
        }
    }
}
