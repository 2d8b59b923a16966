/// A small strict JSON parser (RFC 8259) that keeps object key order and tells integers from floats.
struct SimJSONParser {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private let bytes: [UInt8]
    private var index = 0

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Parses one JSON document.
    static func parse(_ bytes: [UInt8]) throws(Failure) -> SimJSON {
        var parser = SimJSONParser(bytes)
        parser.skipSpace()
        let value = try parser.value(depth: 0)
        parser.skipSpace()
        guard parser.index == bytes.count else { throw Failure(description: "Extra data") }
        return value
    }

    static func parse(_ text: String) throws(Failure) -> SimJSON {
        try parse(Array(text.utf8))
    }

    private mutating func skipSpace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    private func fail(_ message: String) -> Failure {
        Failure(description: "\(message): char \(index)")
    }

    private mutating func value(depth: Int) throws(Failure) -> SimJSON {
        guard depth < 512 else { throw fail("Too deeply nested") }
        guard index < bytes.count else { throw fail("Expecting value") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        default: return try number()
        }
    }

    private mutating func literal(_ word: String, _ result: SimJSON) throws(Failure) -> SimJSON {
        let expected = Array(word.utf8)
        guard bytes.count - index >= expected.count, Array(bytes[index..<index + expected.count]) == expected else {
            throw fail("Expecting value")
        }
        index += expected.count
        return result
    }

    private mutating func object(depth: Int) throws(Failure) -> SimJSON {
        if opensEmpty(closing: "}") { return .object([]) }
        var pairs: [(String, SimJSON)] = []
        while true {
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw fail("Expecting property name enclosed in double quotes")
            }
            let key = try string()
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("Expecting ':' delimiter") }
            index += 1
            skipSpace()
            let item = try value(depth: depth + 1)
            if let existing = pairs.firstIndex(where: { $0.0 == key }) {
                pairs[existing].1 = item
            } else {
                pairs.append((key, item))
            }
            if try another(before: "}") { continue }
            return .object(pairs)
        }
    }

    /// Past the opening bracket: true, and past `closing`, when the object or array is empty.
    private mutating func opensEmpty(closing: Unicode.Scalar) -> Bool {
        index += 1
        skipSpace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: closing) else { return false }
        index += 1
        return true
    }

    /// After an object's member or an array's element: true past a `,` (another one follows), false past
    /// `closing` (the end); anything else is "Expecting ',' delimiter".
    private mutating func another(before closing: Unicode.Scalar) throws(Failure) -> Bool {
        skipSpace()
        guard index < bytes.count else { throw fail("Expecting ',' delimiter") }
        if bytes[index] == UInt8(ascii: ",") {
            index += 1
            return true
        }
        guard bytes[index] == UInt8(ascii: closing) else { throw fail("Expecting ',' delimiter") }
        index += 1
        return false
    }

    private mutating func array(depth: Int) throws(Failure) -> SimJSON {
        if opensEmpty(closing: "]") { return .array([]) }
        var items: [SimJSON] = []
        while true {
            skipSpace()
            items.append(try value(depth: depth + 1))
            if try another(before: "]") { continue }
            return .array(items)
        }
    }

    private mutating func string() throws(Failure) -> String {
        index += 1
        var scalars = String.UnicodeScalarView()
        var raw: [UInt8] = []
        func flush() {
            if !raw.isEmpty {
                scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars)
                raw.removeAll()
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: "\"") {
                flush()
                return String(scalars)
            }
            if byte < 0x20 { throw fail("Invalid control character") }
            guard byte == UInt8(ascii: "\\") else {
                raw.append(byte)
                continue
            }
            flush()
            guard index < bytes.count else { break }
            let escape = bytes[index]
            index += 1
            switch escape {
            case UInt8(ascii: "\""): scalars.append("\"")
            case UInt8(ascii: "\\"): scalars.append("\\")
            case UInt8(ascii: "/"): scalars.append("/")
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "u"):
                var code = try hex4()
                if (0xD800..<0xDC00).contains(code), index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
                    bytes[index + 1] == UInt8(ascii: "u")
                {
                    index += 2
                    let low = try hex4()
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                }
                scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
            default: throw fail("Invalid \\escape")
            }
        }
        throw fail("Unterminated string")
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard index + 4 <= bytes.count,
            let code = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
        else { throw fail("Invalid \\uXXXX escape") }
        index += 4
        return code
    }

    private mutating func number() throws(Failure) -> SimJSON {
        let start = index
        var isFloat = false
        while index < bytes.count {
            let byte = bytes[index]
            if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") {
                index += 1
            } else if [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "+")].contains(byte) {
                isFloat = true
                index += 1
            } else {
                break
            }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if !isFloat, let integer = Int(text) { return .int(integer) }
        if let double = Double(text), !text.isEmpty, text.first != "+", text.first != "." { return .double(double) }
        index = start
        throw fail("Expecting value")
    }
}
