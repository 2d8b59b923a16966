import Foundation

/// One BSON value, typed as the server stores it.
///
/// Integers keep their width (`int32` vs `int64`), dates keep BSON's millisecond precision, and
/// types BoardSync never writes (regex, timestamps, decimals, keys) are still read and written back
/// unchanged, so a document survives a round trip through Swift byte for byte.
public enum BSONValue: Sendable, Hashable {
    case double(Double)
    case string(String)
    case document(BSONDocument)
    case array([BSONValue])
    case binary(BSONBinary)
    case undefined
    case objectId(BSONObjectId)
    case bool(Bool)
    case datetime(BSONDateTime)
    case null
    case regex(pattern: String, options: String)
    case javascript(String)
    case int32(Int32)
    case timestamp(increment: UInt32, seconds: UInt32)
    case int64(Int64)
    case decimal128(BSONDecimal128)
    case minKey
    case maxKey

    /// The BSON type name, as the server's `$type` operator spells it.
    public var typeName: String {
        switch self {
        case .double: "double"
        case .string: "string"
        case .document: "object"
        case .array: "array"
        case .binary: "binData"
        case .undefined: "undefined"
        case .objectId: "objectId"
        case .bool: "bool"
        case .datetime: "date"
        case .null: "null"
        case .regex: "regex"
        case .javascript: "javascript"
        case .int32: "int"
        case .timestamp: "timestamp"
        case .int64: "long"
        case .decimal128: "decimal"
        case .minKey: "minKey"
        case .maxKey: "maxKey"
        }
    }

    /// A `Date` for a BSON datetime.
    public static func date(_ date: Date) -> BSONValue {
        .datetime(BSONDateTime(date))
    }
}

extension BSONValue {
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var documentValue: BSONDocument? {
        if case .document(let value) = self { return value }
        return nil
    }

    public var arrayValue: [BSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    public var objectIdValue: BSONObjectId? {
        if case .objectId(let value) = self { return value }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    public var dateValue: Date? {
        if case .datetime(let value) = self { return value.date }
        return nil
    }

    /// The value as an `Int64` when it is any BSON integer, or a double with no fraction.
    public var int64Value: Int64? {
        switch self {
        case .int32(let value): Int64(value)
        case .int64(let value): value
        case .double(let value): Int64(exactly: value)
        default: nil
        }
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

extension BSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByFloatLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    /// Integer literals become `int32` when they fit, as the mongo shell does, else `int64`.
    public init(integerLiteral value: Int64) {
        self = Int32(exactly: value).map(BSONValue.int32) ?? .int64(value)
    }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(arrayLiteral elements: BSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, BSONValue)...) {
        self = .document(BSONDocument(elements))
    }
    public init(nilLiteral: ()) { self = .null }
}
