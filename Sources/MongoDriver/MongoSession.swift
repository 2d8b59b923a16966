import CMongoC
import Synchronization

/// A client session pinned to one pooled connection, for transactions.
///
/// Get one from ``MongoClient/withSession(_:)``, which always ends it; pass it to collection methods as
/// `session:`. Operations in one session run one after another.
public final class MongoSession: MongoResource, @unchecked Sendable {
    // `@unchecked Sendable`: `pointer` is only used by executor jobs holding `lock`, one at a time.
    private let lock = Mutex<Void>(())
    private var pointer: OpaquePointer?
    private var connection: PooledConnection?
    private let executor: BlockingExecutor

    init(pointer: OpaquePointer, connection: PooledConnection) {
        self.pointer = pointer
        self.connection = connection
        self.executor = connection.client.executor
        connection.client.resources.add(self)
    }

    /// Runs `body` in a transaction: commits when it returns, aborts when it throws (and rethrows).
    public func withTransaction<T: Sendable>(
        isolation: isolated (any Actor)? = #isolation, _ body: (MongoSession) async throws -> T
    ) async throws -> T {
        try await perform("startTransaction") { context in
            var error = bson_error_t()
            guard mongoc_client_session_start_transaction(context.session, nil, &error) else {
                throw MongoError(error, operation: "startTransaction")
            }
        }
        let result: T
        do {
            result = try await body(self)
        } catch {
            try? await perform("abortTransaction") { context in
                var error = bson_error_t()
                _ = mongoc_client_session_abort_transaction(context.session, &error)
            }
            throw error
        }
        try await perform("commitTransaction") { context in
            var error = bson_error_t()
            let (ok, reply) = BSONBridge.withReply {
                mongoc_client_session_commit_transaction(context.session, $0, &error)
            }
            guard ok else { throw MongoError(error, reply: reply, operation: "commitTransaction") }
        }
        return result
    }

    func perform<T: Sendable>(_ operation: String, _ body: @escaping @Sendable (MongoOperationContext) throws -> T)
        async throws -> T
    {
        try await executor.run { [self] in
            try lock.withLock { _ in
                guard let pointer, let connection else { throw MongoError.clientClosed(operation: operation) }
                return try body(
                    MongoOperationContext(client: connection.pointer, session: pointer, operation: operation))
            }
        }
    }

    /// Ends the session (aborting an open transaction) and returns its connection; idempotent.
    func close() async {
        let released: PooledConnection? = try? await executor.run { [self] in
            lock.withLock { _ -> PooledConnection? in
                guard let connection else { return nil }
                if let pointer { mongoc_client_session_destroy(pointer) }
                pointer = nil
                self.connection = nil
                return connection
            }
        }
        guard let released else { return }
        released.client.resources.remove(self)
        await released.checkIn()
    }
}

extension MongoClient {
    /// Runs `body` with a new session and ends the session afterwards, whether `body` returns or throws.
    public func withSession<T: Sendable>(
        isolation: isolated (any Actor)? = #isolation, _ body: (MongoSession) async throws -> T
    ) async throws -> T {
        let connection = try await checkOut(operation: "startSession")
        let session: MongoSession
        do {
            let pointer = try await executor.run {
                var error = bson_error_t()
                guard let session = mongoc_client_start_session(connection.pointer, nil, &error) else {
                    throw MongoError(error, operation: "startSession")
                }
                return PoolPointer(session)
            }
            session = MongoSession(pointer: pointer.pointer, connection: connection)
        } catch {
            await connection.checkIn()
            throw error
        }
        do {
            let result = try await body(session)
            await session.close()
            return result
        } catch {
            await session.close()
            throw error
        }
    }

    /// Runs `body` in a transaction of a new session: committed when it returns, aborted when it throws.
    public func withTransaction<T: Sendable>(
        isolation: isolated (any Actor)? = #isolation, _ body: (MongoSession) async throws -> T
    ) async throws -> T {
        try await withSession { session in try await session.withTransaction(body) }
    }
}
