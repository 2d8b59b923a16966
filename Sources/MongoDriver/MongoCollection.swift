import CMongoC

/// A collection; cheap to make, holds no connection. Every method runs its libmongoc call on the client's
/// threads and takes an optional ``MongoSession`` (for transactions).
public struct MongoCollection: Sendable {
    public let client: MongoClient
    public let database: String
    public let name: String

    /// `database.collection`, for messages.
    public var namespace: String { "\(database).\(name)" }

    /// Inserts one document and returns its `_id` (one is made when the document has none).
    @discardableResult
    public func insertOne(_ document: BSONDocument, session: MongoSession? = nil) async throws -> BSONValue {
        let (document, id) = Self.withId(document)
        try await write("insertOne into \(namespace)", session: session, options: BSONDocument()) { collection, opts in
            BSONBridge.with(document) { document in
                var error = bson_error_t()
                let (ok, reply) = BSONBridge.withReply {
                    mongoc_collection_insert_one(collection, document, opts, $0, &error)
                }
                return (ok, error, reply)
            }
        }
        return id
    }

    /// Inserts documents in one round trip per server batch; ordered inserts stop at the first error.
    @discardableResult
    public func insertMany(_ documents: [BSONDocument], ordered: Bool = true, session: MongoSession? = nil)
        async throws -> MongoInsertManyResult
    {
        guard !documents.isEmpty else { return MongoInsertManyResult(insertedIds: []) }
        let prepared = documents.map(Self.withId)
        let options: BSONDocument = ["ordered": .bool(ordered)]
        try await write("insertMany into \(namespace)", session: session, options: options) { collection, opts in
            let handles = prepared.map { bson_new_from_data($0.0.bsonBytes, $0.0.bsonBytes.count)! }
            defer { handles.forEach { bson_destroy($0) } }
            var pointers: [OpaquePointer?] = handles
            var error = bson_error_t()
            let (ok, reply) = BSONBridge.withReply { reply in
                pointers.withUnsafeMutableBufferPointer { buffer in
                    mongoc_collection_insert_many(collection, buffer.baseAddress, buffer.count, opts, reply, &error)
                }
            }
            return (ok, error, reply)
        }
        return MongoInsertManyResult(insertedIds: prepared.map(\.1))
    }

    /// The first document matching `filter` (in `options.sort` order), or `nil`.
    public func findOne(
        _ filter: BSONDocument = [:], options: MongoFindOptions = MongoFindOptions(), session: MongoSession? = nil
    ) async throws -> BSONDocument? {
        var options = options
        options.limit = 1
        options.batchSize = 1
        let (database, name) = (self.database, self.name)
        let operation = "findOne in \(namespace)"
        let findOptions = options.document
        return try await client.perform(operation, session: session) { context in
            try context.withCollection(database, name) { collection in
                try context.withOptions(findOptions) { opts in
                    try BSONBridge.with(filter) { filter in
                        let cursor = mongoc_collection_find_with_opts(collection, filter, opts, nil)!
                        defer { mongoc_cursor_destroy(cursor) }
                        return try MongoCursorReader.next(batch: 1, from: cursor, operation: operation).documents.first
                    }
                }
            }
        }
    }

    /// Streams the documents matching `filter`, `options.batchSize` at a time; the whole result is never held.
    ///
    /// The server cursor opens when iteration starts and ends when the loop ends, early or not.
    public func find(_ filter: BSONDocument = [:], options: MongoFindOptions = MongoFindOptions()) -> MongoCursor {
        let operation = "find in \(namespace)"
        return MongoCursor(batchSize: options.batchSize, operation: operation, open: opener(filter, options, operation))
        {
            pointer throws(BSONError) in try BSONBridge.document(pointer)
        }
    }

