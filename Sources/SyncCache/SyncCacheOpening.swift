import Foundation
import GRDB

/// How ``SyncCache/open(path:)`` went: the cache, and at most one warning for the operator.
public enum SyncCacheOpening: Sendable {
    /// The file was usable (or new).
    case opened(SyncCache)
    /// The file could not be used (corrupt, truncated, another application's, a newer BoardSync's): it was
    /// moved aside and an empty cache made in its place.
    case rebuilt(SyncCache, warning: String)
    /// No cache can be kept there (a directory, a read-only file or folder, a full disk): the run goes on
    /// without one.
    case unavailable(warning: String)

    public var cache: SyncCache? {
        switch self {
        case .opened(let cache), .rebuilt(let cache, _): cache
        case .unavailable: nil
        }
    }

    public var warning: String? {
        switch self {
        case .opened: nil
        case .rebuilt(_, let warning), .unavailable(let warning): warning
        }
    }
}

extension SyncCache {
    /// The suffix of a file moved aside (its `-wal` and `-shm` follow it): kept for a look, replaced by the next.
    public static let movedAsideSuffix = ".unusable"

    /// Opens the cache at `path` for a command. A file it cannot use is moved aside (to `path.unusable`) and
    /// rebuilt; a place it cannot write makes it run without a cache. Neither fails the command, and either
    /// says why once. Processes opening one file at once take turns (a lock on its folder), so a check or a
    /// migration never races another's.
    public static func open(path: String) -> SyncCacheOpening {
        if let reason = CacheLocation.unusable(path) { return .unavailable(warning: unavailable(path, reason)) }
        return CacheLocation.withFolderLock(path) {
            switch SyncCacheConnection.connect(path) {
            case .success(let pool): return .opened(SyncCache(pool: pool, path: path))
            case .failure(.unavailable(let reason)): return .unavailable(warning: unavailable(path, reason))
            case .failure(.unusable(let reason)):
                let aside = path + movedAsideSuffix
                do {
                    try CacheLocation.moveAside(path, to: aside)
                } catch {
                    return .unavailable(
                        warning: unavailable(path, "\(reason), and it could not be moved aside: \(error)"))
                }
                switch SyncCacheConnection.connect(path) {
                case .success(let pool):
                    return .rebuilt(
                        SyncCache(pool: pool, path: path),
                        warning: "SQLite cache \(path) \(reason); moved it aside to \(aside) and started an empty "
                            + "one: this run reads Plane's metadata again, nothing else changes")
                case .failure(let failure):
                    return .unavailable(
                        warning: unavailable(path, "\(reason); rebuilt, it still failed: \(failure.reason)"))
                }
            }
        }
    }

    private static func unavailable(_ path: String, _ reason: String) -> String {
        "SQLite cache \(path) \(reason): running without a cache, so every run reads Plane's metadata again "
            + "(2 requests, and 4 per Plane project); point --cache / BOARDSYNC_CACHE_PATH at a writable file"
    }
}

/// Opening, checking and migrating one file; what went wrong decides between moving it aside and running
/// without a cache.
enum SyncCacheConnection {
    enum Failure: Error {
        /// The file is not a usable BoardSync cache: move it aside and start again.
        case unusable(String)
        /// The place cannot hold a cache (permissions, a full disk, a lock held too long): run without one.
        case unavailable(String)

        var reason: String {
            switch self {
            case .unusable(let reason), .unavailable(let reason): reason
            }
        }
    }

    static func connect(_ path: String) -> Result<DatabasePool, Failure> {
        var configuration = Configuration()
        // Other processes (a cron run beside the daemon, `check`) write the same file now and then, briefly.
        configuration.busyMode = .timeout(5)
        configuration.label = "boardsync-cache"
        let pool: DatabasePool
        do {
            try FileManager.default.createDirectory(
                at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            return .failure(classify(error))
        }
        do {
            try pool.writeWithoutTransaction { db in try check(db) }
            try SyncCacheSchema.migrator.migrate(pool)
            return .success(pool)
        } catch {
            try? pool.close()
            return .failure(classify(error))
        }
    }

    /// Integrity, owner and schema version, before anything is written.
    private static func check(_ db: Database) throws {
        let integrity = try String.fetchAll(db, sql: "PRAGMA quick_check")
        guard integrity == ["ok"] else {
            throw Failure.unusable("is corrupt (\(integrity.prefix(2).joined(separator: "; ")))")
        }
        let application = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        let tables = Set(
            try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"))
        switch application {
        case SyncCacheSchema.applicationId:
            guard version <= SyncCacheSchema.version else {
                throw Failure.unusable(
                    "was written by a newer BoardSync (cache schema \(version); this one knows up to "
                        + "\(SyncCacheSchema.version))")
            }
        case 0 where tables.isEmpty:
            return  // a new file
        case 0 where tables.contains("grdb_migrations"):
            break  // a cache of before v2, when the file carried no application id
        default:
            let owner = application == 0 ? "" : String(format: " (application_id 0x%08x)", application)
            throw Failure.unusable(
                "is not a BoardSync cache\(owner): it holds \(tables.sorted().prefix(5).joined(separator: ", "))")
        }
        if try SyncCacheSchema.migrator.hasBeenSuperseded(db) {
            let applied = try SyncCacheSchema.migrator.appliedIdentifiers(db).sorted().joined(separator: ", ")
            throw Failure.unusable("was written by a newer BoardSync (its migrations: \(applied))")
        }
    }

    private static func classify(_ error: any Error) -> Failure {
        if let failure = error as? Failure { return failure }
        guard let error = error as? DatabaseError else { return .unavailable("cannot be opened (\(error))") }
        switch error.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT, .SQLITE_FORMAT, .SQLITE_SCHEMA, .SQLITE_MISMATCH, .SQLITE_RANGE:
            return .unusable("is not a usable SQLite database (\(error.message ?? "\(error.resultCode)"))")
        case .SQLITE_ERROR:
            // A schema this build does not expect (a table where a migration makes one): not ours to keep.
            return .unusable("does not hold the tables BoardSync expects (\(error.message ?? "SQL error"))")
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH:
            return .unavailable("is read-only (\(error.message ?? "\(error.resultCode)"))")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .unavailable("is locked by another process for over 5 seconds (\(error.message ?? "busy"))")
        default:
            return .unavailable("cannot be opened or written (\(error.message ?? "\(error.resultCode)"))")
        }
    }
}
