import MongoDriver

/// `boardsync migrate`: creates the indexes BoardSync owns (idempotently) and checks the platform's
/// `board_items` index, creating it only when asked.
public struct Migration: Sendable {
    public struct Report: Sendable, Equatable {
        /// `collection: index` for every index ensured.
        public var ensured: [String]
        /// Whether `board_items` has an index on `(project_id, updated_at)` after the run.
        public var boardItemsIndexPresent: Bool
        public var boardItemsIndexCreated: Bool

        /// The warning to show when the platform's index is missing, or `nil`.
        public var warning: String? {
            guard !boardItemsIndexPresent else { return nil }
            return "board_items has no index on (project_id, updated_at): incremental syncs will scan the whole "
                + "collection. It belongs to the platform (nexus-db); create it there, or run `boardsync migrate "
                + "--board-items-index` to let BoardSync create it."
        }
    }

    public var database: MongoDatabase
    public var retention: BoardSyncIndexes.Retention

    public init(database: MongoDatabase, retention: BoardSyncIndexes.Retention = .init()) {
        self.database = database
        self.retention = retention
    }

    public func run(createBoardItemsIndex: Bool) async throws -> Report {
        var ensured: [String] = []
        let plan: [(String, [MongoIndexModel])] = [
            (CollectionNames.boardLinks, BoardSyncIndexes.boardLinks),
            (CollectionNames.events, BoardSyncIndexes.events(retention)),
            (CollectionNames.approvals, BoardSyncIndexes.approvals(retention)),
            (CollectionNames.replicas, BoardSyncIndexes.replicas),
            (CollectionNames.webhookDeliveries, BoardSyncIndexes.webhookDeliveries(retention)),
        ]
        for (collection, indexes) in plan {
            try await database.collection(collection).createIndexes(indexes)
            ensured += indexes.map { "\(collection): \($0.name)" }
        }
        let boardItems = database.collection(CollectionNames.boardItems)
        var present = try await Self.hasIndex(on: BoardSyncIndexes.boardItems.keys, in: boardItems)
        var created = false
        if !present && createBoardItemsIndex {
            try await boardItems.createIndexes([BoardSyncIndexes.boardItems])
            ensured.append("\(CollectionNames.boardItems): \(BoardSyncIndexes.boardItems.name)")
            present = true
            created = true
        }
        return Report(ensured: ensured, boardItemsIndexPresent: present, boardItemsIndexCreated: created)
    }

    /// Whether an index starts with `keys`, whatever its name (the platform names its own).
    public static func hasIndex(on keys: BSONDocument, in collection: MongoCollection) async throws -> Bool {
        try await collection.listIndexes().contains { index in
            guard let indexKeys = index["key"]?.documentValue else { return false }
            return Array(indexKeys.keys.prefix(keys.count)) == keys.keys
        }
    }
}
