import BoardSyncTestSupport
import Foundation
import MongoDriver
import Testing

/// `find(_:options:as:)`: documents decoded from libbson's iterator on the driver's threads, the next
/// batch asked for while one is used; the same values and the same errors as `BSONDecoder` on the tree.
@Suite struct IteratorDecodingTests {
    struct Everything: Decodable, Sendable, Equatable {
        var _id: BSONObjectId
        var double: Double
        var int32: Int
        var int64: Int64
        var bool: Bool
        var null: String?
        var missing: String?
        var string: String
        var date: Date
        var nested: BSONDocument
        var array: BSONValue
        var binary: BSONValue
        var regex: BSONValue
        var timestamp: BSONValue
        var decimal: BSONValue
        var min: BSONValue
        var max: BSONValue
    }

    struct Item: Decodable, Sendable, Equatable {
        var name: String
        var tags: [String]
        var size: Int?
    }

    @Test func decodesEveryTypeAsTheTreeDecoderDoes() async throws {
        try await TestServer.withDatabase { _, database in
            let collection = database.collection("types")
            _ = try await collection.insertOne(BSONCodecTests.sample)
            let viaIterator = try await collection.find([:], as: Everything.self).collect().map { try $0.get() }
            let viaTree = try BSONDecoder().decode(Everything.self, from: BSONCodecTests.sample)
            #expect(viaIterator == [viaTree])
        }
    }

    @Test func aBadDocumentIsAnErrorNamingItsIdAndFieldAndTheReadGoesOn() async throws {
        try await TestServer.withDatabase { _, database in
            let collection = database.collection("items")
            _ = try await collection.insertMany(
                (0..<1203).map { index in
                    let tags: BSONValue =
                        index == 700 ? .array([.string("a"), .int32(5)]) : .array([.string("t\(index)")])
                    return [
                        "_id": .string("item-\(index)"), "n": .int32(Int32(index)), "name": .string("n\(index)"),
                        "tags": tags,
                    ]
                })
            var decoded: [Item] = []
            var failures: [BSONError] = []
            // Small batches: several are read ahead while the loop runs.
            let options = MongoFindOptions(sort: ["n": 1], batchSize: 50)
            for try await result in collection.find([:], options: options, as: Item.self) {
                switch result {
                case .success(let item): decoded.append(item)
                case .failure(let error): failures.append(error)
                }
            }
            #expect(decoded.count == 1202)
            #expect(decoded.map(\.name) == (0..<1203).filter { $0 != 700 }.map { "n\($0)" })
            #expect(failures.count == 1)
            #expect(failures.first?.documentId == "item-700")
            #expect(failures.first?.path == "tags[1]")
            #expect(failures.first?.reason == "expected a string, found int")
        }
    }

    @Test func leavingTheLoopEarlyWhileABatchIsReadAheadReturnsTheConnection() async throws {
        try await TestServer.withDatabase { _, database in
            let collection = database.collection("items")
            _ = try await collection.insertMany((0..<300).map { ["name": .string("n\($0)"), "tags": []] })
            for _ in 0..<20 {
                for try await _ in collection.find([:], options: MongoFindOptions(batchSize: 10), as: Item.self) {
                    break
                }
            }
            #expect(try await collection.countDocuments() == 300)
        }
    }
}
