/// Serialises a `BSONDocument` to BSON bytes.
struct BSONWriter {
    private(set) var bytes: [UInt8] = []

    static func bytes(of document: BSONDocument) -> [UInt8] {
        var writer = BSONWriter()
        writer.bytes.reserveCapacity(256)
        writer.write(document)
        return writer.bytes
    }

    private mutating func write(_ document: BSONDocument) {
        let start = beginLength()
        for element in document.elements {
            write(element.key, element.value)
        }
        bytes.append(0)
        endLength(start)
    }

    private mutating func write(_ array: [BSONValue]) {
        let start = beginLength()
        for (index, value) in array.enumerated() {
            write(String(index), value)
        }
        bytes.append(0)
        endLength(start)
    }

    private mutating func write(_ key: String, _ value: BSONValue) {
        bytes.append(Self.typeByte(of: value))
        writeCString(key)
        switch value {
        case .double(let value): writeInteger(value.bitPattern)
        case .string(let value), .javascript(let value): writeString(value)
        case .document(let value): write(value)
        case .array(let value): write(value)
        case .binary(let value):
            writeInteger(Int32(value.data.count))
            bytes.append(value.subtype)
            bytes.append(contentsOf: value.data)
        case .undefined, .null, .minKey, .maxKey: break
        case .objectId(let value): bytes.append(contentsOf: value.bytes)
        case .bool(let value): bytes.append(value ? 1 : 0)
        case .datetime(let value): writeInteger(value.millisecondsSinceEpoch)
        case .regex(let pattern, let options):
            writeCString(pattern)
            writeCString(options)
        case .int32(let value): writeInteger(value)
        case .timestamp(let increment, let seconds): writeInteger(UInt64(seconds) << 32 | UInt64(increment))
        case .int64(let value): writeInteger(value)
        case .decimal128(let value): bytes.append(contentsOf: value.bytes)
        }
    }

    private static func typeByte(of value: BSONValue) -> UInt8 {
        switch value {
        case .double: 0x01
        case .string: 0x02
        case .document: 0x03
        case .array: 0x04
        case .binary: 0x05
        case .undefined: 0x06
        case .objectId: 0x07
        case .bool: 0x08
        case .datetime: 0x09
        case .null: 0x0A
        case .regex: 0x0B
        case .javascript: 0x0D
        case .int32: 0x10
        case .timestamp: 0x11
        case .int64: 0x12
        case .decimal128: 0x13
        case .minKey: 0xFF
        case .maxKey: 0x7F
        }
    }

    private mutating func beginLength() -> Int {
        let start = bytes.count
        bytes.append(contentsOf: [0, 0, 0, 0])
        return start
    }

    private mutating func endLength(_ start: Int) {
        let length = UInt32(bytes.count - start)
        for index in 0..<4 {
            bytes[start + index] = UInt8(truncatingIfNeeded: length >> (8 * index))
        }
    }

    private mutating func writeString(_ string: String) {
        let utf8 = string.utf8
        writeInteger(Int32(utf8.count + 1))
        bytes.append(contentsOf: utf8)
        bytes.append(0)
    }

    /// Keys are C strings: a NUL inside one would cut it short, so it is written as `?` (keys are ours).
    private mutating func writeCString(_ string: String) {
        for byte in string.utf8 {
            bytes.append(byte == 0 ? 0x3F : byte)
        }
        bytes.append(0)
    }

    private mutating func writeInteger<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
}

extension BSONDocument {
    /// The document's BSON bytes.
    public var bsonBytes: [UInt8] { BSONWriter.bytes(of: self) }

    /// Parses BSON bytes, checking lengths and UTF-8.
    public init(bsonBytes: [UInt8]) throws(BSONError) {
        self = try BSONReader.document(from: bsonBytes)
    }
}
