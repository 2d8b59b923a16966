import Foundation
import GRDB

extension SyncCache {
    /// Keeps the newest snapshot of each item (one transaction).
    public func saveSnapshots(scope: String, _ snapshots: [CachedSnapshot]) async throws(SyncCacheError) {
        guard !snapshots.isEmpty else { return }
        try await write("save \(snapshots.count) Plane item snapshots") { db in
            let statement = try db.makeStatement(
                sql: """
                    INSERT INTO item_snapshot
                      (scope, plane_item_id, board_item_id, project, updated_at, updated_by, remote_fingerprint, seen_ms)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(scope, plane_item_id) DO UPDATE SET board_item_id = excluded.board_item_id,
                      project = excluded.project, updated_at = excluded.updated_at, updated_by = excluded.updated_by,
                      remote_fingerprint = excluded.remote_fingerprint, seen_ms = excluded.seen_ms
                    """)
            for item in snapshots {
                try statement.execute(arguments: [
                    scope, item.planeItemId, item.boardItemId, item.project, item.updatedAt, item.updatedBy,
                    item.remoteFingerprint, item.seenAt.milliseconds,
                ])
            }
        }
    }

    /// The last snapshot seen of the Plane item mirroring `boardItemId`, if any.
    public func snapshot(scope: String, boardItemId: String) async throws(SyncCacheError) -> CachedSnapshot? {
        try await read("read the Plane snapshot of \(boardItemId)") { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM item_snapshot WHERE scope = ? AND board_item_id = ? ORDER BY seen_ms DESC",
                arguments: [scope, boardItemId]
            ).map(Self.snapshot)
        }
    }

    /// Forgets the snapshots of these board items (unlinked, deleted).
    public func removeSnapshots(scope: String, boardItemIds: [String]) async throws(SyncCacheError) {
        guard !boardItemIds.isEmpty else { return }
        try await write("remove Plane item snapshots") { db in
            for id in boardItemIds {
                try db.execute(
                    sql: "DELETE FROM item_snapshot WHERE scope = ? AND board_item_id = ?", arguments: [scope, id])
            }
        }
    }

    private static func snapshot(_ row: Row) -> CachedSnapshot {
        CachedSnapshot(
            planeItemId: row["plane_item_id"], boardItemId: row["board_item_id"], project: row["project"],
            updatedAt: row["updated_at"], updatedBy: row["updated_by"], remoteFingerprint: row["remote_fingerprint"],
            seenAt: Date(milliseconds: row["seen_ms"]))
    }
}
