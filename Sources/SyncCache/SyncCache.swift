import Foundation
import GRDB

/// BoardSync's local SQLite cache (GRDB, WAL): a copy of each integration's checkpoint, per-item
/// fingerprints for fast no-op detection, Plane metadata with a short expiry, and run history.
///
/// It is only a cache in front of MongoDB. Deleting the file (with its `-wal` and `-shm`) is safe: the
/// next run rebuilds it from `integrations.sync_state`, `board_links` and Plane. No method reads a
/// clock; callers pass `now`.
public final class SyncCache: Sendable {
    let writer: DatabasePool

    /// Opens (creating if needed) the cache at `path` and brings its schema up to date.
    ///
    /// - Throws: ``SyncCacheError`` naming the file when it cannot be opened or migrated.
    public init(path: String) throws(SyncCacheError) {
        do {
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            var configuration = Configuration()
            configuration.busyMode = .timeout(5)
            writer = try DatabasePool(path: path, configuration: configuration)
            try SyncCacheSchema.migrator.migrate(writer)
        } catch {
            throw SyncCacheError(path: path, operation: "open", underlying: "\(error)")
        }
    }

    /// The file path, for messages.
    public var path: String { writer.path }

    func write<T: Sendable>(_ operation: String, _ body: @escaping @Sendable (Database) throws -> T)
        async throws(SyncCacheError) -> T
    {
        do {
            return try await writer.write(body)
        } catch {
            throw SyncCacheError(path: path, operation: operation, underlying: "\(error)")
        }
    }

    func read<T: Sendable>(_ operation: String, _ body: @escaping @Sendable (Database) throws -> T)
        async throws(SyncCacheError) -> T
    {
        do {
            return try await writer.read(body)
        } catch {
            throw SyncCacheError(path: path, operation: operation, underlying: "\(error)")
        }
    }
}

/// The cache could not be opened, read or written. The run can go on without it (MongoDB holds the truth).
public struct SyncCacheError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var operation: String
    public var underlying: String

    public var description: String {
        "SQLite cache \(path): \(operation) failed: \(underlying). The cache is only a copy: delete the file "
            + "(with its -wal and -shm) or point --cache / BOARDSYNC_CACHE_PATH at a writable place."
    }
}
