import Foundation
import GRDB

extension SyncCache {
    public func checkpoint(integrationId: String) async throws(SyncCacheError) -> CachedCheckpoint? {
        try await read("read the checkpoint of \(integrationId)") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM checkpoint WHERE integration_id = ?", arguments: [integrationId])
                .map { row in
                    CachedCheckpoint(
                        integrationId: row["integration_id"],
                        cursor: (row["cursor_ms"] as Int64?).map(Date.init(milliseconds:)),
                        remoteWatermarkMicroseconds: row["remote_watermark_us"],
                        lastSuccessAt: (row["last_success_ms"] as Int64?).map(Date.init(milliseconds:)),
                        savedAt: Date(milliseconds: row["saved_ms"]))
                }
        }
    }

    public func saveCheckpoint(_ checkpoint: CachedCheckpoint) async throws(SyncCacheError) {
        try await write("save the checkpoint of \(checkpoint.integrationId)") { db in
            try db.execute(
                sql: """
                    INSERT INTO checkpoint (integration_id, cursor_ms, remote_watermark_us, last_success_ms, saved_ms)
                    VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(integration_id) DO UPDATE SET cursor_ms = excluded.cursor_ms,
                      remote_watermark_us = excluded.remote_watermark_us, last_success_ms = excluded.last_success_ms,
                      saved_ms = excluded.saved_ms
                    """,
                arguments: [
                    checkpoint.integrationId, checkpoint.cursor?.milliseconds, checkpoint.remoteWatermarkMicroseconds,
                    checkpoint.lastSuccessAt?.milliseconds, checkpoint.savedAt.milliseconds,
                ])
        }
    }
}
