import Foundation
import MongoDriver
import PlaneSimulator
import SyncCore
import SyncReports
import Testing

@testable import BoardSync

/// Every situation that needs a person becomes one `approvals` document, refreshed (never duplicated)
/// while it lasts, and superseded when it goes away by itself.
@Suite struct ConflictKindsTests {
    static func approvals(_ database: MongoDatabase, status: String? = "pending") async throws -> [String:
        ConflictRecord]
    {
        var found: [String: ConflictRecord] = [:]
        for record in try await ApprovalStore(database: database).list(integrationId: "plane-acme", status: status) {
            let key = "\(record.kind.rawValue):\(record.boardItemId)"
            #expect(found[key] == nil, "two documents for \(key)")
            found[key] = record
        }
        return found
    }

    static func field(_ record: ConflictRecord?, _ name: String) -> ConflictRecord.Field? {
        record?.fields.first { $0.name == name }
    }

    @Test func theFixturesValuesPlaneCannotTakeAndTheItemThatCannotBeMirroredAreReported() async throws {
        try await SyncEndToEndTests.withWorld { database, _, _ in
            _ = try await SyncWorld.run(database, SyncWorld.options())
            let found = try await Self.approvals(database)
            let mallory = try #require(found["unmappable_value:\(SyncWorld.hex("38"))"], "\(found.keys.sorted())")
            #expect(mallory.policy == "synced without the value" && mallory.planeItemId != nil)
            let assignee = try #require(Self.field(mallory, "assignees"))
            #expect(assignee.board?.isEmpty == false && assignee.plane == nil && assignee.base == nil)
            #expect(mallory.message.contains("assignee"))
            let guest = try #require(found["unmappable_value:\(SyncWorld.hex("39"))"])
            #expect(Self.field(guest, "assignees")?.board == "dave@acme.example")
            let status = try #require(found["unmappable_value:\(SyncWorld.hex("40"))"])
            #expect(Self.field(status, "state")?.board == "blocked_on_vendor")
            #expect(status.planeItemId == nil && status.message.contains("mapping.status"))
            let untitled = try #require(found["cannot_mirror:\(SyncWorld.hex("3f"))"])
            #expect(untitled.policy == "not mirrored" && untitled.message.contains("title"))
            #expect(found.count == 4, "\(found.keys.sorted())")

            // Seen again (a resync reads every item): the same four documents, refreshed.
            _ = try await SyncWorld.run(database, SyncWorld.options(.full))
            let again = try await Self.approvals(database)
            #expect(Set(again.keys) == Set(found.keys))
            #expect(again.values.map(\.id).sorted() == found.values.map(\.id).sorted())
            #expect(try await ApprovalStore(database: database).list(status: nil).count == 4)

            // The title given on the board: the item is mirrored and its report superseded.
            try await SyncWorld.edit(database, SyncWorld.hex("3f"), ["title": "Now with a title"])
            _ = try await SyncWorld.run(database, SyncWorld.options())
            let after = try await Self.approvals(database, status: nil)
            #expect(after["cannot_mirror:\(SyncWorld.hex("3f"))"]?.status == .superseded)
        }
    }

