import GRDB

/// The cache's schema, grown only by new migrations so an old file upgrades in place. Every migration sets
/// `user_version` to its number, and the file carries BoardSync's `application_id`: a file with another
/// application's id, or a version this build does not know, is not ours to use (``SyncCache/open(path:)``
/// moves it aside).
enum SyncCacheSchema {
    /// `PRAGMA application_id` of a BoardSync cache ("BSyn").
    static let applicationId: Int32 = 0x4253_796E
    /// The newest `user_version` this build writes.
    static let version = 2

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "checkpoint") { table in
                table.primaryKey("integration_id", .text)
                table.column("cursor_ms", .integer)
                table.column("remote_watermark_us", .integer)
                table.column("last_success_ms", .integer)
                table.column("saved_ms", .integer).notNull()
            }
            try db.create(table: "item_fingerprint") { table in
                table.column("integration_id", .text).notNull()
                table.column("board_item_id", .text).notNull()
                table.column("plane_item_id", .text)
                table.column("input_fingerprint", .text).notNull()
                table.column("remote_fingerprint", .text)
                table.column("updated_ms", .integer).notNull()
                table.primaryKey(["integration_id", "board_item_id"])
            }
            try db.create(table: "plane_metadata") { table in
                table.column("integration_id", .text).notNull()
                table.column("plane_project_id", .text).notNull()
                table.column("kind", .text).notNull()
                table.column("payload", .blob).notNull()
                table.column("fetched_ms", .integer).notNull()
                table.primaryKey(["integration_id", "plane_project_id", "kind"])
            }
            try db.create(table: "run") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("integration_id", .text).notNull().indexed()
                table.column("mode", .text).notNull()
                table.column("started_ms", .integer).notNull()
                table.column("duration_ms", .integer).notNull()
                table.column("exit_code", .integer).notNull()
                table.column("summary_json", .text).notNull()
            }
        }
        // v2 (issue 13): every Plane-derived row is keyed by a scope (integration, database, Plane address,
        // workspace, key), so two databases or two keys sharing one file never read each other's rows; the
        // metadata is kept per kind (each refreshed on its own evidence); the item fingerprints, which
        // nothing read (MongoDB's links hold them), give way to the last Plane snapshot of each item; each
        // project's listing position joins the checkpoint copy. A cache holds nothing that cannot be read
        // again, so the v1 rows are dropped rather than converted.
        migrator.registerMigration("v2") { db in
            try db.drop(table: "item_fingerprint")
            try db.drop(table: "plane_metadata")
            try db.drop(table: "checkpoint")
            try db.create(table: "plane_metadata") { table in
                table.column("scope", .text).notNull()
                table.column("project", .text).notNull()
                table.column("kind", .text).notNull()
                table.column("payload", .blob).notNull()
                /// Values looked for in this copy and not found (a status no state has): known absent, so the
                /// same value is no evidence of staleness again until the copy expires.
                table.column("absent", .text).notNull().defaults(to: "[]")
                table.column("fetched_ms", .integer).notNull()
                table.primaryKey(["scope", "project", "kind"])
            }
            try db.create(table: "checkpoint") { table in
                table.primaryKey("scope", .text)
                table.column("integration_id", .text).notNull()
                table.column("cursor_ms", .integer)
                table.column("watermark", .text)
                table.column("saved_ms", .integer).notNull()
            }
            try db.create(table: "listing_position") { table in
                table.column("scope", .text).notNull()
                table.column("project", .text).notNull()
                table.column("watermark", .text).notNull()
                table.primaryKey(["scope", "project"])
            }
            try db.create(table: "item_snapshot") { table in
                table.column("scope", .text).notNull()
                table.column("plane_item_id", .text).notNull()
                table.column("board_item_id", .text).notNull()
                table.column("project", .text).notNull()
                table.column("updated_at", .text)
                table.column("updated_by", .text)
                table.column("remote_fingerprint", .text).notNull()
                table.column("seen_ms", .integer).notNull()
                table.primaryKey(["scope", "plane_item_id"])
            }
            try db.create(index: "item_snapshot_board", on: "item_snapshot", columns: ["scope", "board_item_id"])
            try db.execute(sql: "PRAGMA application_id = \(applicationId)")
            try db.execute(sql: "PRAGMA user_version = 2")
        }
        return migrator
    }
}
