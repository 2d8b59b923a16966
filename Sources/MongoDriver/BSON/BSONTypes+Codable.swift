import Foundation

// BSON's own types inside Codable models. BSONEncoder and BSONDecoder handle these natively (an ObjectId
// stays an ObjectId); with any other coder (JSON for `--json` output, say) they take the forms below.

extension BSONObjectId: Codable {
    /// Elsewhere than BSON an ObjectId is its 24 hexadecimal characters.
    public init(from decoder: any Decoder) throws {
        let hex = try decoder.singleValueContainer().decode(String.self)
        guard let id = BSONObjectId(hex: hex) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not an ObjectId"))
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }
}

extension BSONDateTime: Codable {
    /// Elsewhere than BSON a datetime is its milliseconds since the epoch.
    public init(from decoder: any Decoder) throws {
        self.init(millisecondsSinceEpoch: try decoder.singleValueContainer().decode(Int64.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(millisecondsSinceEpoch)
    }
}

extension BSONDocument: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: BSONStringKey.self)
        var document = BSONDocument()
        for key in container.allKeys {
            document.append(key.stringValue, try container.decode(BSONValue.self, forKey: key))
        }
        self = document
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: BSONStringKey.self)
        for element in elements {
            try container.encode(element.value, forKey: BSONStringKey(element.key))
        }
    }
}

extension BSONValue: Codable {
    /// Elsewhere than BSON: JSON's null, booleans, numbers, strings, arrays and objects.
    public init(from decoder: any Decoder) throws {
        if let container = try? decoder.container(keyedBy: BSONStringKey.self) {
            _ = container
            self = .document(try BSONDocument(from: decoder))
            return
        }
        if var container = try? decoder.unkeyedContainer() {
            var values: [BSONValue] = []
            while !container.isAtEnd { values.append(try container.decode(BSONValue.self)) }
            self = .array(values)
            return
        }
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = Int32(exactly: value).map(BSONValue.int32) ?? .int64(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else {
            self = .string(try container.decode(String.self))
        }
    }

    /// Writes JSON-friendly forms: ObjectIds as hex, dates as ISO-8601 text, other exotic types as text.
    public func encode(to encoder: any Encoder) throws {
        var single = encoder.singleValueContainer()
        switch self {
        case .double(let value): try single.encode(value)
        case .string(let value), .javascript(let value): try single.encode(value)
        case .document(let value): try value.encode(to: encoder)
        case .array(let values):
            var container = encoder.unkeyedContainer()
            for value in values { try container.encode(value) }
        case .binary(let value): try single.encode(value.data.map { String($0, radix: 16) }.joined())
        case .undefined, .null, .minKey, .maxKey: try single.encodeNil()
        case .objectId(let value): try single.encode(value.hex)
        case .bool(let value): try single.encode(value)
        case .datetime(let value): try single.encode(value.date.formatted(.iso8601))
        case .regex(let pattern, let options): try single.encode("/\(pattern)/\(options)")
        case .int32(let value): try single.encode(value)
        case .timestamp(let increment, let seconds): try single.encode("Timestamp(\(seconds), \(increment))")
        case .int64(let value): try single.encode(value)
        case .decimal128(let value): try single.encode(value.bytes.map { String($0, radix: 16) }.joined())
        }
    }
}
