import CMongoC
import Foundation

/// Decodes `Decodable` values straight from a document libbson holds, walking it with libbson's iterator
/// (`bson_iter_t`): no ``BSONDocument`` is built on the way. Each level (the document, a nested document,
/// an array) is walked once into a flat list of its elements, whose values point into libbson's bytes;
/// strings and nested levels are made only when a field is decoded. The same types and errors as
/// ``BSONDecoder``. Runs where the bytes live: on the driver's thread, before the cursor moves on.
enum BSONIteratorDecoder {
    /// Decodes the document of `handle` (a `bson_t` owned by libmongoc). Errors name the `_id`.
    static func decode<T: Decodable>(_ type: T.Type, from handle: OpaquePointer) throws(BSONError) -> T {
        guard let data = bson_get_data(handle) else { throw BSONError(.malformed, path: "", reason: "no data") }
        let length = Int(UnsafeRawPointer(data).loadUnaligned(as: UInt32.self).littleEndian)
        let walker = BSONIterWalker()
        do {
            let root = try walker.level(data, length, path: [], keys: true)
            let decoder = BSONIterValueDecoder(walker: walker, value: .level(root), codingPath: [])
            return try BSONDecoder.catching { try decoder.decodeValue(type) }
        } catch var error {
            if let root = try? walker.level(data, length, path: [], keys: true),
                let id = root.first(where: { $0.key == "_id" }),
                let value = try? id.value.bsonValue(walker: walker, path: [])
            {
                error.documentId = BSONDecoder.describeId(value)
            }
            throw error
        }
    }
}

/// One element of a level: its key and where its value is.
struct BSONIterElement {
    var key: String
    var value: BSONIterValue
}

/// A value in libbson's bytes, read through the iterator; nested documents and arrays are walked when asked.
enum BSONIterValue {
    case string(UnsafePointer<CChar>, Int)
    case int32(Int32)
    case int64(Int64)
    case double(Double)
    case bool(Bool)
    case datetime(Int64)
    case objectId(BSONObjectId)
    case null
    /// A document or array: its bytes.
    case document(UnsafePointer<UInt8>, Int)
    case array(UnsafePointer<UInt8>, Int)
    /// A decoded level (the root, or a nested one once walked).
    case level([BSONIterElement])
    /// Any other type: its type byte and the bytes from its value on, read by ``BSONReader`` when asked.
    case other(UInt8, UnsafeRawBufferPointer)

    var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    var typeName: String {
        switch self {
        case .string: "string"
        case .int32: "int"
        case .int64: "long"
        case .double: "double"
        case .bool: "bool"
        case .datetime: "date"
        case .objectId: "objectId"
        case .null: "null"
        case .document, .level: "object"
        case .array: "array"
        case .other(let type, let bytes): (try? BSONReader.value(type: type, from: bytes).typeName) ?? "unknown"
        }
    }

    /// The value as a ``BSONValue`` (for fields typed `BSONValue` or `BSONDocument`).
    func bsonValue(walker: BSONIterWalker, path: [String]) throws(BSONError) -> BSONValue {
        switch self {
        case .string: return .string(try walker.string(self, path: path))
        case .int32(let value): return .int32(value)
        case .int64(let value): return .int64(value)
        case .double(let value): return .double(value)
        case .bool(let value): return .bool(value)
        case .datetime(let millis): return .datetime(BSONDateTime(millisecondsSinceEpoch: millis))
        case .objectId(let id): return .objectId(id)
        case .null: return .null
        case .document(let data, let length):
            return .document(try BSONReader.document(from: UnsafeRawBufferPointer(start: data, count: length)))
        case .array(let data, let length):
            let elements = try walker.level(data, length, path: path, keys: false)
            return .array(
                try elements.map { element throws(BSONError) in try element.value.bsonValue(walker: walker, path: path)
                })
        case .level(let elements):
            var document = BSONDocument()
            for element in elements {
                document.append(element.key, try element.value.bsonValue(walker: walker, path: path))
            }
            return .document(document)
        case .other(let type, let bytes): return try BSONReader.value(type: type, from: bytes)
        }
    }
}

