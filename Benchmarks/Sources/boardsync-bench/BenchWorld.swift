import BoardSync
import Essentials
import Foundation
import Logging
import MongoDriver
import PlaneSimulator

/// One measured world: an in-process Plane simulator at a given rate limit, a fresh database holding the
/// fixtures' integration (pointed at the simulator, at the same rate) and a generated board.
struct BenchWorld {
    static let integrationId = "plane-acme"

    let simulator: PlaneSimulator
    let database: MongoDatabase
    var board: MongoCollection { database.collection(CollectionNames.boardItems) }

    /// Runs `body` in a new world; the database is dropped and the simulator stopped afterwards.
    /// - Parameter items: generated board items; nil keeps the fixtures' own board (`fixtures/board-items.json`).
    static func with<T: Sendable>(
        mongoURI: String, rate: String, items: Int?, remoteEdits: String = "overwrite",
        _ body: (BenchWorld) async throws -> T
    ) async throws -> T {
        let simulator = try await PlaneSimulator.start(
            PlaneSimulator.Configuration(
                seedFile: PlaneFixtures.seedPath, rateLimit: rate, bumpDelay: .milliseconds(20),
                logger: .planeSimSilent, requestLogLimit: 1_000_000))
        do {
            let result = try await withMongoClient(MongoClient.Configuration(uri: mongoURI)) { client in
                let database = client.database("bench_\(UUID().uuidString.prefix(8).lowercased())")
                do {
                    let world = BenchWorld(simulator: simulator, database: database)
                    try await world.prepare(rate: rate, items: items, remoteEdits: remoteEdits)
                    let result = try await body(world)
                    try? await database.drop()
                    return result
                } catch {
                    try? await database.drop()
                    throw error
                }
            }
            try await simulator.stop()
            return result
        } catch {
            try? await simulator.stop()
            throw error
        }
    }

    private func prepare(rate: String, items: Int?, remoteEdits: String) async throws {
        _ = try await Migration(database: database).run(createBoardItemsIndex: true)
        let fixtures = URL(fileURLWithPath: PlaneFixtures.seedPath).deletingLastPathComponent()
        _ = try await FixtureLoader(
            directory: fixtures, planeBaseURL: simulator.baseURL.absoluteString, rateLimit: rate
        )
        .load(into: database, drop: true)
        try await database.collection(CollectionNames.integrations).updateOne(
            ["_id": .string(Self.integrationId)], ["$set": ["policy.remote_edits": .string(remoteEdits)]])
        guard let items else { return }
        try await board.deleteMany([:])
        try await BoardGenerator.insert(count: items, into: board, now: Date())
    }

    /// Waits until every request the simulator has logged has left a minute's window.
    func waitForAFreshWindow() async throws {
        guard let last = await simulator.requestLog().last?.time else { return }
        let wait = last.addingTimeInterval(61).timeIntervalSinceNow
        if wait > 0 { try await Task.sleep(for: .milliseconds(Int64(wait * 1000))) }
    }

    /// One engine run against this world, with the simulator's request log of that run.
    func sync(_ mode: SyncEngine.Mode) async throws -> (report: SyncEngine.Report, log: RequestCounts) {
        await simulator.clearRequestLog()
        let integration = try await IntegrationLoader(database: database).load(id: Self.integrationId)
        let started = ContinuousClock.now
        let report = try await SyncEngine(database: database, logger: Logger(label: "boardsync")).run(
            integration, options: SyncEngine.Options(mode: mode))
        let seconds = (ContinuousClock.now - started).inSeconds
        return (report, RequestCounts(await simulator.requestLog(), seconds: seconds))
    }
}

/// What the simulator saw during one run, split as the issue counts it.
struct RequestCounts {
    var workItemReads = 0
    var workItemWrites = 0
    var metadataReads = 0
    /// Work-item list pages (`GET …/work-items/?…`).
    var pages = 0
    var throttled = 0
    var seconds: Double
    var requests: [PlaneSimulator.LoggedRequest]

    init(_ log: [PlaneSimulator.LoggedRequest], seconds: Double) {
        requests = log
        self.seconds = seconds
        for entry in log {
            if entry.status == 429 {
                throttled += 1
                continue
            }
            let isWorkItem = entry.pathAndQuery.contains("/work-items/") || entry.pathAndQuery.contains("/issues/")
            if !isWorkItem {
                metadataReads += entry.method == "GET" ? 1 : 0
                workItemWrites += entry.method == "GET" ? 0 : 1  // label creates count as writes
            } else if entry.method == "GET" {
                workItemReads += 1
                let path = entry.pathAndQuery
                if (path.contains("/work-items/?") || path.hasSuffix("/work-items/")) && !path.contains("external_id=")
                {
                    pages += 1
                }
            } else {
                workItemWrites += 1
            }
        }
    }

    var apiCalls: Int { workItemReads + workItemWrites }
}
