import Foundation
import GRDB

/// BoardSync's local SQLite cache (GRDB, WAL, a busy timeout so several processes can share one file):
/// Plane metadata per project with an expiry, a copy of the checkpoint with each project's listing
/// position, the last Plane snapshot of each linked item, and the run history.
///
/// It is only a cache in front of MongoDB. Deleting the file (with its `-wal` and `-shm`) is safe: the
/// next run rebuilds it from `integrations.sync_state`, `board_links` and Plane, at the cost of reads.
/// No method reads a clock; callers pass `now`. Open it with ``open(path:)``, which moves a file it cannot
/// use aside (or says why it runs without one) instead of failing.
public final class SyncCache: Sendable {
    let writer: DatabasePool
    /// The file path, for messages.
    public let path: String

    /// Opens (creating if needed) the cache at `path` and brings its schema up to date, with none of
    /// ``open(path:)``'s recovery: a file that is not a usable BoardSync cache throws.
    ///
    /// - Throws: ``SyncCacheError`` naming the file when it cannot be opened, checked or migrated.
    public init(path: String) throws(SyncCacheError) {
        self.path = path
        switch SyncCacheConnection.connect(path) {
        case .success(let pool): writer = pool
        case .failure(let failure): throw SyncCacheError(path: path, operation: "open", underlying: failure.reason)
        }
    }

    init(pool: DatabasePool, path: String) {
        writer = pool
        self.path = path
    }

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
