import Foundation

/// Decodes `Decodable` values from BSON documents.
///
/// BSON dates decode as `Date` or ``BSONDateTime``, ObjectIds as ``BSONObjectId``; a ``BSONValue`` or
/// ``BSONDocument`` field takes whatever is there. Unknown fields are ignored, a missing optional field or
/// a BSON null is `nil`, and every failure is a ``BSONError`` naming the field path and, when the document
/// has one, its `_id`.
public struct BSONDecoder: Sendable {
    public init() {}

    public func decode<T: Decodable>(_ type: T.Type, from document: BSONDocument) throws(BSONError) -> T {
        do {
            return try decodeValue(type, from: .document(document))
        } catch var error {
            error.documentId = error.documentId ?? document["_id"].map(Self.describeId)
            throw error
        }
    }

    /// Decodes from any BSON value: a scalar, an array or a document.
    public func decodeValue<T: Decodable>(_ type: T.Type, from value: BSONValue) throws(BSONError) -> T {
        try Self.catching { try BSONValueDecoder(value: value, codingPath: []).decodeValue(type) }
    }

    /// `body`'s result, or its error as a ``BSONError`` (a `DecodingError` from an `init(from:)` gets a path).
    static func catching<T>(_ body: () throws -> T) throws(BSONError) -> T {
        do {
            return try body()
        } catch let error as BSONError {
            throw error
        } catch let error as DecodingError {
            throw Self.convert(error)
        } catch {
            throw BSONError(.invalidValue, path: "", reason: "\(error)")
        }
    }

    /// The `_id` as text: ObjectId as 24 hex characters, strings as they are.
    public static func describeId(_ value: BSONValue) -> String {
        switch value {
        case .objectId(let id): id.hex
        case .string(let string): string
        case .int32(let number): String(number)
        case .int64(let number): String(number)
        default: "(\(value.typeName) _id)"
        }
    }

    /// Errors thrown by `init(from:)` implementations (an unknown enum raw value, say) get a path too.
    private static func convert(_ error: DecodingError) -> BSONError {
        switch error {
        case .dataCorrupted(let context):
            BSONError(.invalidValue, path: path(context.codingPath), reason: context.debugDescription)
        case .keyNotFound(let key, let context):
            BSONError(.missingField, path: path(context.codingPath + [key]), reason: "required field is missing")
        case .typeMismatch(let type, let context):
            BSONError(.typeMismatch, path: path(context.codingPath), reason: "expected \(type)")
        case .valueNotFound(let type, let context):
            BSONError(.typeMismatch, path: path(context.codingPath), reason: "expected \(type), found null")
        @unknown default:
            BSONError(.invalidValue, path: "", reason: "\(error)")
        }
    }

    static func path(_ codingPath: [any CodingKey]) -> String {
        BSONPath.render(codingPath.map { key in key.intValue.map { "[\($0)]" } ?? key.stringValue })
    }
}

/// The `Decoder` behind ``BSONDecoder``: one per value being decoded.
struct BSONValueDecoder: Decoder {
    let value: BSONValue
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .document(let document) = value else { throw mismatch("a document") }
        return KeyedDecodingContainer(BSONKeyedDecodingContainer<Key>(document: document, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let array) = value else { throw mismatch("an array") }
        return BSONUnkeyedDecodingContainer(array: array, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        BSONSingleValueDecodingContainer(decoder: self)
    }

    func mismatch(_ expected: String) -> BSONError {
        let found = value.isNull ? "null" : value.typeName
        return BSONError(
            .typeMismatch, path: BSONDecoder.path(codingPath), reason: "expected \(expected), found \(found)")
    }

    /// Decodes the BSON-native types directly, everything else through its `init(from:)`.
    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == BSONValue.self { return value as! T }
        if T.self == Date.self {
            guard case .datetime(let datetime) = value else { throw mismatch("a date") }
            return datetime.date as! T
        }
        if T.self == BSONDateTime.self {
            guard case .datetime(let datetime) = value else { throw mismatch("a date") }
            return datetime as! T
        }
        if T.self == BSONObjectId.self {
            guard case .objectId(let id) = value else { throw mismatch("an ObjectId") }
            return id as! T
        }
        if T.self == BSONDocument.self {
            guard case .document(let document) = value else { throw mismatch("a document") }
            return document as! T
        }
        return try T(from: self)
    }
}