/// Walks levels with one libbson iterator, allocated once per document (libbson declares `bson_iter_t`
/// 128-byte aligned, so Swift cannot hold one on the stack).
final class BSONIterWalker {
    private let iterator: OpaquePointer

    init() {
        let storage = UnsafeMutableRawPointer.allocate(byteCount: 256, alignment: 128)
        storage.initializeMemory(as: UInt8.self, repeating: 0, count: 256)
        iterator = OpaquePointer(storage)
    }

    deinit { UnsafeMutableRawPointer(iterator).deallocate() }

    /// The elements of the document or array in `data`; array keys are left empty.
    func level(_ data: UnsafePointer<UInt8>, _ length: Int, path: [String], keys: Bool) throws(BSONError)
        -> [BSONIterElement]
    {
        guard bson_iter_init_from_data(iterator, data, length) else {
            throw BSONError(.malformed, path: BSONPath.render(path), reason: "document length does not fit its bytes")
        }
        var elements: [BSONIterElement] = []
        elements.reserveCapacity(16)
        while bson_iter_next(iterator) {
            let key = keys ? String(cString: bson_iter_key(iterator)) : ""
            elements.append(BSONIterElement(key: key, value: Self.value(at: iterator, data, length)))
        }
        return elements
    }

    /// The value `iterator` is on, in the document or array whose bytes are `data`.
    static func value(at iterator: OpaquePointer, _ data: UnsafePointer<UInt8>, _ length: Int) -> BSONIterValue {
        switch bson_iter_type(iterator) {
        case BSON_TYPE_UTF8:
            var count: UInt32 = 0
            guard let text = bson_iter_utf8(iterator, &count) else { return .null }
            return .string(text, Int(count))
        case BSON_TYPE_INT32: return .int32(bson_iter_int32(iterator))
        case BSON_TYPE_INT64: return .int64(bson_iter_int64(iterator))
        case BSON_TYPE_DOUBLE: return .double(bson_iter_double(iterator))
        case BSON_TYPE_BOOL: return .bool(bson_iter_bool(iterator))
        case BSON_TYPE_DATE_TIME: return .datetime(bson_iter_date_time(iterator))
        case BSON_TYPE_OID:
            guard let oid = bson_iter_oid(iterator) else { return .null }
            return .objectId(
                UnsafeRawPointer(oid).withMemoryRebound(to: UInt8.self, capacity: 12) {
                    BSONObjectId(bytes: Array(UnsafeBufferPointer(start: $0, count: 12)))
                })
        case BSON_TYPE_NULL: return .null
        case BSON_TYPE_DOCUMENT, BSON_TYPE_ARRAY:
            var count: UInt32 = 0
            var bytes: UnsafePointer<UInt8>?
            let isArray = bson_iter_type(iterator) == BSON_TYPE_ARRAY
            if isArray {
                bson_iter_array(iterator, &count, &bytes)
            } else {
                bson_iter_document(iterator, &count, &bytes)
            }
            guard let bytes else { return .null }
            return isArray ? .array(bytes, Int(count)) : .document(bytes, Int(count))
        default:
            let type = UInt8(truncatingIfNeeded: bson_iter_type(iterator).rawValue)
            let start = Int(bson_iter_offset(iterator)) + 1 + Int(bson_iter_key_len(iterator)) + 1
            return .other(type, UnsafeRawBufferPointer(start: data + start, count: max(0, length - start)))
        }
    }

    /// A string value, its UTF-8 checked as ``BSONReader`` checks it.
    func string(_ value: BSONIterValue, path: [String]) throws(BSONError) -> String {
        guard case .string(let text, let count) = value else { return "" }
        let bytes = UnsafeRawBufferPointer(start: text, count: count).bindMemory(to: UInt8.self)
        guard let string = String(validating: bytes, as: UTF8.self) else {
            throw BSONError(.malformed, path: BSONPath.render(path), reason: "string is not valid UTF-8")
        }
        return string
    }
}
