import Foundation
import GRDB
import Testing

@testable import SyncCache

/// `SyncCache.open(path:)`: a file it cannot use is moved aside and rebuilt, a place it cannot write runs
/// without a cache; each says so in one warning, and none fails.
@Suite struct SyncCacheOpeningTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cache-\(UUID().uuidString)")
    var path: String { directory.appendingPathComponent("nested/boardsync.sqlite").path }
    let now = Date(timeIntervalSince1970: 1_764_000_000)

    func write(_ bytes: Data) throws {
        try FileManager.default.createDirectory(
            atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path, withIntermediateDirectories: true)
        try bytes.write(to: URL(fileURLWithPath: path))
    }

    /// A cache with a run recorded, closed.
    func filledCache() async throws {
        let cache = try SyncCache(path: path)
        for index in 0..<50 {
            try await cache.recordRun(
                RunRecord(
                    integrationId: "plane-acme", mode: "sync", startedAt: now, duration: .seconds(1), exitCode: 0,
                    summaryJSON: String(repeating: "x", count: 500) + "\(index)"))
        }
        try cache.writer.close()
    }

    /// The opening was a rebuild: one warning naming the file and why, the bad file kept aside, an empty
    /// cache that works.
    func expectRebuilt(_ opening: SyncCacheOpening, because reason: String) async throws {
        guard case .rebuilt(let cache, let warning) = opening else {
            Issue.record("expected a rebuild, got \(opening)")
            return
        }
        #expect(warning.contains(path) && (reason.isEmpty || warning.contains(reason)), "\(warning)")
        #expect(warning.contains("moved it aside to \(path).unusable"))
        #expect(FileManager.default.fileExists(atPath: path + SyncCache.movedAsideSuffix))
        #expect(try await cache.recentRuns(integrationId: "plane-acme").isEmpty)
        try await cache.recordRun(
            RunRecord(integrationId: "i", mode: "sync", startedAt: now, duration: .zero, exitCode: 0, summaryJSON: "{}")
        )
        #expect(try await cache.recentRuns(integrationId: "i").count == 1)
        // Opened again, the rebuilt file is simply used.
        guard case .opened = SyncCache.open(path: path) else {
            Issue.record("the rebuilt cache was not opened as it is")
            return
        }
    }

    func expectUnavailable(_ opening: SyncCacheOpening, because reason: String) {
        guard case .unavailable(let warning) = opening else {
            Issue.record("expected to run without a cache, got \(opening)")
            return
        }
        #expect(warning.contains(path) && (reason.isEmpty || warning.contains(reason)), "\(warning)")
        #expect(warning.contains("running without a cache") && warning.contains("BOARDSYNC_CACHE_PATH"))
    }

    @Test func aNewFileIsCreatedWithItsFoldersInWALMode() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let opening = SyncCache.open(path: path)
        guard case .opened(let cache) = opening else {
            Issue.record("\(opening)")
            return
        }
        #expect(opening.warning == nil)
        let mode = try await cache.writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        let owner = try await cache.writer.read { db in try Int32.fetchOne(db, sql: "PRAGMA application_id") }
        #expect(owner == SyncCacheSchema.applicationId)
    }

    @Test func garbageIsMovedAsideAndRebuilt() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try write(Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 7919) }))
        try await expectRebuilt(SyncCache.open(path: path), because: "is not a usable SQLite database")
        let kept = try Data(contentsOf: URL(fileURLWithPath: path + SyncCache.movedAsideSuffix))
        #expect(kept.count == 8192)
    }

    @Test func aTruncatedFileIsMovedAsideAndRebuilt() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try await filledCache()
        let whole = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(whole.count > 8192)
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        try write(whole.prefix(whole.count / 2))
        let opening = SyncCache.open(path: path)
        try await expectRebuilt(opening, because: "")
        #expect(opening.warning.map { $0.contains("corrupt") || $0.contains("not a usable") } == true)
    }

    @Test func anotherApplicationsDatabaseIsMovedAside() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(
            atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path, withIntermediateDirectories: true)
        let foreign = try DatabaseQueue(path: path)
        try await foreign.write { db in
            try db.execute(sql: "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
            try db.execute(sql: "INSERT INTO invoices (total) VALUES (12.5)")
        }
        try foreign.close()
        try await expectRebuilt(SyncCache.open(path: path), because: "is not a BoardSync cache")
        let kept = try DatabaseQueue(path: path + SyncCache.movedAsideSuffix)
        #expect(try await kept.read { db in try Double.fetchOne(db, sql: "SELECT total FROM invoices") } == 12.5)
    }

    @Test func aNewerBoardSyncsCacheIsMovedAside() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try await filledCache()
        let pool = try DatabasePool(path: path)
        try await pool.write { db in try db.execute(sql: "PRAGMA user_version = 7") }
        try pool.close()
        try await expectRebuilt(SyncCache.open(path: path), because: "was written by a newer BoardSync")
    }

    @Test func aMigrationThisBuildDoesNotKnowIsANewerCache() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try await filledCache()
        let pool = try DatabasePool(path: path)
        try await pool.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9')") }
        try pool.close()
        try await expectRebuilt(SyncCache.open(path: path), because: "was written by a newer BoardSync")
    }

    @Test func aCacheOfBeforeVersion2IsUpgradedInPlace() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(
            atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path, withIntermediateDirectories: true)
        let old = try DatabasePool(path: path)
        try SyncCacheSchema.migrator.migrate(old, upTo: "v1")
        try await old.write { db in
            try db.execute(
                sql: """
                    INSERT INTO run (integration_id, mode, started_ms, duration_ms, exit_code, summary_json)
                    VALUES ('plane-acme', 'sync', 1764000000000, 1000, 0, '{}')
                    """)
        }
        try old.close()
        guard case .opened(let cache) = SyncCache.open(path: path) else {
            Issue.record("a v1 cache was not upgraded")
            return
        }
        #expect(try await cache.recentRuns(integrationId: "plane-acme").count == 1)
        let tables = try await cache.writer.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        }
        #expect(!tables.contains("item_fingerprint"), "the table nothing used is gone")
        #expect(tables.contains("item_snapshot") && tables.contains("listing_position"))
    }

    @Test func aDirectoryRunsWithoutACache() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        expectUnavailable(SyncCache.open(path: path), because: "is a directory")
    }

    @Test func aReadOnlyFileRunsWithoutACacheAndIsLeftAlone() async throws {
        defer {
            chmod(path, 0o644)
            try? FileManager.default.removeItem(at: directory)
        }
        try await filledCache()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(chmod(path, 0o444) == 0)
        expectUnavailable(SyncCache.open(path: path), because: "is read-only")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(!FileManager.default.fileExists(atPath: path + SyncCache.movedAsideSuffix))
    }

    @Test func aReadOnlyFolderRunsWithoutACache() throws {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        defer {
            chmod(folder, 0o755)
            try? FileManager.default.removeItem(at: directory)
        }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        #expect(chmod(folder, 0o555) == 0)
        expectUnavailable(SyncCache.open(path: path), because: "read-only")
    }

    @Test func aPathUnderAFileRunsWithoutACache() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("nested")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: file)
        expectUnavailable(SyncCache.open(path: path), because: "is not a folder")
    }

    /// Processes (here: tasks) opening one new file at once take turns: each gets the same good cache,
    /// none takes another's half-made schema for a bad file.
    @Test func manyOpeningsAtOnceShareOneFile() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = self.path
        let now = self.now
        try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<12 {
                group.addTask {
                    let opening = SyncCache.open(path: path)
                    guard case .opened(let cache) = opening else { return false }
                    try await cache.recordRun(
                        RunRecord(
                            integrationId: "i", mode: "sync", startedAt: now.addingTimeInterval(Double(index)),
                            duration: .zero, exitCode: 0, summaryJSON: "{}"))
                    return true
                }
            }
            for try await opened in group { #expect(opened) }
        }
        #expect(try await SyncCache(path: path).recentRuns(integrationId: "i", limit: 100).count == 12)
        #expect(!FileManager.default.fileExists(atPath: path + SyncCache.movedAsideSuffix))
    }
}
