import BoardSyncTestSupport
import Foundation
import MongoDriver
import PlaneSimulator
import SyncCore
import SyncReports
import Testing

@testable import BoardSync

/// `conflicts resolve`: the board kept, or Plane's values taken into the board item, and the conflict
/// settled for good.
@Suite struct ConflictResolveTests {
    static let admin = "admin@acme.example"

    /// Runs once, lets Alice edit the item in Plane, runs again (held under `hold`): the report's id.
    static func handEdit(
        _ database: MongoDatabase, _ simulator: PlaneSimulator, item hex: String, changes: SimJSON
    ) async throws -> (planeId: String, approvalId: String) {
        _ = try await SyncWorld.run(database, SyncWorld.options())
        let planeId = try #require(try await SyncWorld.planeItem(simulator, externalId: hex)["id"]?.stringValue)
        try await simulator.editItemAsPerson(planeId, actorEmail: SyncWorld.alice, changes: changes)
        _ = try await SyncWorld.run(database, SyncWorld.options())
        let approvals = try await ApprovalStore(database: database).list(kind: "hand_edit")
        let approval = try #require(approvals.first { $0.boardItemId == hex })
        return (planeId, approval.id)
    }

    static func board(_ database: MongoDatabase, _ hex: String) async throws -> BSONDocument {
        let key = try #require(BSONObjectId(hex: hex))
        return try #require(try await database.collection(CollectionNames.boardItems).findOne(["_id": .objectId(key)]))
    }

    static func pending(_ database: MongoDatabase, _ hex: String) async throws -> [ConflictRecord] {
        try await ApprovalStore(database: database).list(status: "pending").filter { $0.boardItemId == hex }
    }

    @Test func keepBoardMakesPlaneMatchTheBoardOnTheNextRun() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            let id = SyncWorld.hex("02")
            let (planeId, approvalId) = try await Self.handEdit(
                database, simulator, item: id, changes: ["name": "Alice's title", "priority": "low"])
            let done = try await ConflictResolver(engine: SyncEngine(database: database, logger: .silent())).resolve(
                approvalId, ConflictResolution(choice: .keepBoard, by: Self.admin, note: "the board is right"))
            #expect(done.contains("pushes the board's values"))

            await simulator.clearRequestLog()
            _ = try await SyncWorld.run(database, SyncWorld.options())
            #expect(SyncWorld.writes(await simulator.requestLog()).count == 1)
            let plane = try await SyncWorld.planeItem(simulator, externalId: id)
            #expect(plane["id"]?.stringValue == planeId)
            #expect(plane["name"] == "Add rate-limit headers to the public API" && plane["priority"] == "high")
            #expect(try await SyncWorld.link(database, id)?["state"] == "synced")
            #expect(try await Self.pending(database, id).isEmpty)
            let resolved = try #require(try await ApprovalStore(database: database).get(approvalId))
            #expect(resolved.status == .resolved && resolved.resolvedAt != nil)

