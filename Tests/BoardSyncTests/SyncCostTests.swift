import Foundation
import MongoDriver
import PlaneSimulator
import SyncCache
import SyncCore
import Testing

@testable import BoardSync

/// What each kind of run costs in Plane API calls (the budget is 60/minute by default): printed, and
/// bounded where the design promises something (a no-op writes nothing and reads one page per project).
@Suite struct SyncCostTests {
    struct Figures: CustomStringConvertible {
        var rows: [(String, RunSummary)] = []

        mutating func add(_ name: String, _ report: SyncEngine.Report) { rows.append((name, report.summary)) }

        var description: String {
            let lines = rows.map { name, summary in
                let text = "\(name):".padding(toLength: 34, withPad: " ", startingAt: 0)
                return "\(text) reads \(summary.api.reads) (metadata \(summary.api.metadataReads)), "
                    + "writes \(summary.api.writes), \(String(format: "%.2f", summary.durationSeconds)) s"
            }
            return lines.joined(separator: "\n")
        }
    }

    /// Initial sync, no-op with and without the cache, N edits, full resync, recovery after links are lost.
    static func measure(_ database: MongoDatabase, edits: [String], cachePath: String) async throws -> Figures {
        let cache = try SyncCache(path: cachePath)
        var figures = Figures()
        figures.add("initial sync", try await SyncWorld.run(database, SyncWorld.options(), cache: cache))
        figures.add(
            "no-op sync (metadata cached)", try await SyncWorld.run(database, SyncWorld.options(), cache: cache))
        figures.add("no-op sync (no cache)", try await SyncWorld.run(database, SyncWorld.options()))
        for id in edits { try await SyncWorld.edit(database, id, ["title": .string("Edited \(id)")]) }
        figures.add(
            "sync after \(edits.count) edits", try await SyncWorld.run(database, SyncWorld.options(), cache: cache))
        figures.add("full resync", try await SyncWorld.run(database, SyncWorld.options(.full), cache: cache))
        try await database.collection(CollectionNames.boardLinks).deleteMany([:])
        try await SyncWorld.setIntegration(database, ["sync_state": ["cursor": nil, "remote_watermark": nil]])
        figures.add("sync after links lost", try await SyncWorld.run(database, SyncWorld.options(), cache: cache))
        return figures
    }

    @Test func apiCallsOfEachKindOfRunOnTheFixtures() async throws {
        try await SyncEndToEndTests.withWorld { database, _, _ in
            try await SyncCacheEngineTests.withCachePath { path in
                let edits = ["02", "03", "04", "05", "06"].map(SyncWorld.hex)
                let figures = try await Self.measure(database, edits: edits, cachePath: path)
                print("API calls, fixtures (66 board items, 62 mirrored):\n\(figures)")
                let summaries = figures.rows.map(\.1)
                #expect(summaries[0].api.writes == 62)
                #expect(summaries[1].api.writes == 0 && summaries[1].api.reads == 2)
                #expect(summaries[2].api.writes == 0 && summaries[2].api.reads == 12)
                #expect(summaries[3].api.writes == 5)
                #expect(summaries[4].api.writes == 0)
                #expect(summaries[5].api.writes == 0 && summaries[5].api.reads == 2, "adopted from the listing")
            }
        }
    }
}
