import CMongoC

extension MongoCollection {
    /// Creates the indexes; an index that already exists with the same name and options is left as it is,
    /// so running this again changes nothing. Returns the names.
    @discardableResult
    public func createIndexes(_ indexes: [MongoIndexModel], session: MongoSession? = nil) async throws -> [String] {
        guard !indexes.isEmpty else { return [] }
        let command: BSONDocument = [
            "createIndexes": .string(name),
            "indexes": .array(indexes.map { .document($0.document) }),
        ]
        try await writeCommand(command, operation: "createIndexes on \(namespace)", session: session)
        return indexes.map(\.name)
    }

    /// The collection's indexes as the server describes them (`name`, `key`, `unique`, ...). A collection
    /// that does not exist yet has none.
    public func listIndexes() async throws -> [BSONDocument] {
        let (database, name) = (self.database, self.name)
        let operation = "listIndexes on \(namespace)"
        do {
            return try await client.perform(operation, session: nil) { context in
                try context.withCollection(database, name) { collection in
                    let cursor = mongoc_collection_find_indexes_with_opts(collection, nil)!
                    defer { mongoc_cursor_destroy(cursor) }
                    var indexes: [BSONDocument] = []
                    while true {
                        let batch = try MongoCursorReader.next(batch: 256, from: cursor, operation: operation)
                        indexes += batch.documents
                        if batch.finished { return indexes }
                    }
                }
            }
        } catch let error as MongoError where error.serverCode == 26 {
            return []  // NamespaceNotFound
        }
    }

    public func dropIndex(_ name: String) async throws {
        try await writeCommand(
            ["dropIndexes": .string(self.name), "index": .string(name)], operation: "dropIndexes on \(namespace)",
            session: nil)
    }
}
