import CMongoC
import Foundation

/// A type that reads itself from a document's fields in one pass over libbson's bytes (``BSONFields``),
/// without `Codable`'s keyed containers. ``MongoCollection/find(_:options:as:)`` takes this path for such a
/// type; its `init(from:)` (``BSONDecoder``, JSON) should go through ``init(decodingFieldsOf:)`` so both
/// paths accept and refuse the same documents with the same errors.
///
/// Why it exists (benchmark 5c, 100,000 board items): decoding `BoardItemDocument` through the generic
/// iterator decoder (a `[BSONIterElement]` per document, a `String` per key, a linear key search and a
/// `Decoder` value per field) cost several times the field reads themselves; see Benchmarks/NOTES.md.
public protocol BSONFieldDecodable: Decodable, Sendable {
    /// Reads the fields `fields` walks; errors name the field (the `_id` is added by the caller).
    init(fields: inout BSONFields) throws(BSONError)
}

extension BSONFieldDecodable {
    /// Decodes from a ``BSONDecoder`` (or any decoder that can produce a ``BSONDocument``) through
    /// ``init(fields:)``, so the tree and the cursor decode alike.
    public init(decodingFieldsOf decoder: any Decoder) throws {
        let document = try decoder.singleValueContainer().decode(BSONDocument.self)
        let bytes = document.bsonBytes
        self = try bytes.withUnsafeBufferPointer { buffer throws(BSONError) in
            try BSONFields.decode(Self.self, data: buffer.baseAddress!, length: buffer.count)
        }
    }
}

/// Walks one document's top-level fields with libbson's iterator: the key's bytes, and typed reads of the
/// current value whose errors match ``BSONDecoder``'s (same codes, paths and reasons).
///
/// Valid only during ``BSONFieldDecodable/init(fields:)``: it points into bytes that live no longer.
public struct BSONFields {
    /// Two `bson_iter_t`s (libbson declares them 128-byte aligned): the fields, and one for an array's elements.
    private let iterator: OpaquePointer
    private let child: OpaquePointer
    private let data: UnsafePointer<UInt8>
    private let length: Int

    private init(iterator: OpaquePointer, child: OpaquePointer, data: UnsafePointer<UInt8>, length: Int) {
        self.iterator = iterator
        self.child = child
        self.data = data
        self.length = length
    }

    /// Decodes the document in `data`; an error gets the document's `_id` when it has one.
    static func decode<T: BSONFieldDecodable>(_ type: T.Type, data: UnsafePointer<UInt8>, length: Int)
        throws(BSONError) -> T
    {
        try withUnsafeTemporaryAllocation(byteCount: 256, alignment: 128) { storage throws(BSONError) -> T in
            let base = storage.baseAddress!
            base.initializeMemory(as: UInt8.self, repeating: 0, count: 256)
            var fields = BSONFields(
                iterator: OpaquePointer(base), child: OpaquePointer(base + 128), data: data, length: length)
            guard bson_iter_init_from_data(fields.iterator, data, length) else {
                throw BSONError(.malformed, path: "", reason: "document length does not fit its bytes")
            }
            do throws(BSONError) {
                return try T(fields: &fields)
            } catch var error {
                error.documentId = error.documentId ?? fields.describeId()
                throw error
            }
        }
    }

    /// Decodes the document of `handle` (a `bson_t` libmongoc owns, or a static one over copied bytes).
    static func decode<T: BSONFieldDecodable>(_ type: T.Type, from handle: OpaquePointer) throws(BSONError) -> T {
        guard let data = bson_get_data(handle) else { throw BSONError(.malformed, path: "", reason: "no data") }
        let length = Int(UnsafeRawPointer(data).loadUnaligned(as: UInt32.self).littleEndian)
        return try decode(type, data: data, length: length)
    }

    /// Moves to the next field; `false` at the end.
    public mutating func next() -> Bool { bson_iter_next(iterator) }

    /// The current field's key, as UTF-8 bytes.
    public var key: UnsafeBufferPointer<UInt8> {
        let start = UnsafeRawPointer(bson_iter_key(iterator)!).assumingMemoryBound(to: UInt8.self)
        return UnsafeBufferPointer(start: start, count: Int(bson_iter_key_len(iterator)))
    }

    /// The current key as a `String` (repaired as `String(cString:)` repairs it, as ``BSONDecoder``'s keys are).
    public var keyString: String { String(decoding: key, as: UTF8.self) }

    public var isNull: Bool { bson_iter_type(iterator) == BSON_TYPE_NULL }

