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

/// A `find`'s results, a batch at a time, through two executor threads: one reads a batch off the server and
/// copies its bytes, then at once asks for the next while another converts the copied batch (`read`). So the
/// server's work (and the round trip) for the next batch overlaps both the conversion and the caller's use of
/// this one; converting on the reading thread right after each `getMore` held the next request back by the
/// whole conversion (benchmark 5c).
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

    /// A converted batch, and the read of the batch after it, already under way.
    struct Fetched: Sendable {
        var batch: MongoCursorReader.Batch<Element>
        var nextRaw: Task<MongoCursorReader.RawBatch, any Error>?
    }

    public struct Iterator: AsyncIteratorProtocol {
        let cursor: MongoBatchCursor
        var handle: CursorHandle?
        /// The next batch, converted while this one is used.
        var pending: Task<Fetched, any Error>?
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
            let fetched = try await (pending ?? convert(Self.readRaw(handle, cursor))).value
            pending = fetched.nextRaw.map { convert($0) }
            buffer = fetched.batch.documents
            position = 0
            if fetched.batch.finished {
                finished = true
                await handle?.close()
                handle = nil
            }
            guard !buffer.isEmpty else { return nil }
            position = 1
            return buffer[0]
        }

        /// Reads the next batch's bytes on one of the driver's threads.
        private static func readRaw(_ handle: CursorHandle?, _ cursor: MongoBatchCursor)
            -> Task<MongoCursorReader.RawBatch, any Error>
        {
            let (batchSize, operation) = (cursor.batchSize, cursor.operation)
            return Task {
                guard let handle else { throw MongoError.clientClosed(operation: operation) }
                return try await handle.withPointer { pointer in
                    guard let pointer else { throw MongoError.clientClosed(operation: operation) }
                    return try MongoCursorReader.nextRaw(batch: batchSize, from: pointer, operation: operation)
                }
            }
        }

        /// When `raw` has arrived: starts reading the batch after it, and converts it on another driver thread.
        private func convert(_ raw: Task<MongoCursorReader.RawBatch, any Error>) -> Task<Fetched, any Error> {
            let (handle, cursor) = (handle, cursor)
            return Task {
                let batch = try await raw.value
                let nextRaw = batch.finished ? nil : Self.readRaw(handle, cursor)
                guard let executor = handle?.executor else {
                    throw MongoError.clientClosed(operation: cursor.operation)
                }
                let converted = try await executor.run {
                    try MongoCursorReader.convert(batch, operation: cursor.operation, read: cursor.read)
                }
                return Fetched(batch: converted, nextRaw: nextRaw)
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

    /// A batch as libmongoc returned it: each document's bytes, end to end, and where each one ends.
    struct RawBatch: Sendable {
        var bytes: [UInt8] = []
        var ends: [Int] = []
        var finished = false
    }

    /// Reads up to `size` documents and copies their bytes (the `bson_t`s libmongoc hands out live only until
    /// the next call): one buffer per batch, converted later on another thread.
    static func nextRaw(batch size: Int, from cursor: OpaquePointer, operation: String) throws -> RawBatch {
        var raw = RawBatch()
        raw.ends.reserveCapacity(min(size, 1024))
        var current: OpaquePointer?
        while raw.ends.count < size {
            guard mongoc_cursor_next(cursor, &current), let current else {
                try throwIfFailed(cursor, operation: operation)
                raw.finished = true
                return raw
            }
            if let data = bson_get_data(current) {
                let length = Int(UnsafeRawPointer(data).loadUnaligned(as: UInt32.self).littleEndian)
                raw.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: length))
            } else {
                raw.bytes.append(contentsOf: [5, 0, 0, 0, 0])  // the empty document
            }
            raw.ends.append(raw.bytes.count)
        }
        return raw
    }

    /// Converts each document of `raw` with `read`, through a static `bson_t` over the copied bytes.
    static func convert<Element>(
        _ raw: RawBatch, operation: String, read: (OpaquePointer) throws(BSONError) -> Element
    ) throws -> Batch<Element> {
        // libbson's `bson_t` is 128 bytes aligned to 128 (see `BSONBridge.withReply`): one for the batch.
        let storage = UnsafeMutableRawPointer.allocate(byteCount: 128, alignment: 128)
        defer { storage.deallocate() }
        let document = OpaquePointer(storage)
        var documents: [Element] = []
        documents.reserveCapacity(raw.ends.count)
        try raw.bytes.withUnsafeBufferPointer { bytes in
            var start = 0
            for end in raw.ends {
                guard let base = bytes.baseAddress, bson_init_static(document, base + start, end - start) else {
                    throw MongoError(
                        code: .invalidDocument, operation: operation,
                        message: "document \(documents.count + 1) of a batch is not valid BSON")
                }
                do throws(BSONError) {
                    documents.append(try read(document))
                } catch {
                    throw MongoError(code: .invalidDocument, operation: operation, message: error.description)
                }
                start = end
            }
        }
        return Batch(documents: documents, finished: raw.finished)
    }

    private static func throwIfFailed(_ cursor: OpaquePointer, operation: String) throws {
        var error = bson_error_t()
        var reply: OpaquePointer?
        guard mongoc_cursor_error_document(cursor, &error, &reply) else { return }
        let document = reply.flatMap { try? BSONBridge.document($0) }
        throw MongoError(error, reply: document, operation: operation)
    }
}
