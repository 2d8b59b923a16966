import CMongoC

/// The documents of a `find`, streamed a batch at a time; iterate it with `for try await`.
///
/// Each iteration opens its own server cursor. Leaving the loop early ends the cursor and returns its
/// connection to the pool; closing the client ends any cursor still open.
public struct MongoCursor: AsyncSequence, Sendable {
    public typealias Element = BSONDocument

    let batchSize: Int
    let operation: String
    let open: @Sendable () async throws -> CursorHandle

    init(batchSize: Int, operation: String, open: @escaping @Sendable () async throws -> CursorHandle) {
        self.batchSize = Swift.max(1, batchSize)
        self.operation = operation
        self.open = open
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(cursor: self)
    }

    public struct Iterator: AsyncIteratorProtocol {
        let cursor: MongoCursor
        var handle: CursorHandle?
        var buffer: [BSONDocument] = []
        var position = 0
        var finished = false

        public mutating func next() async throws -> BSONDocument? {
            if position < buffer.count {
                defer { position += 1 }
                return buffer[position]
            }
            guard !finished else { return nil }
            if handle == nil { handle = try await cursor.open() }
            let (batchSize, operation) = (cursor.batchSize, cursor.operation)
            let batch = try await handle!.withPointer { pointer in
                guard let pointer else { throw MongoError.clientClosed(operation: operation) }
                return try MongoCursorReader.next(batch: batchSize, from: pointer, operation: operation)
            }
            buffer = batch.documents
            position = 0
            if batch.finished {
                finished = true
                await handle?.close()
                handle = nil
            }
            guard !buffer.isEmpty else { return nil }
            position = 1
            return buffer[0]
        }
    }

    /// Reads every document into an array; for results known to be small.
    public func collect() async throws -> [BSONDocument] {
        var documents: [BSONDocument] = []
        for try await document in self { documents.append(document) }
        return documents
    }
}

/// Reads documents off a libmongoc cursor on an executor thread.
enum MongoCursorReader {
    struct Batch: Sendable {
        var documents: [BSONDocument]
        var finished: Bool
    }

    static func next(batch size: Int, from cursor: OpaquePointer, operation: String) throws -> Batch {
        var documents: [BSONDocument] = []
        documents.reserveCapacity(min(size, 1024))
        var current: OpaquePointer?
        while documents.count < size {
            guard mongoc_cursor_next(cursor, &current), let current else {
                try throwIfFailed(cursor, operation: operation)
                return Batch(documents: documents, finished: true)
            }
            do {
                documents.append(try BSONBridge.document(current))
            } catch {
                throw MongoError(code: .invalidDocument, operation: operation, message: error.description)
            }
        }
        return Batch(documents: documents, finished: false)
    }

    private static func throwIfFailed(_ cursor: OpaquePointer, operation: String) throws {
        var error = bson_error_t()
        var reply: OpaquePointer?
        guard mongoc_cursor_error_document(cursor, &error, &reply) else { return }
        let document = reply.flatMap { try? BSONBridge.document($0) }
        throw MongoError(error, reply: document, operation: operation)
    }
}
