struct BSONKeyedDecodingContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let document: BSONDocument
    let codingPath: [any CodingKey]

    var allKeys: [Key] { document.keys.compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool { document[key.stringValue] != nil }

    func decodeNil(forKey key: Key) throws -> Bool {
        document[key.stringValue]?.isNull ?? true
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        guard let value = document[key.stringValue] else {
            throw BSONError(
                .missingField, path: BSONDecoder.path(codingPath + [key]), reason: "required field is missing")
        }
        return try BSONValueDecoder(value: value, codingPath: codingPath + [key]).decodeValue(type)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let value = document[key.stringValue], !value.isNull else { return nil }
        return try BSONValueDecoder(value: value, codingPath: codingPath + [key]).decodeValue(type)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try decoder(for: key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try decoder(for: key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        BSONValueDecoder(value: .document(document), codingPath: codingPath)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        try decoder(for: key)
    }

    private func decoder(for key: Key) throws -> BSONValueDecoder {
        guard let value = document[key.stringValue] else {
            throw BSONError(
                .missingField, path: BSONDecoder.path(codingPath + [key]), reason: "required field is missing")
        }
        return BSONValueDecoder(value: value, codingPath: codingPath + [key])
    }
}

struct BSONUnkeyedDecodingContainer: UnkeyedDecodingContainer {
    let array: [BSONValue]
    let codingPath: [any CodingKey]
    private(set) var currentIndex = 0

    init(array: [BSONValue], codingPath: [any CodingKey]) {
        self.array = array
        self.codingPath = codingPath
    }

    var count: Int? { array.count }
    var isAtEnd: Bool { currentIndex >= array.count }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, array[currentIndex].isNull else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let decoder = try nextDecoder()
        return try decoder.decodeValue(type)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try nextDecoder().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try nextDecoder().unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        try nextDecoder()
    }

    mutating func nextDecoder() throws -> BSONValueDecoder {
        let key = BSONIndexKey(currentIndex)
        guard !isAtEnd else {
            throw BSONError(
                .missingField, path: BSONDecoder.path(codingPath + [key]), reason: "array has no more elements")
        }
        defer { currentIndex += 1 }
        return BSONValueDecoder(value: array[currentIndex], codingPath: codingPath + [key])
    }
}

struct BSONSingleValueDecodingContainer: SingleValueDecodingContainer {
    let decoder: BSONValueDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool { decoder.value.isNull }

    func decode(_ type: Bool.Type) throws -> Bool {
        guard case .bool(let value) = decoder.value else { throw decoder.mismatch("a boolean") }
        return value
    }

    func decode(_ type: String.Type) throws -> String {
        guard case .string(let value) = decoder.value else { throw decoder.mismatch("a string") }
        return value
    }

    func decode(_ type: Double.Type) throws -> Double {
        switch decoder.value {
        case .double(let value): return value
        case .int32(let value): return Double(value)
        case .int64(let value): return Double(value)
        default: throw decoder.mismatch("a number")
        }
    }

    func decode(_ type: Float.Type) throws -> Float { Float(try decode(Double.self)) }
    func decode(_ type: Int.Type) throws -> Int { try integer() }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer() }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer() }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer() }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer() }
    func decode(_ type: UInt.Type) throws -> UInt { try integer() }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer() }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer() }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer() }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer() }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try decoder.decodeValue(type)
    }

    /// Any BSON integer, or a double with no fraction, that fits `T`.
    private func integer<T: FixedWidthInteger>() throws -> T {
        guard let wide = decoder.value.int64Value else { throw decoder.mismatch("an integer") }
        guard let value = T(exactly: wide) else {
            throw BSONError(.invalidValue, path: BSONDecoder.path(codingPath), reason: "integer does not fit \(T.self)")
        }
        return value
    }
}

/// The coding key of an array element.
struct BSONIndexKey: CodingKey {
    let intValue: Int?
    let stringValue: String

    init(_ index: Int) {
        intValue = index
        stringValue = String(index)
    }

    init?(stringValue: String) {
        guard let index = Int(stringValue) else { return nil }
        self.init(index)
    }

    init?(intValue: Int) { self.init(intValue) }
}
