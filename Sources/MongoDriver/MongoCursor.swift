import CMongoC

/// The documents of a `find`, streamed a batch at a time; iterate it with `for try await`.
///
/// Each iteration opens its own server cursor. Leaving the loop early ends the cursor and returns its
/// connection to the pool; closing the client ends any cursor still open.
public typealias MongoCursor = MongoBatchCursor<BSONDocument>

/// The documents of a `find` decoded into `T` on the driver's threads, straight from libbson's bytes
/// (``MongoCollection/find(_:options:as:)``): each element is the value or why that one document could
/// not be decoded, so one bad document never ends the read.
public typealias MongoDecodingCursor<T: Decodable & Sendable> = MongoBatchCursor<Result<T, BSONError>>

/// A `find`'s results, a batch at a time: each batch is read (and each document converted by `read`) on
/// the driver's threads, and the next batch is asked for as soon as one arrives, so the server's work for
/// it overlaps the caller's use of this one.
public struct MongoBatchCursor<Element: Sendable>: AsyncSequence, Sendable {
    let batchSize: Int
    let operation: String
    let open: @Sendable () async throws -> CursorHandle
    /// One document of libbson's (valid only during the call) → an element.
    let read: @Sendable (OpaquePointer) throws(BSONError) -> Element

    init(
        batchSize: Int, operation: String, open: @escaping @Sendable () async throws -> CursorHandle,
        read: @escaping @Sendable (OpaquePointer) throws(BSONError) -> Element
    ) {
        self.batchSize = Swift.max(1, batchSize)
        self.operation = operation
        self.open = open
        self.read = read
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(cursor: self)
    }

    public struct Iterator: AsyncIteratorProtocol {
        let cursor: MongoBatchCursor
        var handle: CursorHandle?
        /// The next batch, asked for while this one is used.
        var pending: Task<MongoCursorReader.Batch<Element>, any Error>?
        var buffer: [Element] = []
        var position = 0
        var finished = false

        public mutating func next() async throws -> Element? {
            if position < buffer.count {
                defer { position += 1 }
                return buffer[position]
            }
            guard !finished else { return nil }
            if handle == nil { handle = try await cursor.open() }
            let batch = try await (pending ?? fetch()).value
            pending = nil
            buffer = batch.documents
            position = 0
            if batch.finished {
                finished = true
                await handle?.close()
                handle = nil
            } else {
                pending = fetch()
            }
            guard !buffer.isEmpty else { return nil }
            position = 1
            return buffer[0]
        }

        /// Reads the next batch on the driver's threads.
        private func fetch() -> Task<MongoCursorReader.Batch<Element>, any Error> {
            let (handle, batchSize, operation, read) = (handle, cursor.batchSize, cursor.operation, cursor.read)
            return Task {
                guard let handle else { throw MongoError.clientClosed(operation: operation) }
                return try await handle.withPointer { pointer in
                    guard let pointer else { throw MongoError.clientClosed(operation: operation) }
                    return try MongoCursorReader.next(batch: batchSize, from: pointer, operation: operation, read: read)
                }
            }
        }
    }

    /// Reads every document into an array; for results known to be small.
    public func collect() async throws -> [Element] {
        var documents: [Element] = []
        for try await document in self { documents.append(document) }
        return documents
    }
}

/// Reads documents off a libmongoc cursor on an executor thread.
enum MongoCursorReader {
    struct Batch<Element: Sendable>: Sendable {
        var documents: [Element]
        var finished: Bool
    }

    static func next(batch size: Int, from cursor: OpaquePointer, operation: String) throws -> Batch<BSONDocument> {
        try next(batch: size, from: cursor, operation: operation) { pointer throws(BSONError) in
            try BSONBridge.document(pointer)
        }
    }

    static func next<Element>(
        batch size: Int, from cursor: OpaquePointer, operation: String,
        read: (OpaquePointer) throws(BSONError) -> Element
    ) throws -> Batch<Element> {
        var documents: [Element] = []
        documents.reserveCapacity(min(size, 1024))
        var current: OpaquePointer?
        while documents.count < size {
            guard mongoc_cursor_next(cursor, &current), let current else {
                try throwIfFailed(cursor, operation: operation)
                return Batch(documents: documents, finished: true)
            }
            do {
                documents.append(try read(current))
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
