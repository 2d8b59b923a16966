import Foundation
import MongoDriver
import PlaneSimulator
import SyncCache
import SyncCore
import Testing

@testable import BoardSync

/// The same figures as ``SyncCostTests`` for a generated 2,000-item board, at a high simulator rate limit.
/// About a minute on two cores, so not part of every run: `BOARDSYNC_LARGE_TESTS=1` turns it on.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["BOARDSYNC_LARGE_TESTS"] == "1"))
struct SyncLargeBoardTests {
    static let size = 2_000

    /// Items shaped like the fixtures: both projects, every status, labels, assignees, Markdown, dates.
    static func generate(_ count: Int, from first: Int) -> [BSONDocument] {
        let statuses = ["backlog", "todo", "in_progress", "in_review", "done", "cancelled"]
        let priorities = ["urgent", "high", "medium", "low", "none"]
        let labels = ["bug", "feature", "docs", "infra", "security"]
        let people = ["alice@acme.example", "bob@acme.example", "carol@acme.example"]
        let created = Date(timeIntervalSince1970: 1_793_000_000)
        return (first..<(first + count)).map { n in
            let updated = created.addingTimeInterval(Double(n))
            return [
                "_id": .objectId(BSONObjectId()), "project_id": .string(n % 2 == 0 ? "nexus" : "ops"),
                "title": .string("Generated item \(n)"),
                "description": .string("## Item \(n)\n\nSome **bold** text, a [link](https://example.com/\(n)).\n"),
                "status": .string(statuses[n % statuses.count]), "priority": .string(priorities[n % priorities.count]),
                "labels": .array([.string(labels[n % labels.count])]),
                "assignees": .array([.string(people[n % people.count])]),
                "start_date": .null, "due_date": n % 3 == 0 ? .date(created.addingTimeInterval(86_400 * 30)) : .null,
                "parent_id": .null, "created_at": .date(created), "updated_at": .date(updated), "deleted_at": .null,
            ]
        }
    }

    @Test(.timeLimit(.minutes(2))) func apiCallsOfEachKindOfRunOnA2000ItemBoard() async throws {
        try await SyncEndToEndTests.withWorld(rateLimit: "5000/second") { database, _, _ in
            let board = database.collection(CollectionNames.boardItems)
            let existing = try await board.countDocuments([:])
            let generated = Self.generate(Self.size - existing, from: existing)
            for start in stride(from: 0, to: generated.count, by: 500) {
                _ = try await board.insertMany(Array(generated[start..<min(start + 500, generated.count)]))
            }
            #expect(try await board.countDocuments([:]) == Self.size)
            let edits = generated.prefix(20).compactMap { document -> String? in
                if case .objectId(let id)? = document["_id"] { return id.hex }
                return nil
            }
            try await SyncCacheEngineTests.withCachePath { path in
                let started = ContinuousClock.now
                let figures = try await SyncCostTests.measure(database, edits: edits, cachePath: path)
                print("API calls, \(Self.size) board items (\(ContinuousClock.now - started) in all):\n\(figures)")
                let summaries = figures.rows.map(\.1)
                #expect(summaries[0].created == Self.size - 4)
                #expect(summaries[1].api.writes == 0 && summaries[3].api.writes == edits.count)
                #expect(summaries[4].api.writes == 0 && summaries[5].api.writes == 0)
            }
        }
    }
}
