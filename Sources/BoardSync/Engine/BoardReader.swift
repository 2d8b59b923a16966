import Essentials
import Foundation
import MongoDriver
import SyncCore

/// Reads `board_items`: what changed since the cursor, given ids, or everything.
struct BoardReader: Sendable {
    struct Read: Sendable {
        var items: [BoardItem] = []
        var problems: [BoardReadProblem] = []
        /// The newest `updated_at` read: where the cursor may move once every item has its outcome.
        var newestUpdate: Date?

        mutating func add(_ document: Result<BoardItemDocument, BSONError>) {
            switch BoardItemConversion.item(from: document) {
            case .success(let item):
                items.append(item)
                if let updated = item.updatedAt, newestUpdate.map({ updated > $0 }) ?? true { newestUpdate = updated }
            case .failure(let problem):
                problems.append(problem)
            }
        }
    }

    let database: MongoDatabase
    let collection: MongoCollection

    init(database: MongoDatabase) {
        self.database = database
        collection = database.collection(CollectionNames.boardItems)
    }

    /// Items with `updated_at >= cursor - overlap`, oldest first (`updated_at`, then `_id`). The query filters
    /// on `updated_at` alone, so ObjectId and string ids mix freely.
    func changed(since cursor: Date?, overlap: Duration) async throws -> Read {
        var filter = BSONDocument()
        if let cursor {
            filter["updated_at"] = ["$gte": .date(cursor.addingTimeInterval(-overlap.inSeconds))]
        }
        return try await read(filter, sort: ["updated_at": 1, "_id": 1])
    }

    func items(_ ids: [BoardItemID]) async throws -> Read {
        var result = Read()
        for start in stride(from: 0, to: ids.count, by: 1000) {
            let chunk = ids[start..<min(start + 1000, ids.count)].map(BoardItemConversion.bson)
            let part = try await read(["_id": ["$in": .array(chunk)]], sort: ["_id": 1])
            result.items += part.items
            result.problems += part.problems
        }
        return result
    }

    func all() async throws -> Read {
        try await read([:], sort: ["_id": 1])
    }

    private func read(_ filter: BSONDocument, sort: BSONDocument) async throws -> Read {
        var result = Read()
        for try await document in collection.find(
            filter, options: MongoFindOptions(sort: sort, batchSize: 500), as: BoardItemDocument.self)
        {
            CrashPoint.hit(.midBoardRead)
            result.add(document)
        }
        return result
    }
}
