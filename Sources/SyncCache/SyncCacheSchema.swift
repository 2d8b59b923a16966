import GRDB

/// The cache's schema, grown only by new migrations so an old file upgrades in place.
enum SyncCacheSchema {
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
        return migrator
    }
}
