import BoardSync
import BoardSyncTestSupport
import MongoDriver
import Testing

@Suite struct MigrationTests {
    @Test func migrateCreatesBoardSyncIndexesIdempotentlyAndOnlyWarnsAboutBoardItems() async throws {
        try await TestServer.withDatabase { _, database in
            let migration = Migration(
                database: database,
                retention: .init(eventsSeconds: 600, resolvedApprovalsSeconds: 1200, webhookDeliveriesSeconds: 300))
            let first = try await migration.run(createBoardItemsIndex: false)
            let second = try await migration.run(createBoardItemsIndex: false)
            #expect(first == second)
            #expect(first.ensured.count == 13)
            #expect(!first.boardItemsIndexPresent)
            #expect(first.warning?.contains("--board-items-index") == true)
            #expect(try await database.collection(CollectionNames.boardItems).listIndexes().isEmpty)

            let links = try await database.collection(CollectionNames.boardLinks).listIndexes()
            let partial = try #require(links.first { $0["name"] == "integration_plane_item_unique" })
            #expect(partial["unique"] == true)
            #expect(partial["partialFilterExpression"] == ["plane_item_id": ["$type": "string"]])
            let events = try await database.collection(CollectionNames.events).listIndexes()
            #expect(events.first { $0["name"] == "time_ttl" }?["expireAfterSeconds"]?.int64Value == 600)
            let approvals = try await database.collection(CollectionNames.approvals).listIndexes()
            #expect(approvals.first { $0["name"] == "resolved_at_ttl" }?["expireAfterSeconds"]?.int64Value == 1200)
            // The daemon replicas' heartbeats expire by themselves (`run` creates this index too).
            let replicas = try await database.collection(CollectionNames.replicas).listIndexes()
            #expect(replicas.first { $0["name"] == "expires_at_ttl" }?["expireAfterSeconds"]?.int64Value == 600)
            // Webhook deliveries are kept a while, then MongoDB removes them.
            let deliveries = try await database.collection(CollectionNames.webhookDeliveries).listIndexes()
            #expect(deliveries.first { $0["name"] == "received_at_ttl" }?["expireAfterSeconds"]?.int64Value == 300)

            let asked = try await migration.run(createBoardItemsIndex: true)
            #expect(asked.boardItemsIndexCreated && asked.boardItemsIndexPresent && asked.warning == nil)
            let again = try await migration.run(createBoardItemsIndex: true)
            #expect(again.boardItemsIndexPresent && !again.boardItemsIndexCreated)
        }
    }

    @Test func aPlatformIndexUnderAnotherNameCounts() async throws {
        try await TestServer.withDatabase { _, database in
            let items = database.collection(CollectionNames.boardItems)
            try await items.createIndexes([
                MongoIndexModel(keys: ["project_id": 1, "updated_at": -1, "_id": 1], name: "nexus_db_board")
            ])
            let report = try await Migration(database: database).run(createBoardItemsIndex: false)
            #expect(report.boardItemsIndexPresent && report.warning == nil)
        }
    }

    @Test func manyCreatingLinksWithoutAPlaneIdNeverCollide() async throws {
        try await TestServer.withDatabase { _, database in
            _ = try await Migration(database: database).run(createBoardItemsIndex: false)
            let links = database.collection(CollectionNames.boardLinks)
            for item in 0..<5 {
                try await links.insertOne([
                    "integration_id": "plane-acme", "board_item_id": .string("item-\(item)"), "plane_item_id": nil,
                    "state": "creating",
                ])
            }
            try await links.insertOne(["integration_id": "plane-acme", "board_item_id": "a", "plane_item_id": "p"])
            try await links.insertOne(["integration_id": "other", "board_item_id": "a", "plane_item_id": "p"])
            await #expect {
                try await links.insertOne(["integration_id": "plane-acme", "board_item_id": "b", "plane_item_id": "p"])
            } throws: { ($0 as? MongoError)?.code == .duplicateKey }
        }
    }
}
