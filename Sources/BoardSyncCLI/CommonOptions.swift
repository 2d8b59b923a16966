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

    @Option(help: "Log format: human or json (env BOARDSYNC_LOG_FORMAT).")
    var logFormat: String?

    /// The resolved settings, or exit code 2 with what is wrong.
    func settings(lease: LeaseOptions? = nil) async throws -> BoardSyncSettings {
        let overrides = BoardSyncSettings.Overrides(
            mongodbURI: mongodbURI, database: database, cachePath: cache, integration: integration,
            logFormat: logFormat,
            leaseSeconds: lease?.leaseSeconds, leaseRenewSeconds: lease?.leaseRenewSeconds
        )
        do {
            let settings = try await BoardSyncSettings.load(configFile: config, overrides: overrides)
            BoardSyncLogHandler.bootstrap(format: settings.logFormat == "json" ? .json : .human)
            return settings
        } catch {
            Terminal.error(error.description)
            throw ExitCode(2)
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
            Terminal.error(error.description)
            throw ExitCode(error.code == .invalidURI ? 2 : 1)
        }
    }
}

/// Where a command's lines go: results to standard output, problems to standard error.
enum Terminal {
    static func line(_ text: String) {
        print(text)
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data(("boardsync: " + text + "\n").utf8))
    }
}
