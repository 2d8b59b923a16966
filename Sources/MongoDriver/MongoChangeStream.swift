import CMongoC
import Essentials

/// Options of ``MongoCollection/watch(pipeline:options:)``.
public struct MongoChangeStreamOptions: Sendable {
    /// `updateLookup` to receive the whole current document with update events.
    public var fullDocument: String?
    /// Resume after this token (from ``MongoChangeEvent/resumeToken`` or ``MongoChangeStream/Iterator/resumeToken``).
    public var resumeAfter: BSONDocument?
    public var startAfter: BSONDocument?
    /// How long the server waits for an event before answering an empty batch; keep it short so that
    /// cancellation is prompt and the connection is not held for long.
    public var maxAwaitTime: Duration
    public var batchSize: Int?

    public init(
        fullDocument: String? = nil, resumeAfter: BSONDocument? = nil, startAfter: BSONDocument? = nil,
        maxAwaitTime: Duration = .milliseconds(500), batchSize: Int? = nil
    ) {
        self.fullDocument = fullDocument
        self.resumeAfter = resumeAfter
        self.startAfter = startAfter
        self.maxAwaitTime = maxAwaitTime
        self.batchSize = batchSize
    }

    var document: BSONDocument {
        var options = BSONDocument()
        if let fullDocument { options["fullDocument"] = .string(fullDocument) }
        if let resumeAfter { options["resumeAfter"] = .document(resumeAfter) }
        if let startAfter { options["startAfter"] = .document(startAfter) }
        let milliseconds = maxAwaitTime.inMilliseconds
        options["maxAwaitTimeMS"] = .int64(max(1, milliseconds))
        if let batchSize { options["batchSize"] = .int32(Int32(clamping: batchSize)) }
        return options
    }
}

/// One change: the event document (`operationType`, `documentKey`, `fullDocument`, ...) and the token
/// to resume right after it.
public struct MongoChangeEvent: Sendable, Hashable {
    public var document: BSONDocument
    public var resumeToken: BSONDocument
}

/// A change stream, iterated with `for try await`. The iteration ends (returns `nil`) when its task is
/// cancelled; errors such as ``MongoError/Code/changeStreamsUnsupported`` or
/// ``MongoError/Code/resumeTokenTooOld`` are thrown.
public struct MongoChangeStream: AsyncSequence, Sendable {
    public typealias Element = MongoChangeEvent

    let operation: String
    let open: @Sendable () async throws -> CursorHandle

    public func makeAsyncIterator() -> Iterator {
        Iterator(stream: self)
    }

    public struct Iterator: AsyncIteratorProtocol {
        let stream: MongoChangeStream
        var handle: CursorHandle?
        /// The newest resume token, which moves on even while no event arrives.
        public private(set) var resumeToken: BSONDocument?

        /// Opens the stream now instead of at the first ``next()``: a change made after this returns is seen.
        /// Throws what the server refused the stream with (e.g. ``MongoError/Code/changeStreamsUnsupported``).
        public mutating func open() async throws {
            guard handle == nil else { return }
            let opened = try await stream.open()
            handle = opened
            let operation = stream.operation
            do {
                try await opened.withPointer { pointer in
                    guard let pointer else { throw MongoError.clientClosed(operation: operation) }
                    try Self.throwIfFailed(pointer, operation: operation)
                }
            } catch {
                await close()
                throw error
            }
        }

        public mutating func next() async throws -> MongoChangeEvent? {
            try await open()
            let operation = stream.operation
            while !Task.isCancelled, let handle {
                do {
                    let (event, token) = try await handle.withPointer { pointer in
                        guard let pointer else { throw MongoError.clientClosed(operation: operation) }
                        return try Self.poll(pointer, operation: operation)
                    }
                    if let token { resumeToken = token }
                    if let event { return event }
                } catch {
                    // A failed stream gives its pooled connection back at once, not when the client closes.
                    await close()
                    throw error
                }
            }
            await close()
            return nil
        }

        private mutating func close() async {
            await handle?.close()
            handle = nil
        }

        /// One `getMore` at most: an event, or none after `maxAwaitTimeMS`.
        private static func poll(_ stream: OpaquePointer, operation: String) throws -> (
            MongoChangeEvent?, BSONDocument?
        ) {
            var current: OpaquePointer?
            if mongoc_change_stream_next(stream, &current), let current {
                let document = try BSONBridge.document(current)
                let token = document["_id"]?.documentValue ?? BSONDocument()
                return (MongoChangeEvent(document: document, resumeToken: token), token)
            }
            try throwIfFailed(stream, operation: operation)
            let token = mongoc_change_stream_get_resume_token(stream).flatMap { try? BSONBridge.document($0) }
            return (nil, token)
        }

        private static func throwIfFailed(_ stream: OpaquePointer, operation: String) throws {
            var error = bson_error_t()
            var reply: OpaquePointer?
            if mongoc_change_stream_error_document(stream, &error, &reply) {
                let document = reply.flatMap { try? BSONBridge.document($0) }
                throw MongoError(error, reply: document, operation: operation)
            }
        }
    }
}

extension MongoCollection {
    /// Watches the collection's changes; the stream opens when iteration starts.
    public func watch(pipeline: [BSONDocument] = [], options: MongoChangeStreamOptions = MongoChangeStreamOptions())
        -> MongoChangeStream
    {
        let operation = "watch on \(namespace)"
        let pipelineDocument: BSONDocument = ["pipeline": .array(pipeline.map(BSONValue.document))]
        let optionsDocument = options.document
        return MongoChangeStream(operation: operation) {
            try await openHandle(operation: operation, kind: .changeStream) { collection in
                BSONBridge.with(pipelineDocument) { pipeline in
                    BSONBridge.with(optionsDocument) { mongoc_collection_watch(collection, pipeline, $0)! }
                }
            }
        }
    }
}
