import BoardSyncTestSupport
import Foundation
import MongoDriver
import Testing

@Suite struct IndexTests {
    static let linkIndexes = [
        MongoIndexModel(keys: ["integration_id": 1, "board_item_id": 1], name: "board_item", unique: true),
        MongoIndexModel(
            keys: ["integration_id": 1, "plane_item_id": 1], name: "plane_item", unique: true,
            partialFilterExpression: ["plane_item_id": ["$type": "string"]]),
        MongoIndexModel(keys: ["created_at": 1], name: "expiry", expireAfterSeconds: 3600),
    ]

    @Test func createIndexesIsIdempotentAndListIndexesShowsOptions() async throws {
        try await TestServer.withDatabase { _, database in
            let links = database.collection("board_links")
            #expect(try await links.listIndexes().isEmpty)
            try await links.createIndexes(Self.linkIndexes)
            try await links.createIndexes(Self.linkIndexes)
            let indexes = try await links.listIndexes()
            let byName = Dictionary(
                uniqueKeysWithValues: indexes.compactMap { index in
                    index["name"]?.stringValue.map { ($0, index) }
                })
            #expect(Set(byName.keys) == ["_id_", "board_item", "plane_item", "expiry"])
            #expect(byName["board_item"]?["unique"] == true)
            #expect(byName["board_item"]?["key"] == ["integration_id": 1, "board_item_id": 1])
            #expect(byName["plane_item"]?["partialFilterExpression"] == ["plane_item_id": ["$type": "string"]])
            #expect(byName["expiry"]?["expireAfterSeconds"]?.int64Value == 3600)
        }
    }

    @Test func partialUniqueIndexAdmitsManyNullIdsButNotADuplicateString() async throws {
        try await TestServer.withDatabase { _, database in
            let links = database.collection("board_links")
            try await links.createIndexes(Self.linkIndexes)
            for item in ["a", "b", "c"] {
                try await links.insertOne(["integration_id": "i", "board_item_id": .string(item), "plane_item_id": nil])
            }
            try await links.insertOne(["integration_id": "i", "board_item_id": "d", "plane_item_id": "p-1"])
            await #expect {
                try await links.insertOne(["integration_id": "i", "board_item_id": "e", "plane_item_id": "p-1"])
            } throws: { ($0 as? MongoError)?.code == .duplicateKey }
            await #expect {
                try await links.insertOne(["integration_id": "i", "board_item_id": "a", "plane_item_id": "p-2"])
            } throws: { ($0 as? MongoError)?.code == .duplicateKey }
            #expect(try await links.countDocuments() == 4)
        }
    }
}

@Suite struct TransactionTests {
    @Test func commitMakesWritesVisibleAbortDiscardsThem() async throws {
        try await TestServer.withDatabase { client, database in
            let runs = database.collection("runs")
            try await runs.insertOne(["_id": "seed"])  // collections must exist before a transaction

            let observer = try MongoClient(MongoClient.Configuration(uri: try TestServer.uri(), maxPoolSize: 1))
            let observed = observer.database(database.name).collection("runs")

            try await client.withTransaction { session in
                try await runs.insertOne(["_id": "committed"], session: session)
                try await runs.updateOne(["_id": "seed"], ["$set": ["touched": true]], session: session)
                // Another client does not see uncommitted writes; the session itself does.
                #expect(try await observed.findOne(["_id": "committed"]) == nil)
                #expect(try await runs.findOne(["_id": "committed"], session: session) != nil)
            }
            #expect(try await observed.findOne(["_id": "committed"]) != nil)
            #expect(try await observed.findOne(["_id": "seed"])?["touched"] == true)

            struct Boom: Error {}
            await #expect(throws: Boom.self) {
                try await client.withTransaction { session in
                    try await runs.insertOne(["_id": "aborted"], session: session)
                    try await runs.deleteOne(["_id": "seed"], session: session)
                    throw Boom()
                }
            }
            #expect(try await observed.findOne(["_id": "aborted"]) == nil)
            #expect(try await observed.findOne(["_id": "seed"]) != nil)
            await observer.close()
        }
    }
}
