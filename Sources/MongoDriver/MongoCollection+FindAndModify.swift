import CMongoC

extension MongoCollection {
    /// Atomically updates the first document matching `filter` (in `sort` order) and returns it as it was
    /// before or after the update; with `upsert`, inserts it when none matches. `update` may be a pipeline,
    /// which is how a lease judges expiry on the server's clock (`$$NOW`).
    public func findOneAndUpdate(
        _ filter: BSONDocument, _ update: MongoUpdate, returnDocument: MongoReturnDocument = .before,
        upsert: Bool = false, sort: BSONDocument? = nil, projection: BSONDocument? = nil, session: MongoSession? = nil
    ) async throws -> BSONDocument? {
        var command: BSONDocument = [
            "findAndModify": .string(name),
            "query": .document(filter),
            "update": update.value,
            "new": .bool(returnDocument == .after),
            "upsert": .bool(upsert),
        ]
        if let sort { command["sort"] = .document(sort) }
        if let projection { command["fields"] = .document(projection) }
        let reply = try await writeCommand(command, operation: "findOneAndUpdate in \(namespace)", session: session)
        return reply["value"]?.documentValue
    }

    /// Runs a command on the collection with the write concern and session applied, returning the reply.
    @discardableResult
    func writeCommand(_ command: BSONDocument, operation: String, session: MongoSession?) async throws -> BSONDocument {
        try await write(operation, session: session, options: BSONDocument()) { collection, opts in
            BSONBridge.with(command) { command in
                var error = bson_error_t()
                let (ok, reply) = BSONBridge.withReply { reply in
                    mongoc_collection_write_command_with_opts(collection, command, opts, reply, &error)
                }
                return (ok, error, reply)
            }
        }
    }
}
