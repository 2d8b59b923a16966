import BoardSyncTestSupport
import Foundation
import MongoDriver
import PlaneSimulator
import SyncCore
import SyncReports
import Testing

@testable import BoardSync

/// `boardsync explain`: one item's link, fingerprints, payload, differences with Plane, and what the next
/// sync would do, on linked, failing, conflicting, out-of-scope and never-synced items. Reads only.
@Suite struct ExplainTests {
    static func explain(_ database: MongoDatabase, _ id: String, now: Date = Date()) async throws -> ItemExplanation {
        let integration = try await IntegrationLoader(database: database).load(id: "plane-acme")
        var options = SyncWorld.options()
        options.now = { now }
        return try await ItemExplainer(
            engine: SyncEngine(database: database, logger: .silent()), integration: integration, options: options
        ).explain(id)
    }

    /// Every document of the collections BoardSync writes, to show `explain` changed none.
    static func snapshot(_ database: MongoDatabase) async throws -> [String] {
        var documents: [String] = []
        for name in [
            CollectionNames.boardLinks, CollectionNames.approvals, CollectionNames.events, CollectionNames.integrations,
            CollectionNames.boardItems,
        ] {
            for try await document in database.collection(name).find([:], options: MongoFindOptions(sort: ["_id": 1])) {
                documents.append(name + " " + document.relaxedExtendedJSON)
            }
        }
        return documents
    }

    static func field(_ explanation: ItemExplanation, _ name: PlaneField) throws -> ItemExplanation.Field {
        try #require(explanation.fields.first { $0.name == name.rawValue })
    }

    @Test func aLinkedItemShowsItsLinkPlaneURLAndNothingToDoAndExplainWritesNothing() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            _ = try await SyncWorld.run(database, SyncWorld.options())
            let id = SyncWorld.hex("01")
            let planeId = try #require(try await SyncWorld.planeItem(simulator, externalId: id)["id"]?.stringValue)
            let before = try await Self.snapshot(database)
            await simulator.clearRequestLog()

            let explained = try await Self.explain(database, id)
            let log = await simulator.requestLog()
            #expect(!log.isEmpty && SyncWorld.writes(log).isEmpty, "explain sent \(SyncWorld.writes(log).count) writes")
            #expect(try await Self.snapshot(database) == before)