    @Test func aResyncAfterDriftReportsEachSituationOnceWithItsFields() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            _ = try await SyncWorld.run(database, SyncWorld.options())
            try await SyncWorld.setIntegration(database, ["policy.deletes": "keep"])
            let drift = try await ResyncRepairTests.drift(database, simulator)
            // Both changed: Alice renames it in Plane while the board changes its priority.
            let both = SyncWorld.hex("05")
            let bothPlaneId = try #require(
                try await SyncWorld.planeItem(simulator, externalId: both)["id"]?.stringValue)
            try await simulator.editItemAsPerson(bothPlaneId, actorEmail: SyncWorld.alice, changes: ["name": "Alice's"])
            try await SyncWorld.edit(database, both, ["title": "The board's"])
            // A document whose updated_at is not a date.
            try await database.collection(CollectionNames.boardItems).insertOne([
                "_id": "bad-updated-at", "project_id": "nexus", "title": "Dated badly", "updated_at": "yesterday",
            ])

            _ = try await SyncWorld.run(database, SyncWorld.options(.full))
            let found = try await Self.approvals(database)

            let deleted = try #require(found["plane_deleted:\(drift.deleted)"], "\(found.keys.sorted())")
            #expect(deleted.policy == "recreate from the board" && deleted.message.contains("deleted by hand"))
            #expect(deleted.planeItemId != nil)
            let archived = try #require(found["archived:\(drift.archived)"])
            #expect(archived.planeItemId == drift.archivedPlaneId && archived.policy == "not recreated")
            #expect(archived.planeEditedBy == PlaneFixtures.aliceUserID)
            let orphan = try #require(found["orphan:\(drift.orphan)"])
            #expect(orphan.planeItemId == drift.orphanPlaneId && orphan.policy == "deletes: keep")
            let duplicates = try #require(found["duplicates:\(drift.duplicated)"])
            #expect(duplicates.policy == "deletes: keep" && duplicates.message.contains("items with its external id"))
            let handEdit = try #require(found["hand_edit:\(drift.edited)"])
            #expect(handEdit.boardItemTitle?.isEmpty == false, "a held item's report names its board title")
            let name = try #require(Self.field(handEdit, "name"))
            #expect(name.plane == "Renamed in Plane" && name.base == name.board && name.base != nil)
            #expect(handEdit.policy == "hold" && handEdit.planeURL?.contains(handEdit.planeItemId ?? "?") == true)
            let bothChanged = try #require(found["both_changed:\(both)"])
            let title = try #require(Self.field(bothChanged, "name"))
            #expect(title.plane == "Alice's" && title.board == "The board's" && title.base != nil)
            #expect(title.base != title.board && title.base != title.plane)
            #expect(bothChanged.planeEditedBy == PlaneFixtures.aliceUserID && bothChanged.planeEditedAt != nil)
            let unreadable = try #require(found["cannot_mirror:bad-updated-at"])
            #expect(unreadable.message.contains("updated_at"))

            let raw = try #require(
                try await database.collection(CollectionNames.approvals).findOne(["conflict_kind": "both_changed"]))
            #expect(raw["kind"] == "board_sync_conflict" && raw["status"] == "pending")
            #expect(raw["integration_id"] == "plane-acme" && raw["created_at"]?.dateValue != nil)
            #expect(raw["board_updated_at"]?.dateValue != nil)

            // The same situations seen on a second resync: no new document.
            let count = try await database.collection(CollectionNames.approvals).countDocuments([:])
            _ = try await SyncWorld.run(database, SyncWorld.options(.full))
            #expect(try await database.collection(CollectionNames.approvals).countDocuments([:]) == count)
        }
    }

    @Test func underOverwriteAHandEditIsOverwrittenAndReportedWithWhatItHeld() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            _ = try await SyncWorld.run(database, SyncWorld.options())
            try await SyncWorld.setIntegration(database, ["policy.remote_edits": "overwrite"])
            let id = SyncWorld.hex("02")
            let planeId = try #require(try await SyncWorld.planeItem(simulator, externalId: id)["id"]?.stringValue)
            try await simulator.editItemAsPerson(planeId, actorEmail: SyncWorld.alice, changes: ["priority": "low"])
            _ = try await SyncWorld.run(database, SyncWorld.options())
            #expect(try await SyncWorld.planeItem(simulator, externalId: id)["priority"] == "high")
            let report = try #require(try await Self.approvals(database)["hand_edit:\(id)"])
            #expect(report.policy == "overwrite")
            let priority = try #require(Self.field(report, "priority"))
            #expect(priority.base == "high" && priority.board == "high" && priority.plane == "low")
        }
    }

    @Test func aHandEditUndoneInPlaneSupersedesItsReportAndReleasesTheItem() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            let id = SyncWorld.hex("02")
            let (planeId, heldId) = try await ConflictResolveTests.handEdit(
                database, simulator, item: id, changes: ["priority": "low"])
            #expect(try await SyncWorld.link(database, id)?["state"] == "conflict")

            try await simulator.editItemAsPerson(planeId, actorEmail: SyncWorld.alice, changes: ["priority": "high"])
            await simulator.clearRequestLog()
            _ = try await SyncWorld.run(database, SyncWorld.options())
            #expect(SyncWorld.writes(await simulator.requestLog()).isEmpty)
            #expect(try await ApprovalStore(database: database).get(heldId)?.status == .superseded)
            #expect(try await SyncWorld.link(database, id)?["state"] == "synced")

            // Released: a board edit is mirrored again.
            try await SyncWorld.edit(database, id, ["priority": "urgent"])
            _ = try await SyncWorld.run(database, SyncWorld.options())
            #expect(try await SyncWorld.planeItem(simulator, externalId: id)["priority"] == "urgent")
        }
    }

    @Test func aHandEditMatchedOnTheBoardSupersedesItsReport() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            let id = SyncWorld.hex("02")
            let (_, heldId) = try await ConflictResolveTests.handEdit(
                database, simulator, item: id, changes: ["priority": "low"])

            try await SyncWorld.edit(database, id, ["priority": "low"])
            await simulator.clearRequestLog()
            _ = try await SyncWorld.run(database, SyncWorld.options())
            #expect(SyncWorld.writes(await simulator.requestLog()).isEmpty)
            #expect(try await ApprovalStore(database: database).get(heldId)?.status == .superseded)
            #expect(try await SyncWorld.link(database, id)?["state"] == "synced")
            await simulator.clearRequestLog()
            _ = try await SyncWorld.run(database, SyncWorld.options())
            #expect(SyncWorld.writes(await simulator.requestLog()).isEmpty)
        }
    }

    @Test func anItemFailingThreeTimesIsReportedAndSupersededOnceItSyncs() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            _ = try await SyncWorld.run(database, SyncWorld.options())
            let id = SyncWorld.hex("02")
            let planeId = try #require(try await SyncWorld.planeItem(simulator, externalId: id)["id"]?.stringValue)
            try await SyncWorld.edit(database, id, ["title": "Changed on the board"])
            await simulator.injectFault(
                FaultRule(
                    method: "PATCH", pathPrefix: "\(SyncWorld.workItems)\(SyncWorld.nexus)/work-items/\(planeId)",
                    action: .status(400, body: ["name": ["This field is invalid."]])))
            var clock = Date()
            func run() async throws {
                var options = SyncWorld.options()
                let now = clock
                options.now = { now }
                _ = try await SyncWorld.run(database, options)
                clock += 7 * 86_400  // past any backoff
            }
            try await run()
            try await run()
            #expect(try await Self.approvals(database)["failing:\(id)"] == nil, "two failures are not yet a report")
            try await run()
            let failing = try #require(try await Self.approvals(database)["failing:\(id)"])
            #expect(failing.message.contains("failed 3 times") && failing.message.contains("resync --item"))
            #expect(failing.policy == "retried with backoff" && failing.planeItemId == planeId)
            try await run()
            #expect(try await ApprovalStore(database: database).list(kind: "failing").count == 1)

            await simulator.clearFaults()
            try await run()
            #expect(try await SyncWorld.planeItem(simulator, externalId: id)["name"] == "Changed on the board")
            #expect(try await ApprovalStore(database: database).get(failing.id)?.status == .superseded)
        }
    }

    @Test func aLabelPlaneWillNotCreateIsAValueItCannotTake() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            _ = try await SyncWorld.run(database, SyncWorld.options())
            await simulator.injectFault(
                FaultRule(
                    method: "POST", pathPrefix: "\(SyncWorld.workItems)\(SyncWorld.nexus)/labels/",
                    action: .status(400, body: ["name": ["Ensure this field has no more than 255 characters."]])))
            let id = SyncWorld.hex("02")
            try await SyncWorld.edit(database, id, ["labels": ["feature", "brand-new"]])
            _ = try await SyncWorld.run(database, SyncWorld.options())
            let report = try #require(try await Self.approvals(database)["unmappable_value:\(id)"])
            #expect(Self.field(report, "labels")?.board == "brand-new")
            #expect(report.message.contains("would not create its label \"brand-new\""))
        }
    }
}
