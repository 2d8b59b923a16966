import BoardSyncTestSupport
import Foundation
import MongoDriver
import PlaneSimulator
import SyncCore
import SyncReports
import Testing

@testable import BoardSync

/// Conflicts become approvals an admin can read: one document per situation, never a pile of them.
@Suite struct ApprovalTests {
    static func record(_ kind: ConflictRecord.Kind, item: String = "item-1", message: String = "m") -> ConflictRecord {
        ConflictRecord(
            id: "", integrationId: "plane-acme", kind: kind, boardItemId: item, boardItemTitle: "Title",
            planeItemId: "p-1",
            createdAt: Date(), updatedAt: Date(), message: message,
            fields: [ConflictRecord.Field(name: "name", base: "a", board: "b", plane: "c")])
    }

    @Test func theSameSituationUpdatesItsReportAndAResolvedOneGivesWayToANewOne() async throws {
        try await TestServer.withDatabase { _, database in
            _ = try await Migration(database: database).run(createBoardItemsIndex: false)
            let store = ApprovalStore(database: database)
            let first = try await store.report(Self.record(.handEdit, message: "first"), now: Date())
            let again = try await store.report(Self.record(.handEdit, message: "second"), now: Date())
            #expect(first == again)
            try await store.report(Self.record(.bothChanged), now: Date())
            try await store.report(Self.record(.handEdit, item: "item-2"), now: Date())
            #expect(try await store.list().count == 3)
            let stored = try #require(try await store.get(first))
            #expect(stored.message == "second" && stored.status == .pending)
            #expect(stored.fields == [ConflictRecord.Field(name: "name", base: "a", board: "b", plane: "c")])

            try await store.supersede(
                integrationId: "plane-acme", boardItemId: "item-1", kinds: ["hand_edit"], now: Date())
            #expect(try await store.get(first)?.status == .superseded)
            #expect(try await store.list(status: "pending").count == 2)
            #expect(try await store.list(kind: "both_changed").count == 1)
            let reopened = try await store.report(Self.record(.handEdit), now: Date())
            #expect(reopened != first)
        }
    }

    @Test func aHandEditHeldInPlaneBecomesOnePendingApprovalAcrossRuns() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            _ = try await SyncWorld.run(database, SyncWorld.options())
            let id = SyncWorld.hex("04")
            let planeId = try #require(try await SyncWorld.planeItem(simulator, externalId: id)["id"]?.stringValue)
            try await simulator.editItemAsPerson(planeId, actorEmail: SyncWorld.alice, changes: ["priority": "urgent"])
            _ = try await SyncWorld.run(database, SyncWorld.options())
            _ = try await SyncWorld.run(database, SyncWorld.options())

            let approvals = try await ApprovalStore(database: database).list(
                integrationId: "plane-acme", kind: "hand_edit")
            #expect(approvals.count == 1)
            let approval = try #require(approvals.first)
            #expect(approval.kind == .handEdit && approval.status == .pending && approval.policy == "hold")
            #expect(approval.boardItemId == id && approval.planeItemId == planeId)
            #expect(
                approval.planeURL?.hasSuffix("/acme/projects/\(PlaneFixtures.nexusProjectID)/issues/\(planeId)") == true
            )
            let priority = try #require(approval.fields.first { $0.name == "priority" })
            #expect(priority.base == priority.board && priority.plane == "urgent")
            #expect(approval.planeEditedBy != nil && approval.planeEditedAt != nil)
            let raw = try #require(try await database.collection(CollectionNames.approvals).findOne())
            #expect(raw["kind"] == "board_sync_conflict")
        }
    }

    /// SyncCore decides report kinds (its ``ReportKind``), the report model stores them: one set of names.
    @Test func syncCoreAndTheReportModelNameTheSameKinds() {
        #expect(Set(ReportKind.allCases.map(\.rawValue)) == Set(ConflictRecord.Kind.allCases.map(\.rawValue)))
        for kind in ReportKind.allCases { #expect(ConflictReporter.kind(kind).rawValue == kind.rawValue) }
    }
}
