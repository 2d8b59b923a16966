// The typed entry points Codable requires of each container, all forwarding to the one generic path.

extension BSONKeyedDecodingContainer {
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decode(type as Bool.Type, key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try decode(type as String.Type, key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decode(type as Double.Type, key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try decode(type as Float.Type, key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decode(type as Int.Type, key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decode(type as Int8.Type, key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decode(type as Int16.Type, key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decode(type as Int32.Type, key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decode(type as Int64.Type, key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decode(type as UInt.Type, key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decode(type as UInt8.Type, key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decode(type as UInt16.Type, key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decode(type as UInt32.Type, key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decode(type as UInt64.Type, key) }

    private func decode<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T {
        guard let value = document[key.stringValue] else {
            throw BSONError(
                .missingField, path: BSONDecoder.path(codingPath + [key]), reason: "required field is missing")
        }
        return try BSONValueDecoder(value: value, codingPath: codingPath + [key]).decodePrimitive(type)
    }
}

extension BSONUnkeyedDecodingContainer {
    mutating func decode(_ type: Bool.Type) throws -> Bool { try nextDecoder().decodePrimitive(type) }
    mutating func decode(_ type: String.Type) throws -> String { try nextDecoder().decodePrimitive(type) }
    mutating func decode(_ type: Double.Type) throws -> Double { try nextDecoder().decodePrimitive(type) }
    mutating func decode(_ type: Float.Type) throws -> Float { try nextDecoder().decodePrimitive(type) }
    mutating func decode(_ type: Int.Type) throws -> Int { try nextDecoder().decodePrimitive(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try nextDecoder().decodePrimitive(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try nextDecoder().decodePrimitive(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try nextDecoder().decodePrimitive(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try nextDecoder().decodePrimitive(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try nextDecoder().decodePrimitive(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try nextDecoder().decodePrimitive(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try nextDecoder().decodePrimitive(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try nextDecoder().decodePrimitive(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try nextDecoder().decodePrimitive(type) }
}

extension BSONValueDecoder {
    /// Decodes a standard-library scalar through the single-value container's conversions.
    func decodePrimitive<T: Decodable>(_ type: T.Type) throws -> T {
        try BSONSingleValueDecodingContainer(decoder: self).decode(type)
    }
}
