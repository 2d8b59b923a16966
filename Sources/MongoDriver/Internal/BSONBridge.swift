import CMongoC

/// Moves documents between Swift and libbson. Every `bson_t` made here lives only inside the closure
/// that asked for it, on an executor thread.
enum BSONBridge {
    /// A libbson copy of `document` for the duration of `body`.
    static func with<T>(_ document: BSONDocument, _ body: (OpaquePointer) throws -> T) rethrows -> T {
        let bytes = document.bsonBytes
        let handle = bytes.withUnsafeBufferPointer { bson_new_from_data($0.baseAddress, $0.count) }
        guard let handle else {
            preconditionFailure("libbson refused a document this package serialised")  // our writer's bug
        }
        defer { bson_destroy(handle) }
        return try body(handle)
    }

    /// Like ``with(_:_:)`` for an optional document: `nil` stays a null pointer.
    static func with<T>(optional document: BSONDocument?, _ body: (OpaquePointer?) throws -> T) rethrows -> T {
        guard let document else { return try body(nil) }
        return try with(document) { try body($0) }
    }

    /// Reads a `bson_t` that libmongoc owns into a Swift document.
    static func document(_ handle: OpaquePointer) throws(BSONError) -> BSONDocument {
        guard let data = bson_get_data(handle) else { return BSONDocument() }
        let length = Int(UnsafeRawPointer(data).loadUnaligned(as: UInt32.self).littleEndian)
        return try BSONReader.document(from: UnsafeRawBufferPointer(start: data, count: length))
    }

    /// Gives `body` an initialised, empty `bson_t` to use as a reply, then reads and frees it.
    ///
    /// libbson's `bson_t` is 128 bytes aligned to 128, which Swift cannot place on the stack, so the
    /// storage is allocated here and released here, whatever `body` does.
    static func withReply<T>(_ body: (OpaquePointer) throws -> T) rethrows -> (T, BSONDocument) {
        let storage = UnsafeMutableRawPointer.allocate(byteCount: 128, alignment: 128)
        storage.initializeMemory(as: UInt8.self, repeating: 0, count: 128)
        let reply = OpaquePointer(storage)
        bson_init(reply)
        defer {
            bson_destroy(reply)
            storage.deallocate()
        }
        let result = try body(reply)
        let document = (try? document(reply)) ?? BSONDocument()
        return (result, document)
    }
}
