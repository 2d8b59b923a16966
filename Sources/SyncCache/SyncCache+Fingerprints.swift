import Foundation
import GRDB

extension SyncCache {
    /// The fingerprints of the given items that the cache holds, by board item id.
    public func fingerprints(integrationId: String, boardItemIds: [String]) async throws(SyncCacheError)
        -> [String: CachedFingerprint]
    {
        try await read("read item fingerprints of \(integrationId)") { db in
            var found: [String: CachedFingerprint] = [:]
            // SQLite limits bound parameters; ask in chunks.
            for start in stride(from: 0, to: boardItemIds.count, by: 500) {
                let chunk = Array(boardItemIds[start..<min(start + 500, boardItemIds.count)])
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                let rows = try Row.fetchAll(
                    db,
                    sql: "SELECT * FROM item_fingerprint WHERE integration_id = ? AND board_item_id IN (\(marks))",
                    arguments: StatementArguments([integrationId] + chunk))
                for row in rows {
                    let fingerprint = Self.fingerprint(row)
                    found[fingerprint.boardItemId] = fingerprint
                }
            }
            return found
        }
    }

    public func allFingerprints(integrationId: String) async throws(SyncCacheError) -> [CachedFingerprint] {
        try await read("read item fingerprints of \(integrationId)") { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM item_fingerprint WHERE integration_id = ? ORDER BY board_item_id",
                arguments: [integrationId]
            ).map(Self.fingerprint)
        }
    }

    public func saveFingerprints(_ fingerprints: [CachedFingerprint]) async throws(SyncCacheError) {
        guard !fingerprints.isEmpty else { return }
        try await write("save \(fingerprints.count) item fingerprints") { db in
            let statement = try db.makeStatement(
                sql: """
                    INSERT INTO item_fingerprint
                      (integration_id, board_item_id, plane_item_id, input_fingerprint, remote_fingerprint, updated_ms)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT(integration_id, board_item_id) DO UPDATE SET plane_item_id = excluded.plane_item_id,
                      input_fingerprint = excluded.input_fingerprint, remote_fingerprint = excluded.remote_fingerprint,
                      updated_ms = excluded.updated_ms
                    """)
            for item in fingerprints {
                try statement.execute(arguments: [
                    item.integrationId, item.boardItemId, item.planeItemId, item.inputFingerprint,
                    item.remoteFingerprint, item.updatedAt.milliseconds,
                ])
            }
        }
    }

    public func removeFingerprints(integrationId: String, boardItemIds: [String]) async throws(SyncCacheError) {
        try await write("remove item fingerprints of \(integrationId)") { db in
            for id in boardItemIds {
                try db.execute(
                    sql: "DELETE FROM item_fingerprint WHERE integration_id = ? AND board_item_id = ?",
                    arguments: [integrationId, id])
            }
        }
    }

    private static func fingerprint(_ row: Row) -> CachedFingerprint {
        CachedFingerprint(
            integrationId: row["integration_id"], boardItemId: row["board_item_id"], planeItemId: row["plane_item_id"],
            inputFingerprint: row["input_fingerprint"], remoteFingerprint: row["remote_fingerprint"],
            updatedAt: Date(milliseconds: row["updated_ms"]))
    }
}
