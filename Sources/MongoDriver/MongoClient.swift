import CMongoC
import Foundation
import Synchronization

/// A MongoDB client: a bounded, thread-safe pool of libmongoc connections built from a URI.
///
/// Every blocking libmongoc call runs on the client's own threads, never on Swift's cooperative pool. A
/// task takes one of the pool's clients only when one is free (it waits, suspended, otherwise), so no
/// thread ever blocks inside `mongoc_client_pool_pop`. Close the client with ``close()``, or use
/// ``withMongoClient(_:_:)``, which always does; closing ends every cursor, change stream and session
/// still open, so none outlives the client it came from.
public final class MongoClient: Sendable {
    public struct Configuration: Sendable {
        /// A MongoDB connection string; its password never appears in an error or a log line.
        public var uri: String
        /// Connections in the pool, and so operations, cursors and sessions open at once.
        public var maxPoolSize: Int
        public var appName: String

        public init(uri: String, maxPoolSize: Int = 8, appName: String = "boardsync") {
            self.uri = uri
            self.maxPoolSize = maxPoolSize
            self.appName = appName
        }
    }

    let pool: PoolPointer
    let executor: BlockingExecutor
    let gate: ClientGate
    let resources = MongoResourceRegistry()
    private let closed = Atomic<Bool>(false)
    /// The URI without its user information, for messages.
    public let redactedURI: String

    public init(_ configuration: Configuration) throws(MongoError) {
        Mongo.initialize()
        // Nothing of a URI that cannot be split into user information and hosts is ever shown: libmongoc
        // would take part of the password for a host and print it.
        if let problem = MongoURIText.problem(in: configuration.uri) {
            throw MongoError(code: .invalidURI, operation: "parsing the MongoDB URI", message: problem)
        }
        if let password = MongoURIText.userInfo(in: configuration.uri)?.password {
            Redaction.register(secret: password)
        }
        redactedURI = Redaction.redact(configuration.uri)
        var error = bson_error_t()
        guard let uri = mongoc_uri_new_with_error(configuration.uri, &error) else {
            var failure = MongoError(error, operation: "parsing the MongoDB URI")
            // libmongoc quotes what it could not read ("Password \"…\" must not have …"): never shown.
            failure.message = failure.message.replacing(/"[^"]*"/, with: "\"***\"")
            failure.code = .invalidURI
            throw failure
        }
        defer { mongoc_uri_destroy(uri) }
        guard let pool = mongoc_client_pool_new_with_error(uri, &error) else {
            throw MongoError(error, operation: "creating the MongoDB client pool")
        }
        let size = max(1, configuration.maxPoolSize)
        mongoc_client_pool_set_error_api(pool, 2)
        mongoc_client_pool_max_size(pool, UInt32(size))
        mongoc_client_pool_set_appname(pool, configuration.appName)
        self.pool = PoolPointer(pool)
        self.gate = ClientGate(size: size)
        // One thread per pooled client, plus one so a closing cursor never waits for a busy thread.
        self.executor = BlockingExecutor(threadCount: size + 1, name: "mongoc")
        self.maxPoolSize = size
    }

    let maxPoolSize: Int

    public func database(_ name: String) -> MongoDatabase {
        MongoDatabase(client: self, name: name)
    }

    public var isClosed: Bool { closed.load(ordering: .acquiring) }

    /// Ends every open cursor, change stream and session, waits for running operations, then frees the
    /// pool and stops the client's threads. Calling it twice is harmless.
    public func close() async {
        guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        for resource in resources.drain() {
            await resource.close()
        }
        for _ in 0..<maxPoolSize { await gate.acquire() }
        let executor = self.executor
        let pool = self.pool
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            executor.submit {
                mongoc_client_pool_destroy(pool.pointer)
                continuation.resume()
            }
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            Thread.detachNewThread {
                executor.shutdown()
                continuation.resume()
            }
        }
    }

    /// Takes a pooled connection for a resource that lives across several jobs (cursor, session).
    func checkOut(operation: String) async throws(MongoError) -> PooledConnection {
        guard !isClosed else { throw MongoError.clientClosed(operation: operation) }
        await gate.acquire()
        guard !isClosed else {
            await gate.release()
            throw MongoError.clientClosed(operation: operation)
        }
        let pool = self.pool
        do {
            let pointer = try await executor.run { PoolPointer(mongoc_client_pool_pop(pool.pointer)) }
            return PooledConnection(client: self, pointer: pointer.pointer)
        } catch {
            await gate.release()
            throw MongoError.clientClosed(operation: operation)
        }
    }

    /// Runs `body` with a connection on one of the client's threads: the session's own connection when a
    /// session is given, a pooled one otherwise.
    func perform<T: Sendable>(
        _ operation: String, session: MongoSession?,
        _ body: @escaping @Sendable (MongoOperationContext) throws -> T
    ) async throws -> T {
        if let session {
            return try await session.perform(operation, body)
        }
        let connection = try await checkOut(operation: operation)
        do {
            let result = try await executor.run {
                try body(MongoOperationContext(client: connection.pointer, session: nil, operation: operation))
            }
            await connection.checkIn()
            return result
        } catch {
            await connection.checkIn()
            throw error
        }
    }
}

/// Runs `body` with a new client and closes the client afterwards, whether `body` returns or throws.
public func withMongoClient<T>(
    _ configuration: MongoClient.Configuration,
    isolation: isolated (any Actor)? = #isolation,
    _ body: (MongoClient) async throws -> T
) async throws -> T {
    let client = try MongoClient(configuration)
    do {
        let result = try await body(client)
        await client.close()
        return result
    } catch {
        await client.close()
        throw error
    }
}
