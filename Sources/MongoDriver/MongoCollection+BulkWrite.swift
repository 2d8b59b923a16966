import CMongoC

extension MongoCollection {
    /// Sends the writes in as few round trips as the server allows. Ordered: stops at the first refused
    /// write. Unordered: applies every write it can and reports the refused ones in the thrown error's
    /// ``MongoBulkWriteError/result``.
    @discardableResult
    public func bulkWrite(_ models: [MongoWriteModel], ordered: Bool = true, session: MongoSession? = nil)
        async throws -> MongoBulkWriteResult
    {
        guard !models.isEmpty else { return MongoBulkWriteResult(reply: BSONDocument()) }
        let (database, name) = (self.database, self.name)
        let operation = "bulkWrite (\(models.count) writes) on \(namespace)"
        let prepared = models.map { model -> MongoWriteModel in
            if case .insertOne(let document) = model { return .insertOne(Self.withId(document).0) }
            return model
        }
        return try await client.perform(operation, session: session) { context in
            try context.withCollection(database, name) { collection in
                try context.withOptions(["ordered": .bool(ordered)]) { opts in
                    let bulk = mongoc_collection_create_bulk_operation_with_opts(collection, opts)!
                    defer { mongoc_bulk_operation_destroy(bulk) }
                    for model in prepared {
                        try Self.append(model, to: bulk, operation: operation)
                    }
                    var error = bson_error_t()
                    let (serverId, reply) = BSONBridge.withReply { mongoc_bulk_operation_execute(bulk, $0, &error) }
                    let result = MongoBulkWriteResult(reply: reply)
                    guard serverId != 0 else {
                        throw MongoBulkWriteError(
                            error: MongoError(error, reply: reply, operation: operation), result: result)
                    }
                    return result
                }
            }
        }
    }

    private static func append(_ model: MongoWriteModel, to bulk: OpaquePointer, operation: String) throws {
        var error = bson_error_t()
        let ok: Bool
        switch model {
        case .insertOne(let document):
            ok = BSONBridge.with(document) { mongoc_bulk_operation_insert_with_opts(bulk, $0, nil, &error) }
        case .updateOne(let filter, let update, let upsert), .updateMany(let filter, let update, let upsert):
            let many = if case .updateMany = model { true } else { false }
            ok = BSONBridge.with(filter) { filter in
                BSONBridge.with(update.bsonForLibmongoc) { update in
                    BSONBridge.with(["upsert": .bool(upsert)]) { opts in
                        many
                            ? mongoc_bulk_operation_update_many_with_opts(bulk, filter, update, opts, &error)
                            : mongoc_bulk_operation_update_one_with_opts(bulk, filter, update, opts, &error)
                    }
                }
            }
        case .replaceOne(let filter, let replacement, let upsert):
            ok = BSONBridge.with(filter) { filter in
                BSONBridge.with(replacement) { replacement in
                    BSONBridge.with(["upsert": .bool(upsert)]) { opts in
                        mongoc_bulk_operation_replace_one_with_opts(bulk, filter, replacement, opts, &error)
                    }
                }
            }
        case .deleteOne(let filter):
            ok = BSONBridge.with(filter) { mongoc_bulk_operation_remove_one_with_opts(bulk, $0, nil, &error) }
        case .deleteMany(let filter):
            ok = BSONBridge.with(filter) { mongoc_bulk_operation_remove_many_with_opts(bulk, $0, nil, &error) }
        }
        guard ok else { throw MongoError(error, operation: operation) }
    }
}

/// A bulk write that failed in part or whole: the error, and what was applied before or around it.
public struct MongoBulkWriteError: Error, Sendable, CustomStringConvertible {
    public var error: MongoError
    public var result: MongoBulkWriteResult

    public var description: String {
        "\(error) (\(result.writeErrors.count) writes refused; applied: \(result.insertedCount) inserted, "
            + "\(result.modifiedCount) modified, \(result.deletedCount) deleted, \(result.upsertedCount) upserted)"
    }
}
