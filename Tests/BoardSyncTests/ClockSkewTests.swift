import Foundation
import MongoDriver
import PlaneSimulator
import SyncCore
import Testing

@testable import BoardSync

/// Board clocks that skew (issue 12, case 2): an item stamped in the future is synced and reported, and
/// the cursor never passes the database's own now less a margin; a writer whose clock runs behind is
/// caught by the scheduled board pass.
@Suite struct ClockSkewTests {
    static let year9999 = Date(timeIntervalSince1970: 253_402_214_400)  // 9999-12-31T00:00:00Z

    /// How far ahead a board writer's clock runs.
    enum Ahead: String, CaseIterable, Sendable {
        // Minutes, not one: a loaded machine can take most of a minute between the insert and `check`, and the
        // item must still be more than 10 s ahead when it looks.
        case minutes = "ten minutes", aDay = "a day", year9999 = "year 9999"

        var date: Date {
            switch self {
            case .minutes: Date().addingTimeInterval(600)
            case .aDay: Date().addingTimeInterval(86_400)
            case .year9999: ClockSkewTests.year9999
            }
        }
    }

    /// A new nexus item, as the platform would insert it, stamped `updatedAt`.
    @discardableResult
    static func insert(_ database: MongoDatabase, _ title: String, updatedAt: Date) async throws -> String {
        let id = BSONObjectId()
        try await database.collection(CollectionNames.boardItems).insertOne([
            "_id": .objectId(id), "project_id": "nexus", "title": .string(title), "description": "Skewed.",
            "status": "todo", "priority": "low", "labels": [], "assignees": [], "start_date": .null,
            "due_date": .null, "parent_id": .null, "created_at": .date(updatedAt), "updated_at": .date(updatedAt),
            "deleted_at": .null,
        ])
        return id.hex
    }

    static func cursor(_ database: MongoDatabase) async throws -> Date {
        try #require(try await IntegrationLoader(database: database).load(id: "plane-acme").checkpoint.cursor)
    }

    @Test(arguments: Ahead.allCases)
    func anItemStampedInTheFutureIsSyncedReportedAndNeverCarriesTheCursor(_ ahead: Ahead) async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            _ = try await SyncWorld.run(database, SyncWorld.options())
            let future = try await Self.insert(database, "Stamped ahead", updatedAt: ahead.date)
            let first = try await SyncWorld.run(database, SyncWorld.options())
            #expect(await SyncWorld.planeItems(simulator, externalId: future).count == 1, "still synced")
            #expect(first.summary.warnings.contains { $0.contains(future) }, "\(first.summary.warnings)")
            #expect(try await Self.cursor(database) <= Date(), "the cursor stays at the database's time")

            // Reported by status and check.
            let integration = try await IntegrationLoader(database: database).load(id: "plane-acme")
            let status = try await IntegrationStatus.read(integration, database: database)
            #expect(status.skewedItems == 1 && status.skewedExamples.first?.contains(future) == true)
            #expect(StatusText.render(status).contains("ahead of the database's clock"))
            let check = try await CheckTests.check(database)
            let clock = try CheckTests.result(check, "board_items clock")
            #expect(clock.outcome == .warning && clock.detail.contains(future), "\(clock.detail)")

            // A later item still reaches Plane.
            let later = try await Self.insert(database, "Written after", updatedAt: Date())
            _ = try await SyncWorld.run(database, SyncWorld.options())
            #expect(await SyncWorld.planeItems(simulator, externalId: later).count == 1)

            // Deleting the future item leaves no cursor in the future, and the next item still goes through.
            try await SyncWorld.softDelete(database, future)
            let deleted = try await SyncWorld.run(database, SyncWorld.options())
            #expect(deleted.summary.deleted == 1, "\(deleted.summary)")
            #expect(try await Self.cursor(database) <= Date())
            let last = try await Self.insert(database, "Written last", updatedAt: Date())
            _ = try await SyncWorld.run(database, SyncWorld.options())
            #expect(await SyncWorld.planeItems(simulator, externalId: last).count == 1)
        }
    }

    /// A cursor an older version carried into the future comes back at the next run.
    @Test func aCursorAlreadyInTheFutureComesBack() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            _ = try await SyncWorld.run(database, SyncWorld.options())
            try await SyncWorld.setIntegration(database, ["sync_state.cursor": .date(Self.year9999)])
            _ = try await SyncWorld.run(database, SyncWorld.options())
            #expect(try await Self.cursor(database) <= Date())
            let later = try await Self.insert(database, "After the repair", updatedAt: Date())
            _ = try await SyncWorld.run(database, SyncWorld.options())
            #expect(await SyncWorld.planeItems(simulator, externalId: later).count == 1)
        }
    }

    @Test func aWriterWhoseClockRunsBehindIsCaughtByTheScheduledBoardPass() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            let start = Date()
            let first = try await SyncWorld.run(database, BlockedItemTests.options(at: start))
            #expect(first.summary.boardPass == BoardPassReason.first.rawValue)
            _ = try await SyncWorld.run(database, BlockedItemTests.options(at: start.addingTimeInterval(10)))

            // A day behind the cursor: an edit and a new item, both older than the cursor less its overlap.
            let behind = try await Self.cursor(database).addingTimeInterval(-86_400)
            let edited = SyncWorld.hex("07")
            let id = try #require(BSONObjectId(hex: edited))
            try await database.collection(CollectionNames.boardItems).updateOne(
                ["_id": .objectId(id)], ["$set": ["title": "Edited by a slow clock", "updated_at": .date(behind)]])
            let added = try await Self.insert(database, "Inserted by a slow clock", updatedAt: behind)

            let missed = try await SyncWorld.run(database, BlockedItemTests.options(at: start.addingTimeInterval(20)))
            #expect(missed.summary.boardPass == nil)
            #expect(await SyncWorld.planeItems(simulator, externalId: added).isEmpty, "the cursor cannot see them")

            // The scheduled pass (policy.board_pass_minutes, 60 by default) reads the whole board.
            let pass = try await SyncWorld.run(database, BlockedItemTests.options(at: start.addingTimeInterval(3700)))
            #expect(pass.summary.boardPass == BoardPassReason.scheduled.rawValue)
            #expect(try await SyncWorld.planeItem(simulator, externalId: edited)["name"] == "Edited by a slow clock")
            #expect(await SyncWorld.planeItems(simulator, externalId: added).count == 1)
            // The edited item is written once: by the pass, or already by the run before when Plane's own listing
            // (its watermark less the skew allowance, in real time) still held the item created moments earlier,
            // which makes the engine read its board document by id. The new item only the pass can see.
            #expect(missed.summary.updated + pass.summary.updated == 1, "\(missed.summary) \(pass.summary)")
            #expect(pass.summary.created == 1, "\(pass.summary)")
        }
    }
}
