/// Parses BSON bytes into a `BSONDocument`, checking every length and every string's UTF-8.
struct BSONReader {
    private let buffer: UnsafeRawBufferPointer
    private var offset = 0
    private var path: [String] = []

    private init(_ buffer: UnsafeRawBufferPointer) {
        self.buffer = buffer
    }

    /// Reads one whole document from `buffer`, which must hold exactly that document.
    static func document(from buffer: UnsafeRawBufferPointer) throws(BSONError) -> BSONDocument {
        var reader = BSONReader(buffer)
        let document = try reader.readDocument()
        guard reader.offset == buffer.count else {
            throw BSONError(.malformed, path: "", reason: "\(buffer.count - reader.offset) bytes after the document")
        }
        return document
    }

    /// One value of BSON type `type` read from the start of `buffer` (the bytes after an element's key).
    static func value(type: UInt8, from buffer: UnsafeRawBufferPointer) throws(BSONError) -> BSONValue {
        var reader = BSONReader(buffer)
        return try reader.readValue(type: type)
    }

    static func document(from bytes: [UInt8]) throws(BSONError) -> BSONDocument {
        do {
            return try bytes.withUnsafeBytes { buffer in try document(from: buffer) }
        } catch let error as BSONError {
            throw error
        } catch {
            throw BSONError(.malformed, path: "", reason: "\(error)")
        }
    }

    private mutating func readDocument() throws(BSONError) -> BSONDocument {
        let start = offset
        let length = Int(try readInt32())
        guard length >= 5, start + length <= buffer.count else {
            throw fail(.malformed, "document length \(length) does not fit the \(buffer.count - start) bytes left")
        }
        let end = start + length - 1
        var elements: [(String, BSONValue)] = []
        while offset < end {
            let type = try readByte()
            let key = try readCString()
            path.append(key)
            let value = try readValue(type: type)
            path.removeLast()
            elements.append((key, value))
        }
        guard offset == end, try readByte() == 0 else {
            throw fail(.malformed, "document does not end where its length says")
        }
        return BSONDocument(elements)
    }

    private mutating func readValue(type: UInt8) throws(BSONError) -> BSONValue {
        switch type {
        case 0x01: return .double(Double(bitPattern: try readUInt64()))
        case 0x02, 0x0E: return .string(try readString())
        case 0x03: return .document(try readDocument())
        case 0x04: return .array(try readArrayKeepingPath())
        case 0x05:
            let length = Int(try readInt32())
            let subtype = try readByte()
            guard length >= 0 else { throw fail(.malformed, "negative binary length") }
            return .binary(BSONBinary(subtype: subtype, data: try readBytes(length)))
        case 0x06: return .undefined
        case 0x07: return .objectId(BSONObjectId(bytes: try readBytes(12)))
        case 0x08:
            let byte = try readByte()
            guard byte <= 1 else { throw fail(.malformed, "boolean byte \(byte)") }
            return .bool(byte == 1)
        case 0x09: return .datetime(BSONDateTime(millisecondsSinceEpoch: Int64(bitPattern: try readUInt64())))
        case 0x0A: return .null
        case 0x0B: return .regex(pattern: try readCString(), options: try readCString())
        case 0x0D: return .javascript(try readString())
        case 0x10: return .int32(try readInt32())
        case 0x11:
            let raw = try readUInt64()
            return .timestamp(
                increment: UInt32(truncatingIfNeeded: raw), seconds: UInt32(truncatingIfNeeded: raw >> 32))
        case 0x12: return .int64(Int64(bitPattern: try readUInt64()))
        case 0x13: return .decimal128(BSONDecimal128(bytes: try readBytes(16)))
        case 0xFF: return .minKey
        case 0x7F: return .maxKey
        default:
            throw fail(.unsupportedType, "BSON type 0x\(String(type, radix: 16)) is not supported")
        }
    }

    private mutating func readArrayKeepingPath() throws(BSONError) -> [BSONValue] {
        // Array element keys are "0", "1", ...; show them as [i] in error paths.
        let start = offset
        let length = Int(try readInt32())
        guard length >= 5, start + length <= buffer.count else {
            throw fail(.malformed, "array length \(length) does not fit the \(buffer.count - start) bytes left")
        }
        let end = start + length - 1
        var values: [BSONValue] = []
        while offset < end {
            let type = try readByte()
            _ = try readCString()
            path.append("[\(values.count)]")
            values.append(try readValue(type: type))
            path.removeLast()
        }
        guard offset == end, try readByte() == 0 else {
            throw fail(.malformed, "array does not end where its length says")
        }
        return values
    }

    private mutating func readString() throws(BSONError) -> String {
        let length = Int(try readInt32())
        guard length >= 1, offset + length <= buffer.count else {
            throw fail(.malformed, "string length \(length) does not fit")
        }
        guard buffer[offset + length - 1] == 0 else { throw fail(.malformed, "string is not NUL-terminated") }
        let bytes = UnsafeRawBufferPointer(rebasing: buffer[offset..<(offset + length - 1)])
        offset += length
        guard let string = String(validating: bytes.bindMemory(to: UInt8.self), as: UTF8.self) else {
            throw fail(.invalidUTF8, "string is not valid UTF-8")
        }
        return string
    }

    private mutating func readCString() throws(BSONError) -> String {
        let start = offset
        while offset < buffer.count, buffer[offset] != 0 { offset += 1 }
        guard offset < buffer.count else { throw fail(.malformed, "key is not NUL-terminated") }
        let bytes = UnsafeRawBufferPointer(rebasing: buffer[start..<offset])
        offset += 1
        guard let string = String(validating: bytes.bindMemory(to: UInt8.self), as: UTF8.self) else {
            throw fail(.invalidUTF8, "key is not valid UTF-8")
        }
        return string
    }

    private mutating func readBytes(_ count: Int) throws(BSONError) -> [UInt8] {
        guard offset + count <= buffer.count else { throw fail(.malformed, "value runs past the end") }
        defer { offset += count }
        return Array(buffer[offset..<(offset + count)])
    }

    private mutating func readByte() throws(BSONError) -> UInt8 {
        guard offset < buffer.count else { throw fail(.malformed, "document is truncated") }
        defer { offset += 1 }
        return buffer[offset]
    }

    private mutating func readInt32() throws(BSONError) -> Int32 {
        guard offset + 4 <= buffer.count else { throw fail(.malformed, "document is truncated") }
        defer { offset += 4 }
        return Int32(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: Int32.self))
    }

    private mutating func readUInt64() throws(BSONError) -> UInt64 {
        guard offset + 8 <= buffer.count else { throw fail(.malformed, "document is truncated") }
        defer { offset += 8 }
        return UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    private func fail(_ code: BSONError.Code, _ reason: String) -> BSONError {
        BSONError(code, path: BSONPath.render(path), reason: reason)
    }
}