            #expect(explained.idType == "object_id" && explained.boardItemId == id)
            #expect(explained.board.title == "Fix SSO login timeout for slow identity providers")
            #expect(explained.link?.state == "synced" && explained.link?.planeItemId == planeId)
            #expect(explained.link?.lastSyncedAt != nil && explained.link?.attempts == 0)
            #expect(!explained.neverMirrored)
            #expect(explained.plane.found == "present" && explained.plane.itemId == planeId)
            #expect(
                explained.plane.url
                    == simulator.baseURL.appendingPathComponent("acme/projects/\(SyncWorld.nexus)/issues/\(planeId)")
                    .absoluteString)
            #expect(explained.fingerprints.boardChanged == false && explained.fingerprints.planeChanged == false)
            #expect(explained.payload?.ready == true)
            #expect(explained.fields.count == PlaneField.allCases.count)
            #expect(explained.fields.allSatisfy { !$0.differs && !$0.planeEdited }, "\(explained.fields)")
            #expect(explained.nextSync.map(\.action) == ["skip"])
            #expect(explained.nextSync.first?.message.contains("unchanged") == true)
            #expect(explained.conflicts.isEmpty)
            #expect(try Self.field(explained, .state).plane.flatMap { explained.names[$0.text] } == "Backlog")

            // A board edit: the input fingerprint moves, the name differs, the next sync would PATCH it.
            try await SyncWorld.edit(database, id, ["title": "Fix SSO login timeout (edited)"])
            let edited = try await Self.explain(database, id)
            #expect(edited.fingerprints.boardChanged == true && edited.fingerprints.planeChanged == false)
            let name = try Self.field(edited, .name)
            #expect(name.differs && !name.planeEdited)
            #expect(name.canonical == .string("Fix SSO login timeout (edited)"))
            #expect(name.plane == .string("Fix SSO login timeout for slow identity providers"))
            #expect(edited.nextSync.map(\.action) == ["update"])
            #expect(edited.nextSync.first?.message.contains("(name)") == true)
            let text = ExplainText.render(edited)
            #expect(text.contains("link: synced, Plane item \(planeId)"))
            #expect(text.contains("name: \"Fix SSO login timeout for slow identity providers\" | \"Fix SSO login"))
            #expect(text.contains("update: Board item ObjectId(\(id)): update Plane item \(planeId) (name)."))
        }
    }

    @Test func aFailingItemShowsItsErrorAttemptsAndBackoffAndAnUnmappableOneItsProblem() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            _ = try await SyncWorld.run(database, SyncWorld.options())
            let id = SyncWorld.hex("0a")
            try await SyncWorld.edit(database, id, ["title": "An edit Plane refuses once"])
            await simulator.injectFault(
                FaultRule(
                    method: "PATCH", pathPrefix: "/api/v1/workspaces/acme/", action: .status(400), selection: .next(1)))
            _ = try await SyncWorld.run(database, SyncWorld.options())

            let now = Date()
            let failing = try await Self.explain(database, id, now: now)
            let link = try #require(failing.link)
            #expect(link.state == "failed" && link.attempts == 1)
            #expect(link.lastError?.contains("400") == true, "\(link.lastError ?? "no error")")
            #expect(try #require(link.nextAttemptAt) > now)
            #expect(failing.nextSync.map(\.action) == ["skip"])
            #expect(failing.nextSync.first?.message.contains("failed before; next attempt after") == true)
            #expect(try Self.field(failing, .name).differs)
            let text = ExplainText.render(failing, now: now)
            #expect(text.contains("last error: "))
            #expect(text.contains("attempts: 1"))

            // Once due, the next sync would write it again.
            let due = try await Self.explain(database, id, now: now.addingTimeInterval(600))
            #expect(due.nextSync.map(\.action) == ["update"])

            // A status with no Plane state: never mirrored, and why, kept on a `blocked` link (issue 12, case 3).
            let unmappable = try await Self.explain(database, SyncWorld.hex("40"), now: now)
            #expect(unmappable.neverMirrored && unmappable.link?.state == "blocked")
            #expect(unmappable.link?.lastError?.contains("blocked_on_vendor") == true)
            #expect(unmappable.payload?.ready == false)
            #expect(unmappable.payload?.problem?.contains("blocked_on_vendor") == true)
            #expect(unmappable.nextSync.map(\.action) == ["skip"])
            #expect(unmappable.nextSync.first?.message.contains("next attempt after") == true)
            let blockedText = ExplainText.render(unmappable, now: now)
            #expect(blockedText.contains("link: blocked, no Plane item (never mirrored)"), "\(blockedText)")
            #expect(blockedText.contains("or as soon as the board item or the integration document changes"))
            let decided = try await Self.explain(database, SyncWorld.hex("40"), now: now.addingTimeInterval(600))
            #expect(decided.nextSync.first?.message.contains("cannot be mirrored") == true)
        }
    }

    @Test func aConflictingItemShowsTheHandEditAndItsOpenConflict() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            _ = try await SyncWorld.run(database, SyncWorld.options())
            let id = SyncWorld.hex("04")
            let planeId = try #require(try await SyncWorld.planeItem(simulator, externalId: id)["id"]?.stringValue)
            try await simulator.editItemAsPerson(planeId, actorEmail: SyncWorld.alice, changes: ["priority": "urgent"])
            _ = try await SyncWorld.run(database, SyncWorld.options())
            await simulator.clearRequestLog()

            let explained = try await Self.explain(database, id)
            #expect(SyncWorld.writes(await simulator.requestLog()).isEmpty)
            #expect(explained.link?.state == "conflict")
            #expect(explained.fingerprints.planeChanged == true && explained.fingerprints.boardChanged == false)
            let priority = try Self.field(explained, .priority)
            #expect(priority.planeEdited && priority.differs)
            #expect(priority.plane == .string("urgent") && priority.base == priority.canonical)
            #expect(explained.plane.updatedBy.flatMap { explained.names[$0] } == SyncWorld.alice)
            #expect(explained.conflicts.count == 1)
            #expect(explained.conflicts.first?.kind == .handEdit)
            #expect(explained.conflicts.first?.fields.map(\.name) == ["priority"])
            // Held, and decided again on Plane's item as it is now: the same hand edit.
            #expect(explained.nextSync.first?.message.contains("resolve with keep-board or take-plane") == true)
            let text = ExplainText.render(explained)
            #expect(text.contains("open conflicts: 1"))
            #expect(text.contains("priority: \"low\" | \"low\" | \"urgent\"  (edited in Plane; Plane differs"))
            // Another item's conflict is not this one's.
            #expect(try await Self.explain(database, SyncWorld.hex("05")).conflicts.isEmpty)
        }
    }

    @Test func anOutOfScopeItemSaysWhyAndALinkedOneThatLeavesScopeWouldBeDeleted() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            try await SyncWorld.setIntegration(database, ["scope.exclude_statuses": ["cancelled"]])
            _ = try await SyncWorld.run(database, SyncWorld.options())
            let excluded = try await Self.explain(database, SyncWorld.hex("06"))
            #expect(excluded.board.outOfScope?.contains("cancelled") == true, "\(excluded.board)")
            #expect(excluded.neverMirrored && excluded.link == nil)
            #expect(excluded.nextSync.map(\.action) == ["skip"])
            #expect(excluded.nextSync.first?.message.contains("out of scope") == true)
            #expect(ExplainText.render(excluded).contains("out of scope: "))

            // A mirrored item whose status leaves the scope: the next sync would delete its Plane item.
            let id = SyncWorld.hex("01")
            let planeId = try #require(try await SyncWorld.planeItem(simulator, externalId: id)["id"]?.stringValue)
            try await SyncWorld.edit(database, id, ["status": "cancelled"])
            await simulator.clearRequestLog()
            let leaving = try await Self.explain(database, id)
            #expect(SyncWorld.writes(await simulator.requestLog()).isEmpty)
            #expect(leaving.nextSync.map(\.action) == ["delete"])
            #expect(leaving.nextSync.first?.message.contains("left the sync scope") == true)
            #expect(try await SyncWorld.planeItem(simulator, externalId: id)["id"]?.stringValue == planeId)
        }
    }

    @Test func aNeverSyncedItemWouldBeCreatedAndUnknownOrUnreadableItemsAreSaidSo() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            let fresh = try await Self.explain(database, SyncWorld.hex("01"))
            #expect(fresh.neverMirrored && fresh.link == nil)
            #expect(fresh.plane.found == "deleted" && fresh.plane.itemId == nil && fresh.plane.url == nil)
            #expect(fresh.payload?.ready == true)
            #expect(fresh.nextSync.map(\.action) == ["create"])
            #expect(
                try Self.field(fresh, .name).canonical == .string("Fix SSO login timeout for slow identity providers"))
            #expect(try Self.field(fresh, .name).plane == nil)
            #expect(fresh.fingerprints.inputNow != nil && fresh.fingerprints.inputLink == nil)
            #expect(ExplainText.render(fresh).contains("create: Board item"))
            #expect(await simulator.storedItems().isEmpty)

            let legacy = try await Self.explain(database, "nexus-legacy-0001")
            #expect(legacy.idType == "string" && legacy.nextSync.map(\.action) == ["create"])

            await #expect(throws: ExplainError.self) { try await Self.explain(database, "no-such-item") }

            // A string `_id` equal to an ObjectId's hex: one external id for two items, neither is mirrored.
            _ = try await database.collection(CollectionNames.boardItems).insertOne([
                "_id": .string(SyncWorld.hex("03")), "project_id": "nexus", "title": "Same external id",
                "updated_at": .date(Date()),
            ])
            let colliding = try await Self.explain(database, SyncWorld.hex("03"))
            #expect(colliding.idType == "object_id")
            #expect(colliding.nextSync.map(\.action) == ["skip"])
            #expect(colliding.nextSync.first?.message.contains("has the same external id as") == true)

            // `updated_at` not a date: the field is named and nothing is decided for it.
            let broken = SyncWorld.hex("02")
            try await database.collection(CollectionNames.boardItems).updateOne(
                ["_id": .objectId(try #require(BSONObjectId(hex: broken)))], ["$set": ["updated_at": "yesterday"]])
            let unreadable = try await Self.explain(database, broken)
            #expect(unreadable.board.readProblem?.contains("`updated_at` is missing or not a date") == true)
            #expect(unreadable.nextSync.map(\.action) == ["problem"])
            #expect(ExplainText.render(unreadable).contains("the document cannot be read: `updated_at`"))
        }
    }

    @Test func whenPlaneCannotBeReadTheBoardSideIsStillShownAndNothingIsDecided() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            _ = try await SyncWorld.run(database, SyncWorld.options())
            await simulator.injectFault(FaultRule(method: "GET", pathPrefix: "/api/v1/", action: .status(401)))
            let explained = try await Self.explain(database, SyncWorld.hex("01"))
            #expect(explained.plane.error?.contains("401") == true, "\(explained.plane)")
            #expect(explained.link?.state == "synced" && explained.nextSync.isEmpty)
            let text = ExplainText.render(explained)
            #expect(text.contains("Plane: could not be read: "))
            #expect(text.contains("next sync: not decided (Plane could not be read)"))
            #expect(!text.contains("plane_api_"))
        }
    }
}

extension ExplainedValue {
    fileprivate var text: String {
        if case .string(let text) = self { return text }
        return ""
    }
}
