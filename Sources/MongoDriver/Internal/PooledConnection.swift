import CMongoC

/// The libmongoc pool pointer. `@unchecked Sendable`: `mongoc_client_pool_t` is documented thread-safe.
struct PoolPointer: @unchecked Sendable {
    let pointer: OpaquePointer
    init(_ pointer: OpaquePointer) { self.pointer = pointer }
}

/// One `mongoc_client_t` popped from the pool, with the gate permit that allowed it.
///
/// `@unchecked Sendable`: a `mongoc_client_t` is not thread-safe, so it is only used by one executor job at
/// a time (an operation's job, or the jobs of the one cursor or session that owns it, run in sequence).
final class PooledConnection: @unchecked Sendable {
    let client: MongoClient
    let pointer: OpaquePointer

    init(client: MongoClient, pointer: OpaquePointer) {
        self.client = client
        self.pointer = pointer
    }

    /// Pushes the connection back into the pool (on this thread) and frees its permit.
    func checkIn() async {
        mongoc_client_pool_push(client.pool.pointer, pointer)
        await client.gate.release()
    }

    /// Pushes back from an executor thread, where no `await` is possible.
    func checkInFromExecutor() {
        mongoc_client_pool_push(client.pool.pointer, pointer)
        let gate = client.gate
        Task { await gate.release() }
    }
}

/// What an operation's body receives on its executor thread.
struct MongoOperationContext {
    let client: OpaquePointer
    let session: OpaquePointer?
    let operation: String

    /// Builds libmongoc's `opts` from `options`, adding the session when there is one.
    func withOptions<T>(_ options: BSONDocument, _ body: (OpaquePointer) throws -> T) throws -> T {
        try BSONBridge.with(options) { opts in
            if let session {
                var error = bson_error_t()
                guard mongoc_client_session_append(session, opts, &error) else {
                    throw MongoError(error, operation: operation)
                }
            }
            return try body(opts)
        }
    }

    /// A collection handle for the duration of `body`.
    func withCollection<T>(_ database: String, _ name: String, _ body: (OpaquePointer) throws -> T) rethrows -> T {
        let collection = mongoc_client_get_collection(client, database, name)!
        defer { mongoc_collection_destroy(collection) }
        return try body(collection)
    }
}
