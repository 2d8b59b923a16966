import Foundation
import GRDB

extension SyncCache {
    /// Plane metadata of one project fetched no longer than `maxAge` before `now`, or `nil`.
    public func metadata(
        integrationId: String, planeProjectId: String, kind: String, maxAge: Duration, now: Date
    ) async throws(SyncCacheError) -> CachedMetadata? {
        let oldest = now.addingTimeInterval(-Double(maxAge.components.seconds)).milliseconds
        return try await read("read cached Plane \(kind) of project \(planeProjectId)") { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT payload, fetched_ms FROM plane_metadata
                    WHERE integration_id = ? AND plane_project_id = ? AND kind = ? AND fetched_ms >= ?
                    """,
                arguments: [integrationId, planeProjectId, kind, oldest]
            ).map { row in
                CachedMetadata(kind: kind, payload: row["payload"], fetchedAt: Date(milliseconds: row["fetched_ms"]))
            }
        }
    }

    public func saveMetadata(
        integrationId: String, planeProjectId: String, kind: String, payload: Data, fetchedAt: Date
    ) async throws(SyncCacheError) {
        try await write("save Plane \(kind) of project \(planeProjectId)") { db in
            try db.execute(
                sql: """
                    INSERT INTO plane_metadata (integration_id, plane_project_id, kind, payload, fetched_ms)
                    VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(integration_id, plane_project_id, kind)
                    DO UPDATE SET payload = excluded.payload, fetched_ms = excluded.fetched_ms
                    """,
                arguments: [integrationId, planeProjectId, kind, payload, fetchedAt.milliseconds])
        }
    }
}

extension SyncCache {
    public func recordRun(_ run: RunRecord) async throws(SyncCacheError) {
        let milliseconds =
            run.duration.components.seconds * 1000 + run.duration.components.attoseconds / 1_000_000_000_000_000
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
}
