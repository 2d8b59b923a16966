import Foundation

/// The `Decoder` behind ``BSONIteratorDecoder``: one per value, as ``BSONValueDecoder`` is for a tree.
struct BSONIterValueDecoder: Decoder {
    let walker: BSONIterWalker
    let value: BSONIterValue
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    var path: [String] { codingPath.map { key in key.intValue.map { "[\($0)]" } ?? key.stringValue } }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        let elements: [BSONIterElement]
        switch value {
        case .level(let known): elements = known
        case .document(let data, let length): elements = try walker.level(data, length, path: path, keys: true)
        default: throw mismatch("a document")
        }
        return KeyedDecodingContainer(BSONIterKeyedContainer<Key>(decoder: self, elements: elements))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let data, let length) = value else { throw mismatch("an array") }
        let elements = try walker.level(data, length, path: path, keys: false)
        return BSONIterUnkeyedContainer(decoder: self, elements: elements)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        BSONIterSingleValueContainer(decoder: self)
    }

    func mismatch(_ expected: String) -> BSONError {
        BSONError(
            .typeMismatch, path: BSONDecoder.path(codingPath), reason: "expected \(expected), found \(value.typeName)")
    }

    func child(_ value: BSONIterValue, key: any CodingKey) -> BSONIterValueDecoder {
        BSONIterValueDecoder(walker: walker, value: value, codingPath: codingPath + [key])
    }

    /// The BSON-native types directly, everything else through its `init(from:)`.
    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == String.self { return try BSONIterSingleValueContainer(decoder: self).decode(String.self) as! T }
        if T.self == Date.self {
            guard case .datetime(let millis) = value else { throw mismatch("a date") }
            return BSONDateTime(millisecondsSinceEpoch: millis).date as! T
        }
        if T.self == BSONDateTime.self {
            guard case .datetime(let millis) = value else { throw mismatch("a date") }
            return BSONDateTime(millisecondsSinceEpoch: millis) as! T
        }
        if T.self == BSONObjectId.self {
            guard case .objectId(let id) = value else { throw mismatch("an ObjectId") }
            return id as! T
        }
        if T.self == BSONValue.self { return try value.bsonValue(walker: walker, path: path) as! T }
        if T.self == BSONDocument.self {
            guard let document = try value.bsonValue(walker: walker, path: path).documentValue else {
                throw mismatch("a document")
            }
            return document as! T
        }
        return try T(from: self)
    }
}

struct BSONIterKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: BSONIterValueDecoder
    let elements: [BSONIterElement]
    var codingPath: [any CodingKey] { decoder.codingPath }

    var allKeys: [Key] { elements.compactMap { Key(stringValue: $0.key) } }

    private func find(_ key: Key) -> BSONIterValue? {
        let name = key.stringValue
        return elements.first(where: { $0.key == name })?.value
    }

    func contains(_ key: Key) -> Bool { find(key) != nil }

    func decodeNil(forKey key: Key) throws -> Bool { find(key)?.isNull ?? true }

    private func required(_ key: Key) throws -> BSONIterValueDecoder {
        guard let value = find(key) else {
            throw BSONError(
                .missingField, path: BSONDecoder.path(codingPath + [key]), reason: "required field is missing")
        }
        return decoder.child(value, key: key)
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try required(key).decodeValue(type)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let value = find(key), !value.isNull else { return nil }
        return try decoder.child(value, key: key).decodeValue(type)
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try required(key).decodeValue(type) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try required(key).decodeValue(type) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try required(key).decodeValue(type) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try required(key).decodeValue(type) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try required(key).decodeValue(type) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try required(key).decodeValue(type) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try required(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try required(key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { decoder }

    func superDecoder(forKey key: Key) throws -> any Decoder { try required(key) }
}

struct BSONIterUnkeyedContainer: UnkeyedDecodingContainer {
    let decoder: BSONIterValueDecoder
    let elements: [BSONIterElement]
    private(set) var currentIndex = 0
    var codingPath: [any CodingKey] { decoder.codingPath }

    init(decoder: BSONIterValueDecoder, elements: [BSONIterElement]) {
        self.decoder = decoder
        self.elements = elements
    }

    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, elements[currentIndex].value.isNull else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try next().decodeValue(type)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try next().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try next().unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder { try next() }

    private mutating func next() throws -> BSONIterValueDecoder {
        let key = BSONIndexKey(currentIndex)
        guard !isAtEnd else {
            throw BSONError(
                .missingField, path: BSONDecoder.path(codingPath + [key]), reason: "array has no more elements")
        }
        defer { currentIndex += 1 }
        return decoder.child(elements[currentIndex].value, key: key)
    }
}

struct BSONIterSingleValueContainer: SingleValueDecodingContainer {
    let decoder: BSONIterValueDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool { decoder.value.isNull }

    func decode(_ type: String.Type) throws -> String {
        guard case .string = decoder.value else { throw decoder.mismatch("a string") }
        return try decoder.walker.string(decoder.value, path: decoder.path)
    }

    /// Scalars other than strings convert as ``BSONSingleValueDecodingContainer`` converts them.
    private var scalar: BSONSingleValueDecodingContainer {
        get throws {
            let value: BSONValue
            switch decoder.value {
            case .int32(let number): value = .int32(number)
            case .int64(let number): value = .int64(number)
            case .double(let number): value = .double(number)
            case .bool(let flag): value = .bool(flag)
            case .null: value = .null
            default: value = try decoder.value.bsonValue(walker: decoder.walker, path: decoder.path)
            }
            return BSONSingleValueDecodingContainer(decoder: BSONValueDecoder(value: value, codingPath: codingPath))
        }
    }

    func decode(_ type: Bool.Type) throws -> Bool { try scalar.decode(type) }
    func decode(_ type: Double.Type) throws -> Double { try scalar.decode(type) }
    func decode(_ type: Float.Type) throws -> Float { try scalar.decode(type) }
    func decode(_ type: Int.Type) throws -> Int { try scalar.decode(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try scalar.decode(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try scalar.decode(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try scalar.decode(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try scalar.decode(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try scalar.decode(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try scalar.decode(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try scalar.decode(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try scalar.decode(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try scalar.decode(type) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.decodeValue(type) }
}
