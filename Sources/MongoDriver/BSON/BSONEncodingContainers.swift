struct BSONKeyedEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: BSONValueEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil(forKey key: Key) throws {
        encoder.box.child(forKey: key.stringValue).content = .value(.null)
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try encoder.nested(encoder.box.child(forKey: key.stringValue), key).encodeValue(value)
    }

    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        try encodeOptional(value, key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        encoder.nested(encoder.box.child(forKey: key.stringValue), key).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        encoder.nested(encoder.box.child(forKey: key.stringValue), key).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        encoder.nested(encoder.box.child(forKey: "super"), BSONStringKey("super"))
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        encoder.nested(encoder.box.child(forKey: key.stringValue), key)
    }
}

struct BSONUnkeyedEncodingContainer: UnkeyedEncodingContainer {
    let encoder: BSONValueEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }
    var count: Int {
        if case .array(let boxes) = encoder.box.content { return boxes.count }
        return 0
    }

    mutating func encodeNil() throws {
        encoder.box.appendChild().content = .value(.null)
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let key = BSONIndexKey(count)
        try encoder.nested(encoder.box.appendChild(), key).encodeValue(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        let key = BSONIndexKey(count)
        return encoder.nested(encoder.box.appendChild(), key).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let key = BSONIndexKey(count)
        return encoder.nested(encoder.box.appendChild(), key).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        let key = BSONIndexKey(count)
        return encoder.nested(encoder.box.appendChild(), key)
    }
}

struct BSONSingleValueEncodingContainer: SingleValueEncodingContainer {
    let encoder: BSONValueEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil() throws { set(.null) }
    mutating func encode(_ value: Bool) throws { set(.bool(value)) }
    mutating func encode(_ value: String) throws { set(.string(value)) }
    mutating func encode(_ value: Double) throws { set(.double(value)) }
    mutating func encode(_ value: Float) throws { set(.double(Double(value))) }
    mutating func encode(_ value: Int) throws { set(.int64(Int64(value))) }
    mutating func encode(_ value: Int8) throws { set(.int32(Int32(value))) }
    mutating func encode(_ value: Int16) throws { set(.int32(Int32(value))) }
    mutating func encode(_ value: Int32) throws { set(.int32(value)) }
    mutating func encode(_ value: Int64) throws { set(.int64(value)) }
    mutating func encode(_ value: UInt) throws { set(.int64(try wide(value))) }
    mutating func encode(_ value: UInt8) throws { set(.int32(Int32(value))) }
    mutating func encode(_ value: UInt16) throws { set(.int32(Int32(value))) }
    mutating func encode(_ value: UInt32) throws { set(.int64(Int64(value))) }
    mutating func encode(_ value: UInt64) throws { set(.int64(try wide(value))) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try encoder.encodeValue(value)
    }

    private func set(_ value: BSONValue) {
        encoder.box.content = .value(value)
    }

    private func wide<T: BinaryInteger>(_ value: T) throws -> Int64 {
        guard let wide = Int64(exactly: value) else {
            throw BSONError(.invalidValue, path: BSONDecoder.path(codingPath), reason: "integer does not fit int64")
        }
        return wide
    }
}

struct BSONStringKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