    /// The current value as a string; `expected a string, found …` otherwise.
    public func string() throws(BSONError) -> String {
        guard bson_iter_type(iterator) == BSON_TYPE_UTF8 else { throw mismatch("a string") }
        return try Self.utf8(iterator, path: keyString)
    }

    /// The current value as a date; `expected a date, found …` otherwise.
    public func date() throws(BSONError) -> Date {
        guard bson_iter_type(iterator) == BSON_TYPE_DATE_TIME else { throw mismatch("a date") }
        return BSONDateTime(millisecondsSinceEpoch: bson_iter_date_time(iterator)).date
    }

    /// The current value as an array of strings; element errors name `key[i]`.
    public func strings() throws(BSONError) -> [String] {
        guard bson_iter_type(iterator) == BSON_TYPE_ARRAY else { throw mismatch("an array") }
        var count: UInt32 = 0
        var bytes: UnsafePointer<UInt8>?
        bson_iter_array(iterator, &count, &bytes)
        guard let bytes, bson_iter_init_from_data(child, bytes, Int(count)) else {
            throw BSONError(.malformed, path: keyString, reason: "document length does not fit its bytes")
        }
        var values: [String] = []
        var index = 0
        while bson_iter_next(child) {
            guard bson_iter_type(child) == BSON_TYPE_UTF8 else {
                let found = BSONIterWalker.value(at: child, bytes, Int(count)).typeName
                throw BSONError(
                    .typeMismatch, path: "\(keyString)[\(index)]", reason: "expected a string, found \(found)")
            }
            values.append(try Self.utf8(child, path: "\(keyString)[\(index)]"))
            index += 1
        }
        return values
    }

    /// The current value as whatever it is.
    public func value() throws(BSONError) -> BSONValue {
        switch bson_iter_type(iterator) {
        case BSON_TYPE_UTF8: return .string(try Self.utf8(iterator, path: keyString))
        case BSON_TYPE_OID:
            guard let oid = bson_iter_oid(iterator) else { return .null }
            return .objectId(
                BSONObjectId(bytes: Array(UnsafeRawBufferPointer(start: UnsafeRawPointer(oid), count: 12))))
        default:
            return try BSONIterWalker.value(at: iterator, data, length).bsonValue(
                walker: BSONIterWalker(), path: [keyString])
        }
    }

    /// `expected …, found <the current value's type>`, for the current field.
    public func mismatch(_ expected: String) -> BSONError {
        let found = BSONIterWalker.value(at: iterator, data, length).typeName
        return BSONError(.typeMismatch, path: keyString, reason: "expected \(expected), found \(found)")
    }

    /// `required field is missing`, for `name`.
    public static func missing(_ name: String) -> BSONError {
        BSONError(.missingField, path: name, reason: "required field is missing")
    }

    /// The first `_id`, described as ``BSONDecoder/describeId(_:)`` does, for an error; `nil` without one.
    private func describeId() -> String? {
        guard bson_iter_init_from_data(child, data, length), bson_iter_find(child, "_id") else { return nil }
        let value = try? BSONIterWalker.value(at: child, data, length).bsonValue(walker: BSONIterWalker(), path: [])
        return value.map(BSONDecoder.describeId)
    }

    /// A string value, its UTF-8 checked as ``BSONReader`` checks it.
    private static func utf8(_ iterator: OpaquePointer, path: String) throws(BSONError) -> String {
        var count: UInt32 = 0
        guard let text = bson_iter_utf8(iterator, &count) else { return "" }
        let bytes = UnsafeRawBufferPointer(start: text, count: Int(count)).bindMemory(to: UInt8.self)
        guard let string = String(validating: bytes, as: UTF8.self) else {
            throw BSONError(.malformed, path: path, reason: "string is not valid UTF-8")
        }
        return string
    }
}

/// Field names to look keys up in without making a `String` per key: compares lengths, then bytes,
/// starting after the last match (documents usually keep their fields in one order).
public struct BSONKeyTable: Sendable {
    private let names: [[UInt8]]
    private var hint = 0

    public init(_ names: [String]) { self.names = names.map { Array($0.utf8) } }

    /// The index of `key` in the table's names, or `nil`.
    public mutating func index(of key: UnsafeBufferPointer<UInt8>) -> Int? {
        let count = names.count
        var probe = hint
        for _ in 0..<count {
            if probe >= count { probe = 0 }
            let name = names[probe]
            if name.count == key.count, name.elementsEqual(key) {
                hint = probe + 1
                return probe
            }
            probe += 1
        }
        return nil
    }
}
