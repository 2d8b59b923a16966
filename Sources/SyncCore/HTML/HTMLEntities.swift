/// Decodes character references as HTML5 reads them: numeric ones, and every named one of
/// ``HTMLEntityTable`` (with `;`, or one of the legacy names without it). Anything else stays as written.
enum HTMLEntities {
    /// `text` with its references decoded.
    static func decode(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        var copy = text
        return copy.withUTF8 { decodedString($0, inAttribute: false) }
    }

    /// The decoded text of `bytes` (UTF-8). In an attribute value, a legacy name followed by a letter, a
    /// digit or `=` is not a reference (`?a=1&copy=2` keeps its `&copy`).
    static func decodedString(_ bytes: UnsafeBufferPointer<UInt8>, inAttribute: Bool) -> String {
        guard bytes.contains(UInt8(ascii: "&")) else { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        append(bytes, to: &out, inAttribute: inAttribute)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the decoded bytes of `bytes` to `out`.
    static func append(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8], inAttribute: Bool) {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "&"),
                let (decoded, length) = reference(bytes, at: index, inAttribute: inAttribute)
            else {
                out.append(byte)
                index += 1
                continue
            }
            out.append(contentsOf: decoded.utf8)
            index += length
        }
    }

    /// The reference starting at `bytes[start]` (`&`): its characters and its length in bytes.
    private static func reference(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, inAttribute: Bool)
        -> (String, Int)?
    {
        var cursor = start + 1
        guard cursor < bytes.count else { return nil }
        if bytes[cursor] == UInt8(ascii: "#") { return numeric(bytes, at: start) }
        while cursor < bytes.count, cursor - start <= HTMLEntityTable.longestName, isAlphanumeric(bytes[cursor]) {
            cursor += 1
        }
        let nameRange = (start + 1)..<cursor
        guard !nameRange.isEmpty else { return nil }
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: ";"),
            let value = HTMLEntityTable.characters[String(decoding: bytes[nameRange], as: UTF8.self)]
        {
            return (value, cursor + 1 - start)
        }
        // A legacy name without `;`: the longest that matches (`&notit;` reads as `¬it;`).
        for end in stride(from: min(cursor, start + 7), to: start + 2, by: -1) {
            let name = String(decoding: bytes[(start + 1)..<end], as: UTF8.self)
            guard HTMLEntityTable.legacy.contains(name), let value = HTMLEntityTable.characters[name] else { continue }
            if inAttribute, end < bytes.count, isAlphanumeric(bytes[end]) || bytes[end] == UInt8(ascii: "=") {
                return nil
            }
            return (value, end - start)
        }
        return nil
    }

    /// `&#123;` / `&#x1F600;` (the `;` may be missing); zero, surrogates and values past U+10FFFF are U+FFFD.
    private static func numeric(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (String, Int)? {
        var cursor = start + 2
        var hex = false
        if cursor < bytes.count, bytes[cursor] | 0x20 == UInt8(ascii: "x") {
            hex = true
            cursor += 1
        }
        let digitsStart = cursor
        var value: UInt32 = 0
        while cursor < bytes.count, let digit = digitValue(bytes[cursor], hex: hex) {
            value = min(value &* (hex ? 16 : 10) &+ digit, 0x11_0000)
            cursor += 1
        }
        guard cursor > digitsStart else { return nil }
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: ";") { cursor += 1 }
        let scalar = value == 0 ? nil : Unicode.Scalar(value)
        return (String(Character(scalar ?? "\u{FFFD}")), cursor - start)
    }

    private static func digitValue(_ byte: UInt8, hex: Bool) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    @inline(__always) private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        HTMLLexer.isLetter(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }
}
