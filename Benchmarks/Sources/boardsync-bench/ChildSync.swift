import BoardSync
import Essentials
import Foundation
import Logging
import MongoDriver

/// One sync in a process of its own, as cron starts `boardsync sync`: its pacer knows nothing of what the
/// previous process spent, and learns the key's budget from Plane's answers only. The bench starts itself
/// with `sync-once --database NAME`; the simulator stays in the parent process, reached over HTTP.
enum ChildSync {
    /// What the child prints as one JSON line.
    struct Outcome: Codable, Sendable {
        /// The engine run's wall time, measured in the child (process start and MongoDB connection excluded).
        var seconds: Double
        var summary: RunSummary
    }

    /// The child's side: one engine run of the bench's integration in `database`, its outcome on stdout.
    static func runHere(database name: String, mode: String, mongoURI: String) async throws {
        try await withMongoClient(MongoClient.Configuration(uri: mongoURI)) { client in
            let database = client.database(name)
            let integration = try await IntegrationLoader(database: database).load(id: BenchWorld.integrationId)
            let started = ContinuousClock.now
            let report = try await SyncEngine(database: database, logger: Logger(label: "boardsync")).run(
                integration, options: SyncEngine.Options(mode: mode == "resync" ? .full : .incremental))
            let outcome = Outcome(seconds: (ContinuousClock.now - started).inSeconds, summary: report.summary)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            FileHandle.standardOutput.write(try encoder.encode(outcome) + Data("\n".utf8))
        }
    }

    /// The parent's side: starts this executable with `sync-once` on `world`'s database and waits for it.
    static func run(in world: BenchWorld, mode: String = "sync") async throws -> Outcome {
        let executable = Bundle.main.executablePath ?? CommandLine.arguments[0]
        let output = try await ChildRun.run(
            executable, ["sync-once", "--database", world.database.name, "--mode", mode])
        guard let line = output.split(separator: "\n").last else { throw BenchError("the child sync printed nothing") }
        return try JSONDecoder().decode(Outcome.self, from: Data(line.utf8))
    }
}
