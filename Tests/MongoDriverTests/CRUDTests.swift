import BoardSyncTestSupport
import Foundation
import MongoDriver
import Testing

@Suite struct CRUDTests {
    @Test func everyBSONTypeRoundTripsThroughTheServer() async throws {
        try await TestServer.withDatabase { _, database in
            let collection = database.collection("types")
            let id = try await collection.insertOne(BSONCodecTests.sample)
            let stored = try #require(try await collection.findOne(["_id": id]))
            #expect(stored == BSONCodecTests.sample)
        }
    }

    @Test func insertFindSortLimitSkipProjectionAndCount() async throws {
        try await TestServer.withDatabase { _, database in
            let collection = database.collection("items")
            let documents: [BSONDocument] = (0..<25).map { index in
                ["n": .int32(Int32(index)), "even": .bool(index % 2 == 0), "name": .string("item \(index)")]
            }
            let inserted = try await collection.insertMany(documents)
            #expect(inserted.insertedIds.count == 25)
            #expect(Set(inserted.insertedIds).count == 25)

            let options = MongoFindOptions(
                sort: ["n": -1], projection: ["n": 1, "_id": 0], limit: 5, skip: 2, batchSize: 2)
            let page = try await collection.find(["even": true], options: options).collect()
            #expect(page == [["n": 20], ["n": 18], ["n": 16], ["n": 14], ["n": 12]])

            #expect(try await collection.countDocuments() == 25)
            #expect(try await collection.countDocuments(["n": ["$gte": 20]]) == 5)
            let first = try await collection.findOne(["n": ["$gt": 3]], options: MongoFindOptions(sort: ["n": 1]))
            #expect(first?["name"] == "item 4")
            #expect(try await collection.findOne(["n": 99]) == nil)
        }
    }

    @Test func updatesWithUpsertReportWhatTheyDid() async throws {
        try await TestServer.withDatabase { _, database in
            let collection = database.collection("links")
            try await collection.insertMany([["k": "a", "v": 1], ["k": "b", "v": 1], ["k": "c", "v": 2]])

            let one = try await collection.updateOne(["v": 1], ["$set": ["v": 10]])
            #expect(one.matchedCount == 1 && one.modifiedCount == 1 && one.upsertedId == nil)

            let many = try await collection.updateMany(["v": ["$lt": 5]], ["$inc": ["v": 100]])
            #expect(many.matchedCount == 2 && many.modifiedCount == 2)

            let upsert = try await collection.updateOne(["k": "z"], ["$set": ["v": 7]], upsert: true)
            #expect(upsert.matchedCount == 0)
            let upsertedId = try #require(upsert.upsertedId)
            #expect(try await collection.findOne(["_id": upsertedId])?["v"] == 7)

            let values = try await collection.find([:], options: MongoFindOptions(sort: ["k": 1])).collect()
            #expect(values.map { $0["v"] } == [10, 101, 102, 7])
        }
    }

    @Test func findOneAndUpdateReturnsBeforeOrAfterAndUpserts() async throws {
        try await TestServer.withDatabase { _, database in
            let collection = database.collection("leases")
            try await collection.insertOne(["_id": "plane-acme", "token": 1])

            let before = try await collection.findOneAndUpdate(["_id": "plane-acme"], ["$inc": ["token": 1]])
            #expect(before?["token"] == 1)
            let after = try await collection.findOneAndUpdate(
                ["_id": "plane-acme"], ["$inc": ["token": 1]], returnDocument: .after)
            #expect(after?["token"] == 3)

            let none = try await collection.findOneAndUpdate(["_id": "other"], ["$set": ["token": 1]])
            #expect(none == nil)
            let created = try await collection.findOneAndUpdate(
                ["_id": "other"], ["$set": ["token": 5]], returnDocument: .after, upsert: true)
            #expect(created?["token"] == 5)

            // An update pipeline judged on the server's clock, as the lease does.
            let stamped = try await collection.findOneAndUpdate(
                ["_id": "other"], .pipeline([["$set": ["renewed_at": "$$NOW"]]]), returnDocument: .after)
            let renewedAt = try #require(stamped?["renewed_at"]?.dateValue)
            #expect(abs(renewedAt.timeIntervalSinceNow) < 60)
        }
    }

    @Test func deletesCountWhatTheyRemoved() async throws {
        try await TestServer.withDatabase { _, database in
            let collection = database.collection("events")
            try await collection.insertMany((0..<6).map { ["n": .int32(Int32($0))] })
            #expect(try await collection.deleteOne(["n": ["$gte": 4]]) == 1)
            #expect(try await collection.deleteMany(["n": ["$lt": 3]]) == 3)
            #expect(try await collection.deleteOne(["n": 99]) == 0)
            #expect(try await collection.countDocuments() == 2)
        }
    }

    @Test func duplicateKeyIsATypedError() async throws {
        try await TestServer.withDatabase { _, database in
            let collection = database.collection("dups")
            try await collection.insertOne(["_id": "x"])
            await #expect {
                try await collection.insertOne(["_id": "x"])
            } throws: { error in
                guard let error = error as? MongoError else { return false }
                return error.code == .duplicateKey && error.serverCode == 11000
                    && error.description.contains("insertOne into \(database.name).dups")
            }
        }
    }

    @Test func orderedBulkStopsAtTheFirstErrorUnorderedGoesOn() async throws {
        try await TestServer.withDatabase { _, database in
            let collection = database.collection("bulk")
            let models: [MongoWriteModel] = [
                .insertOne(["_id": 1]), .insertOne(["_id": 1]), .insertOne(["_id": 2]),
                .updateOne(filter: ["_id": 3], update: ["$set": ["v": 3]], upsert: true),
                .deleteOne(filter: ["_id": 2]),
            ]
            await #expect {
                try await collection.bulkWrite(models, ordered: true)
            } throws: { error in
                guard let error = error as? MongoBulkWriteError else { return false }
                return error.error.code == .duplicateKey && error.result.insertedCount == 1
                    && error.result.writeErrors.map(\.index) == [1]
            }
            #expect(try await collection.countDocuments() == 1)

            try await collection.deleteMany([:])
            await #expect {
                try await collection.bulkWrite(models, ordered: false)
            } throws: { error in
                guard let error = error as? MongoBulkWriteError else { return false }
                return error.result.insertedCount == 2 && error.result.upsertedIds[3] == 3
                    && error.result.deletedCount == 1 && error.result.writeErrors.map(\.code) == [11000]
            }
            let left = try await collection.find([:], options: MongoFindOptions(sort: ["_id": 1])).collect()
            #expect(left.map { $0["_id"] } == [1, 3])

            let clean = try await collection.bulkWrite([
                .updateMany(filter: [:], update: ["$set": ["seen": true]]),
                .replaceOne(filter: ["_id": 3], replacement: ["v": 30]),
                .deleteMany(filter: ["_id": 1]),
            ])
            #expect(clean.matchedCount == 3 && clean.modifiedCount == 3 && clean.deletedCount == 1)
            #expect(try await collection.findOne(["_id": 3]) == ["_id": 3, "v": 30])
        }
    }
}
