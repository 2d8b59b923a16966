import Foundation
import GRDB

extension SyncCache {
    /// Every kind of Plane metadata kept for `scope` and these projects (`*` for the workspace's), whatever
    /// its age: the caller weighs `fetchedAt` against its expiry.
    public func metadata(scope: String, projects: [String]) async throws(SyncCacheError) -> [CachedMetadata] {
        try await read("read cached Plane metadata") { db in
            let marks = Array(repeating: "?", count: projects.count).joined(separator: ",")
            return try Row.fetchAll(
                db,
                sql: "SELECT * FROM plane_metadata WHERE scope = ? AND project IN (\(marks)) ORDER BY project, kind",
                arguments: StatementArguments([scope] + projects)
            ).map { row in
                let absent =
                    (try? JSONDecoder().decode([String].self, from: Data((row["absent"] as String).utf8))) ?? []
                return CachedMetadata(
                    kind: row["kind"], project: row["project"], payload: row["payload"], absent: Set(absent),
                    fetchedAt: Date(milliseconds: row["fetched_ms"]))
            }
        }
    }

    /// Replaces the kept copies of these kinds (one transaction).
    public func saveMetadata(scope: String, _ entries: [CachedMetadata]) async throws(SyncCacheError) {
        guard !entries.isEmpty else { return }
        try await write("save Plane metadata") { db in
            for entry in entries {
                let absent = String(decoding: try JSONEncoder().encode(entry.absent.sorted()), as: UTF8.self)
                try db.execute(
                    sql: """
                        INSERT INTO plane_metadata (scope, project, kind, payload, absent, fetched_ms)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT(scope, project, kind) DO UPDATE SET payload = excluded.payload,
                          absent = excluded.absent, fetched_ms = excluded.fetched_ms
                        """,
                    arguments: [scope, entry.project, entry.kind, entry.payload, absent, entry.fetchedAt.milliseconds])
            }
        }
    }

    /// Forgets the kept metadata of `scope` (all of it, or of these projects).
    public func removeMetadata(scope: String, projects: [String]? = nil) async throws(SyncCacheError) {
        try await write("remove Plane metadata") { db in
            if let projects {
                for project in projects {
                    try db.execute(
                        sql: "DELETE FROM plane_metadata WHERE scope = ? AND project = ?", arguments: [scope, project])
                }
            } else {
                try db.execute(sql: "DELETE FROM plane_metadata WHERE scope = ?", arguments: [scope])
            }
        }
    }
}
