import Foundation
import GRDB

extension SyncCache {
    public func checkpoint(scope: String) async throws(SyncCacheError) -> CachedCheckpoint? {
        try await read("read the checkpoint copy") { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM checkpoint WHERE scope = ?", arguments: [scope])
            else { return nil }
            let positions = try Row.fetchAll(
                db, sql: "SELECT project, watermark FROM listing_position WHERE scope = ?", arguments: [scope])
            return CachedCheckpoint(
                scope: scope, integrationId: row["integration_id"],
                cursor: (row["cursor_ms"] as Int64?).map(Date.init(milliseconds:)), watermark: row["watermark"],
                listingPositions: Dictionary(
                    positions.map { ($0["project"] as String, $0["watermark"] as String) },
                    uniquingKeysWith: { first, _ in first }),
                savedAt: Date(milliseconds: row["saved_ms"]))
        }
    }

    /// Replaces the checkpoint copy and the listing positions of its scope (one transaction).
    public func saveCheckpoint(_ checkpoint: CachedCheckpoint) async throws(SyncCacheError) {
        try await write("save the checkpoint copy") { db in
            try db.execute(
                sql: """
                    INSERT INTO checkpoint (scope, integration_id, cursor_ms, watermark, saved_ms) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(scope) DO UPDATE SET integration_id = excluded.integration_id,
                      cursor_ms = excluded.cursor_ms, watermark = excluded.watermark, saved_ms = excluded.saved_ms
                    """,
                arguments: [
                    checkpoint.scope, checkpoint.integrationId, checkpoint.cursor?.milliseconds, checkpoint.watermark,
                    checkpoint.savedAt.milliseconds,
                ])
            try db.execute(sql: "DELETE FROM listing_position WHERE scope = ?", arguments: [checkpoint.scope])
            for (project, watermark) in checkpoint.listingPositions.sorted(by: { $0.key < $1.key }) {
                try db.execute(
                    sql: "INSERT INTO listing_position (scope, project, watermark) VALUES (?, ?, ?)",
                    arguments: [checkpoint.scope, project, watermark])
            }
        }
    }

    /// Forgets the checkpoint copy (a run that could not save MongoDB's): the next run trusts MongoDB alone.
    public func removeCheckpoint(scope: String) async throws(SyncCacheError) {
        try await write("remove the checkpoint copy") { db in
            try db.execute(sql: "DELETE FROM checkpoint WHERE scope = ?", arguments: [scope])
            try db.execute(sql: "DELETE FROM listing_position WHERE scope = ?", arguments: [scope])
        }
    }
}
