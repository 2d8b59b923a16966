import ArgumentParser
import BoardSync
import Foundation
import MongoDriver

/// Options every command takes; each also settable in the configuration file and the environment.
struct CommonOptions: ParsableArguments {
    @Option(help: "JSON configuration file (see config/boardsync.example.json).")
    var config: String?

    @Option(name: .customLong("mongodb-uri"), help: "MongoDB connection string (env BOARDSYNC_MONGODB_URI).")
    var mongodbURI: String?

    @Option(help: "Database holding the Nexus collections (env BOARDSYNC_DATABASE; default nexus).")
    var database: String?

    @Option(help: "SQLite cache file (env BOARDSYNC_CACHE_PATH).")
    var cache: String?

    @Option(help: "Serve only this integration (env BOARDSYNC_INTEGRATION; default every enabled one).")
    var integration: String?

    @Option(help: "Log format on standard error: human or json (env BOARDSYNC_LOG_FORMAT).")
    var logFormat: LogFormatOption?

    func overrides(lease: LeaseOptions? = nil) -> BoardSyncSettings.Overrides {
        BoardSyncSettings.Overrides(
            mongodbURI: mongodbURI, database: database, cachePath: cache, integration: integration,
            logFormat: logFormat?.format,
            leaseDuration: lease?.leaseDuration?.duration, leaseRenew: lease?.leaseRenew?.duration
        )
    }

    /// The resolved settings (the log format applied), or exit code 2 with what is wrong.
    func settings(lease: LeaseOptions? = nil) async throws -> BoardSyncSettings {
        do {
            let settings = try await BoardSyncSettings.load(configFile: config, overrides: overrides(lease: lease))
            BoardSyncLogHandler.bootstrap(format: settings.logFormat)
            return settings
        } catch {
            throw CommandFailure(2, error.description)
        }
    }

    /// Runs `body` with the database, turning a MongoDB failure into exit code 1 (2 for a bad URI).
    func withDatabase<T>(
        _ settings: BoardSyncSettings, maxPoolSize: Int = 8, _ body: (MongoDatabase) async throws -> T
    ) async throws -> T {
        do {
            let configuration = MongoClient.Configuration(uri: settings.mongodbURI, maxPoolSize: maxPoolSize)
            return try await withMongoClient(configuration) { client in
                try await body(client.database(settings.database))
            }
        } catch let error as MongoError {
            throw CommandFailure(error.code == .invalidURI ? 2 : 1, error.description)
        }
    }
}
