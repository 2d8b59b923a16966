import BoardSync
import Foundation
import MongoDriver
import PlaneSimulator

/// The measured runs, in order, on one generated board.
enum Scenario {
    struct Row {
        var name: String
        var reads: Int
        var writes: Int
        var metadataReads: Int
        var pages: Int
        var seconds: Double

        var markdown: String {
            "| \(name) | \(reads) | \(writes) | \(metadataReads) | \(pages) | \(String(format: "%.1f", seconds)) |"
        }
    }

    static func runAll(items count: Int, rate: String, mongoURI: String) async throws -> [Row] {
        let simulator = try await PlaneSimulator.start(
            PlaneSimulator.Configuration(
                seedFile: "fixtures/plane-seed.json", rateLimit: rate, bumpDelay: .milliseconds(20)))
        defer { Task { try? await simulator.stop() } }
        return try await withMongoClient(MongoClient.Configuration(uri: mongoURI)) { client in
            let database = client.database("measure_\(UUID().uuidString.prefix(6).lowercased())")
            defer { Task { try? await database.drop() } }
            _ = try await Migration(database: database).run(createBoardItemsIndex: true)
            _ = try await FixtureLoader(
                directory: URL(fileURLWithPath: "fixtures"), planeBaseURL: simulator.baseURL.absoluteString,
                rateLimit: rate
            ).load(into: database, drop: true)
            let board = database.collection(CollectionNames.boardItems)
            try await board.deleteMany([:])
            let now = Date()
            for chunk in stride(from: 0, to: count, by: 1000) {
                try await board.insertMany(
                    Array(BoardGenerator.items(count: count, now: now)[chunk..<min(chunk + 1000, count)]))
            }
            var rows: [Row] = []
            rows.append(try await measure("initial sync of \(count) items", database, simulator, .incremental))
            rows.append(
                try await measure("next sync (re-reads its own writes once)", database, simulator, .incremental))
            rows.append(try await measure("no-op sync", database, simulator, .incremental))
            for index in stride(from: 0, to: 100 * (count / 100), by: count / 100) {
                try await board.updateOne(
                    ["_id": .objectId(BoardGenerator.id(index))],
                    ["$set": ["title": .string("Edited item \(index)"), "updated_at": .date(Date())]])
            }
            rows.append(try await measure("sync after 100 board edits", database, simulator, .incremental))
            rows.append(try await measure("full resync, nothing changed", database, simulator, .full))
            return rows
        }
    }

    static func measure(_ name: String, _ database: MongoDatabase, _ simulator: PlaneSimulator, _ mode: SyncEngine.Mode)
        async throws -> Row
    {
        // Scheduled runs are minutes apart: let Plane's watermark skew window (5 s) pass first.
        try await Task.sleep(for: .seconds(6))
        await simulator.clearRequestLog()
        let integration = try await IntegrationLoader(database: database).load(id: "plane-acme")
        let started = Date()
        _ = try await SyncEngine(database: database).run(
            integration, options: SyncEngine.Options(mode: mode))
        let log = await simulator.requestLog()
        let workItems = log.filter { $0.pathAndQuery.contains("/work-items/") }
        return Row(
            name: name, reads: workItems.filter { $0.method == "GET" }.count,
            writes: workItems.filter { $0.method != "GET" }.count, metadataReads: log.count - workItems.count,
            pages: workItems.filter { $0.pathAndQuery.contains("/work-items/?") }.count,
            seconds: Date().timeIntervalSince(started))
    }
}
