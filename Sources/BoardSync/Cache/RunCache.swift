import Foundation
import Logging
import MongoDriver
import PlaneAPI
import SyncCache

/// Opening the SQLite cache for a command: the file at `path`, or none, with the one warning that says why
/// (a file moved aside and rebuilt, or a place no cache can be kept). A command never fails for its cache.
public enum LocalCache {
    public static func open(path: String, logger: Logger) -> SyncCache? {
        let opening = SyncCache.open(path: path)
        if let warning = opening.warning { logger.warning("\(warning)") }
        return opening.cache
    }

    /// The rows of the cache that belong to one integration as this process sees it: its id, the database
    /// holding its links, Plane's address (without user information), the workspace and the key's
    /// fingerprint. Two databases, two Planes or a rotated key never read each other's rows.
    static func scope(_ integration: Integration, database: String, key: PlaneAPIKey) -> String {
        [
            integration.id, database, Redaction.display(integration.apiRoot), integration.workspaceSlug,
            "key \(key.fingerprint)",
        ].joined(separator: "|")
    }
}

extension SyncEngine {
    /// The engine of a command: `database`, the cache at the settings' path (or none, with the one warning
    /// that says why) and the settings' metadata TTL.
    public init(database: MongoDatabase, settings: BoardSyncSettings, logger: Logger) {
        self.init(
            database: database, cache: LocalCache.open(path: settings.cachePath, logger: logger),
            metadataTTL: settings.metadataTTL, logger: logger)
    }
}

/// The cache as one command or run uses it: its scope's rows, and at most one warning when the file fails
/// mid-run, after which the run goes on without it (MongoDB and Plane hold the truth).
final class RunCache {
    let cache: SyncCache
    let scope: String
    let logger: Logger
    private var failed = false

    init(cache: SyncCache, scope: String, logger: Logger) {
        self.cache = cache
        self.scope = scope
        self.logger = logger
    }

    /// `body`'s result, or nil when the cache failed (now or earlier in the run).
    func use<T>(_ body: (SyncCache, String) async throws -> T) async -> T? {
        guard !failed else { return nil }
        do {
            return try await body(cache, scope)
        } catch {
            failed = true
            logger.warning("\(error) This run goes on without the cache.")
            return nil
        }
    }
}
