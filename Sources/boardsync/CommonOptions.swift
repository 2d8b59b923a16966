import ArgumentParser
import Foundation
import MongoDriver

/// Options every command takes, each also settable through the environment.
struct CommonOptions: ParsableArguments {
    @Option(name: .customLong("mongodb-uri"), help: "MongoDB connection string (env BOARDSYNC_MONGODB_URI).")
    var mongodbURI: String?

    @Option(help: "Database holding the Nexus collections (env BOARDSYNC_DATABASE; default nexus).")
    var database: String?

    @Option(help: "Log format: human or json.")
    var logFormat: LogFormat = .human

    enum LogFormat: String, ExpressibleByArgument {
        case human, json
    }

    var environment: [String: String] { ProcessInfo.processInfo.environment }

    var resolvedURI: String {
        mongodbURI ?? environment["BOARDSYNC_MONGODB_URI"] ?? "mongodb://127.0.0.1:27017/?serverSelectionTimeoutMS=5000"
    }

    var resolvedDatabase: String {
        database ?? environment["BOARDSYNC_DATABASE"] ?? "nexus"
    }

    /// Runs `body` with the database, turning a MongoDB failure into exit code 1 with its message.
    func withDatabase<T>(_ body: (MongoDatabase) async throws -> T) async throws -> T {
        do {
            return try await withMongoClient(MongoClient.Configuration(uri: resolvedURI)) { client in
                try await body(client.database(resolvedDatabase))
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