            await simulator.clearRequestLog()
            _ = try await SyncWorld.run(database, SyncWorld.options())
            #expect(SyncWorld.writes(await simulator.requestLog()).isEmpty)
        }
    }

    @Test func takePlaneWritesPlanesValuesIntoTheBoardItemAndTheNextRunWritesNothing() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            let id = SyncWorld.hex("02")
            let html =
                "<p>Steps:</p><ul><li><p>first step</p></li><li><p>second step</p></li></ul>"
                + "<p>See <a href=\"https://docs.acme.example/x\">the doc</a> and run <code>make test</code>.</p>"
            let changes: SimJSON = [
                "name": "Alice's title", "description_html": .string(html),
                "state": .string(PlaneFixtures.stateID(project: 1, index: 4)),
                "labels": [
                    .string(PlaneFixtures.labelID(project: 1, index: 1)),
                    .string(PlaneFixtures.labelID(project: 1, index: 3)),
                ],
                "assignees": [.string(PlaneFixtures.aliceUserID), .string(PlaneFixtures.carolUserID)],
            ]
            let (_, approvalId) = try await Self.handEdit(database, simulator, item: id, changes: changes)
            let before = try await Self.board(database, id)["updated_at"]?.dateValue

            let done = try await ConflictResolver(engine: SyncEngine(database: database, logger: .silent())).resolve(
                approvalId, ConflictResolution(choice: .takePlane(fields: nil), by: Self.admin, note: "Alice knows"))
            #expect(done.hasSuffix("the next sync writes nothing for it."), "\(done)")
            let board = try await Self.board(database, id)
            #expect(board["title"] == "Alice's title")
            let description = try #require(board["description"]?.stringValue)
            #expect(description.contains("- first step\n- second step"), "\(description)")
            #expect(description.contains("[the doc](https://docs.acme.example/x)"), "\(description)")
            #expect(description.contains("`make test`"), "\(description)")
            #expect(!description.contains("Mirrored from"), "the back-link footer is not taken into the board")
            #expect(board["status"] == "done")
            #expect(board["labels"] == ["bug", "docs"])
            #expect(board["assignees"] == ["alice@acme.example", "carol@acme.example"])
            #expect(board["updated_at"]?.dateValue != before)

            await simulator.clearRequestLog()
            _ = try await SyncWorld.run(database, SyncWorld.options())
            #expect(SyncWorld.writes(await simulator.requestLog()).isEmpty)
            #expect(try await Self.pending(database, id).isEmpty)
            #expect(try await SyncWorld.link(database, id)?["state"] == "synced")
            let resolved = try #require(try await ApprovalStore(database: database).get(approvalId))
            #expect(resolved.status == .resolved)
            let event = try await database.collection(CollectionNames.events).findOne([
                "subject": "board.sync.item.resolved", "board_item_id": .string(id),
            ])
            #expect(event?["details"]?.documentValue?["by"] == .string(Self.admin))
            #expect(event?["details"]?.documentValue?["choice"] == "take_plane")
        }
    }

    @Test func takePlaneWithFieldTakesOnlyThoseAndTheBoardKeepsTheRest() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            let id = SyncWorld.hex("02")
            let (_, approvalId) = try await Self.handEdit(
                database, simulator, item: id, changes: ["name": "Alice's title", "priority": "low"])
            let done = try await ConflictResolver(engine: SyncEngine(database: database, logger: .silent())).resolve(
                approvalId, ConflictResolution(choice: .takePlane(fields: [.name]), by: Self.admin))
            let board = try await Self.board(database, id)
            #expect(board["title"] == "Alice's title")
            #expect(board["priority"] == "high")
            // What it says is SyncCore's decision: the priority left to the board overwrites Alice's in Plane.
            #expect(!done.contains("writes nothing"), "\(done)")
            #expect(
                done.contains("the next sync will:") && done.contains("update") && done.contains("(priority)"),
                "\(done)")

            await simulator.clearRequestLog()
            _ = try await SyncWorld.run(database, SyncWorld.options())
            let plane = try await SyncWorld.planeItem(simulator, externalId: id)
            #expect(plane["name"] == "Alice's title" && plane["priority"] == "high")
            #expect(SyncWorld.writes(await simulator.requestLog()).count == 1)
            await simulator.clearRequestLog()
            _ = try await SyncWorld.run(database, SyncWorld.options())
            #expect(SyncWorld.writes(await simulator.requestLog()).isEmpty)
            #expect(try await Self.pending(database, id).isEmpty)
        }
    }

    @Test func takePlaneRefusesABoardItemEditedAfterTheConflictWasSeen() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            let id = SyncWorld.hex("02")
            let (_, approvalId) = try await Self.handEdit(
                database, simulator, item: id, changes: ["name": "Alice's title"])
            try await SyncWorld.edit(database, id, ["title": "Edited on the board meanwhile"])
            let error = await #expect(throws: ConflictResolutionError.self) {
                try await ConflictResolver(engine: SyncEngine(database: database, logger: .silent())).resolve(
                    approvalId, ConflictResolution(choice: .takePlane(fields: nil), by: Self.admin))
            }
            #expect(error?.description.contains("was edited on the board after the conflict was seen") == true)
            #expect(try await Self.board(database, id)["title"] == "Edited on the board meanwhile")
            #expect(try await ApprovalStore(database: database).get(approvalId)?.status == .pending)
        }
    }

    @Test func badRequestsAreRefusedWithWhatToDo() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            let id = SyncWorld.hex("02")
            let (_, approvalId) = try await Self.handEdit(
                database, simulator, item: id, changes: ["name": "Alice's title"])
            let resolver = ConflictResolver(engine: SyncEngine(database: database, logger: .silent()))
            let wrongField = await #expect(throws: ConflictResolutionError.self) {
                try await resolver.resolve(
                    approvalId, ConflictResolution(choice: .takePlane(fields: [.priority]), by: Self.admin))
            }
            #expect(wrongField?.description.contains("not among the fields of this report (name)") == true)
            let unknown = await #expect(throws: ConflictResolutionError.self) {
                try await resolver.resolve("nope", ConflictResolution(choice: .keepBoard, by: Self.admin))
            }
            #expect(unknown?.description.contains("conflicts list --status all") == true)
            _ = try await resolver.resolve(approvalId, ConflictResolution(choice: .keepBoard, by: Self.admin))
            let twice = await #expect(throws: ConflictResolutionError.self) {
                try await resolver.resolve(approvalId, ConflictResolution(choice: .keepBoard, by: Self.admin))
            }
            #expect(twice?.description.contains("already resolved") == true)
        }
    }
}
