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

    /// The child's side: one engine run of the bench's integration in `database`, with the SQLite cache at
    /// `cache` as `boardsync sync` opens it (none without), its outcome on stdout.
    static func runHere(database name: String, mode: String, cache: String?, mongoURI: String) async throws {
        try await withMongoClient(MongoClient.Configuration(uri: mongoURI)) { client in
            let database = client.database(name)
            let integration = try await IntegrationLoader(database: database).load(id: BenchWorld.integrationId)
            let started = ContinuousClock.now
            let quiet = Logger(label: "boardsync-bench.child", factory: { _ in SwiftLogNoOpLogHandler() })
            let engine = SyncEngine(
                database: database, cache: cache.flatMap { LocalCache.open(path: $0, logger: quiet) }, logger: quiet)
            let report = try await engine.run(
                integration, options: SyncEngine.Options(mode: mode == "resync" ? .full : .incremental))
            let outcome = Outcome(seconds: (ContinuousClock.now - started).inSeconds, summary: report.summary)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            FileHandle.standardOutput.write(try encoder.encode(outcome) + Data("\n".utf8))
        }
    }

    /// The parent's side: starts this executable with `sync-once` on `world`'s database (and the cache file
    /// `cache`, kept across the children as cron's runs keep theirs) and waits for it.
    static func run(in world: BenchWorld, mode: String = "sync", cache: String? = nil) async throws -> Outcome {
        let executable = Bundle.main.executablePath ?? CommandLine.arguments[0]
        let output = try await ChildRun.run(
            executable,
            ["sync-once", "--database", world.database.name, "--mode", mode] + (cache.map { ["--cache", $0] } ?? []))
        guard let line = output.split(separator: "\n").last else { throw BenchError("the child sync printed nothing") }
        return try JSONDecoder().decode(Outcome.self, from: Data(line.utf8))
    }
}
