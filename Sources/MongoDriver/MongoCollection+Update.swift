import CMongoC

extension MongoCollection {
    @discardableResult
    public func updateOne(
        _ filter: BSONDocument, _ update: MongoUpdate, upsert: Bool = false, session: MongoSession? = nil
    ) async throws -> MongoUpdateResult {
        try await performUpdate(filter, update, many: false, upsert: upsert, session: session)
    }

    @discardableResult
    public func updateMany(
        _ filter: BSONDocument, _ update: MongoUpdate, upsert: Bool = false, session: MongoSession? = nil
    ) async throws -> MongoUpdateResult {
        try await performUpdate(filter, update, many: true, upsert: upsert, session: session)
    }

    /// Deletes the first document matching `filter`; returns how many were deleted (0 or 1).
    @discardableResult
    public func deleteOne(_ filter: BSONDocument, session: MongoSession? = nil) async throws -> Int {
        try await performDelete(filter, many: false, session: session)
    }

    @discardableResult
    public func deleteMany(_ filter: BSONDocument, session: MongoSession? = nil) async throws -> Int {
        try await performDelete(filter, many: true, session: session)
    }

    private func performUpdate(
        _ filter: BSONDocument, _ update: MongoUpdate, many: Bool, upsert: Bool, session: MongoSession?
    ) async throws -> MongoUpdateResult {
        let operation = "\(many ? "updateMany" : "updateOne") in \(namespace)"
        let options: BSONDocument = ["upsert": .bool(upsert)]
        let updateDocument = update.bsonForLibmongoc
        let reply = try await write(operation, session: session, options: options) { collection, opts in
            BSONBridge.with(filter) { filter in
                BSONBridge.with(updateDocument) { update in
                    var error = bson_error_t()
                    let (ok, reply) = BSONBridge.withReply { reply in
                        many
                            ? mongoc_collection_update_many(collection, filter, update, opts, reply, &error)
                            : mongoc_collection_update_one(collection, filter, update, opts, reply, &error)
                    }
                    return (ok, error, reply)
                }
            }
        }
        return MongoUpdateResult(
            matchedCount: Int(reply["matchedCount"]?.int64Value ?? 0),
            modifiedCount: Int(reply["modifiedCount"]?.int64Value ?? 0),
            upsertedId: reply["upsertedId"]
        )
    }

    private func performDelete(_ filter: BSONDocument, many: Bool, session: MongoSession?) async throws -> Int {
        let operation = "\(many ? "deleteMany" : "deleteOne") in \(namespace)"
        let reply = try await write(operation, session: session, options: BSONDocument()) { collection, opts in
            BSONBridge.with(filter) { filter in
                var error = bson_error_t()
                let (ok, reply) = BSONBridge.withReply { reply in
                    many
                        ? mongoc_collection_delete_many(collection, filter, opts, reply, &error)
                        : mongoc_collection_delete_one(collection, filter, opts, reply, &error)
                }
                return (ok, error, reply)
            }
        }
        return Int(reply["deletedCount"]?.int64Value ?? 0)
    }
}