    /// The documents matching `filter`, each decoded into `T` on the driver's threads straight from libbson's
    /// iterator (no ``BSONDocument`` in between; a ``BSONFieldDecodable`` type reads its fields itself):
    /// `.success` or, for a document that does not decode, the ``BSONError`` naming its `_id` and field.
    public func find<T: Decodable & Sendable>(
        _ filter: BSONDocument = [:], options: MongoFindOptions = MongoFindOptions(), as type: T.Type
    ) -> MongoDecodingCursor<T> {
        let operation = "find in \(namespace)"
        // Asked once per cursor, not once per document.
        let fieldType = type as? any BSONFieldDecodable.Type
        return MongoDecodingCursor<T>(
            batchSize: options.batchSize, operation: operation, open: opener(filter, options, operation)
        ) {
            pointer throws(BSONError) in
            do throws(BSONError) {
                if let fields = fieldType {
                    return .success(try BSONFields.decode(fields, from: pointer) as! T)
                }
                return .success(try BSONIteratorDecoder.decode(type, from: pointer))
            } catch {
                return .failure(error)
            }
        }
    }

    private func opener(_ filter: BSONDocument, _ options: MongoFindOptions, _ operation: String)
        -> @Sendable () async throws -> CursorHandle
    {
        let findOptions = options.document
        return {
            try await openHandle(operation: operation, kind: .cursor) { collection in
                BSONBridge.with(findOptions) { opts in
                    BSONBridge.with(filter) { mongoc_collection_find_with_opts(collection, $0, opts, nil)! }
                }
            }
        }
    }

    public func countDocuments(_ filter: BSONDocument = [:], session: MongoSession? = nil) async throws -> Int {
        let (database, name) = (self.database, self.name)
        let operation = "countDocuments in \(namespace)"
        return try await client.perform(operation, session: session) { context in
            try context.withCollection(database, name) { collection in
                try context.withOptions(BSONDocument()) { opts in
                    try BSONBridge.with(filter) { filter in
                        var error = bson_error_t()
                        let (count, reply) = BSONBridge.withReply { reply in
                            mongoc_collection_count_documents(collection, filter, opts, nil, reply, &error)
                        }
                        guard count >= 0 else { throw MongoError(error, reply: reply, operation: operation) }
                        return Int(count)
                    }
                }
            }
        }
    }

    /// Opens a cursor or change stream on a pooled connection that the returned handle then owns; the
    /// connection goes back to the pool if opening fails.
    func openHandle(
        operation: String, kind: CursorHandle.Kind, _ make: @escaping @Sendable (OpaquePointer) -> OpaquePointer
    ) async throws -> CursorHandle {
        let (database, name) = (self.database, self.name)
        let connection = try await client.checkOut(operation: operation)
        do {
            let pointer = try await client.executor.run {
                MongoOperationContext(client: connection.pointer, session: nil, operation: operation)
                    .withCollection(database, name) { PoolPointer(make($0)) }
            }
            return CursorHandle(pointer: pointer.pointer, connection: connection, kind: kind)
        } catch {
            await connection.checkIn()
            throw error
        }
    }

    /// Returns `document` with an `_id` (a new ObjectId when it had none) and that id.
    static func withId(_ document: BSONDocument) -> (BSONDocument, BSONValue) {
        if let id = document["_id"] { return (document, id) }
        var withId = BSONDocument([("_id", .objectId(BSONObjectId()))])
        for element in document { withId.append(element.key, element.value) }
        return (withId, withId["_id"]!)
    }

    /// Runs one libmongoc write on the collection and turns a failure into a ``MongoError``.
    @discardableResult
    func write(
        _ operation: String, session: MongoSession?, options: BSONDocument,
        _ body: @escaping @Sendable (OpaquePointer, OpaquePointer) throws -> (Bool, bson_error_t, BSONDocument)
    ) async throws -> BSONDocument {
        let (database, name) = (self.database, self.name)
        return try await client.perform(operation, session: session) { context in
            try context.withCollection(database, name) { collection in
                try context.withOptions(options) { opts in
                    let (ok, error, reply) = try body(collection, opts)
                    guard ok else { throw MongoError(error, reply: reply, operation: operation) }
                    return reply
                }
            }
        }
    }
}
