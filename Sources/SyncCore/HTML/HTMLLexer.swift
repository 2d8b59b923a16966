/// One piece of an HTML fragment as ``HTMLLexer`` reads it, over the fragment's UTF-8 bytes.
struct HTMLPiece {
    enum Kind: UInt8 {
        /// Text: `text` is its raw byte range (character references not yet decoded).
        case text
        /// A start tag: lowercased `name`, `attributes` (values decoded), `selfClosing`.
        case start
        /// An end tag: lowercased `name`.
        case end
        /// A comment, doctype or processing instruction; never kept.
        case other
    }

    var kind: Kind
    var name: String = ""
    var attributes: [HTMLAttribute] = []
    var selfClosing = false
    var text: Range<Int> = 0..<0

    func attribute(_ name: String) -> String? {
        attributes.first(where: { $0.name == name })?.value
    }
}

struct HTMLAttribute: Hashable {
    var name: String
    var value: String?
}

/// A small, forgiving HTML fragment tokenizer over UTF-8 bytes, shared by the sanitiser, the
/// canonicaliser and the tree builder. Hand-written rather than a library's: Plane's rewrite and our
/// sanitiser need only tags, attributes and text, and every description of a plan passes through here
/// twice, so it works on bytes and allocates only for tag names and attributes.
///
/// `<` starts a tag only when followed by a letter, `/` + letter, `!` or `?`; otherwise it is text.
enum HTMLLexer {
    static func pieces(_ html: String) -> (bytes: [UInt8], pieces: [HTMLPiece]) {
        let bytes = Array(html.utf8)
        return (bytes, pieces(bytes))
    }

    static func pieces(_ bytes: [UInt8]) -> [HTMLPiece] {
        bytes.withUnsafeBufferPointer { pieces($0) }
    }

    static func pieces(_ bytes: UnsafeBufferPointer<UInt8>) -> [HTMLPiece] {
        var result: [HTMLPiece] = []
        result.reserveCapacity(bytes.count / 16)
        var textStart = 0
        var index = 0
        let count = bytes.count
        func flush(upTo end: Int) {
            if end > textStart { result.append(HTMLPiece(kind: .text, text: textStart..<end)) }
        }
        while index < count {
            guard bytes[index] == UInt8(ascii: "<"), index + 1 < count else {
                index += 1
                continue
            }
            let next = bytes[index + 1]
            if next == UInt8(ascii: "!") || next == UInt8(ascii: "?") {
                flush(upTo: index)
                index = skipMarkup(bytes, from: index)
                result.append(HTMLPiece(kind: .other))
                textStart = index
            } else if next == UInt8(ascii: "/"), index + 2 < count, isLetter(bytes[index + 2]) {
                flush(upTo: index)
                var cursor = index + 2
                let name = readName(bytes, &cursor)
                while cursor < count, bytes[cursor] != UInt8(ascii: ">") { cursor += 1 }
                index = cursor + 1
                result.append(HTMLPiece(kind: .end, name: name))
                textStart = index
            } else if isLetter(next) {
                flush(upTo: index)
                var cursor = index + 1
                let name = readName(bytes, &cursor)
                var piece = HTMLPiece(kind: .start, name: name)
                index = readAttributes(bytes, from: cursor, into: &piece)
                result.append(piece)
                textStart = index
            } else {
                index += 1
            }
        }
        flush(upTo: count)
        return result
    }

    @inline(__always) static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    @inline(__always) static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C
    }

    private static func readName(_ bytes: UnsafeBufferPointer<UInt8>, _ cursor: inout Int) -> String {
        let start = cursor
        while cursor < bytes.count, !isSpace(bytes[cursor]), bytes[cursor] != UInt8(ascii: ">"),
            bytes[cursor] != UInt8(ascii: "/")
        {
            cursor += 1
        }
        return lowercased(bytes, start..<cursor)
    }

    private static func lowercased(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(unsafeUninitializedCapacity: range.count) { buffer in
            for (offset, byte) in bytes[range].enumerated() {
                buffer[offset] = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
            }
            return range.count
        }
    }

    private static func skipMarkup(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let isComment =
            start + 3 < bytes.count && bytes[start + 2] == UInt8(ascii: "-") && bytes[start + 3] == UInt8(ascii: "-")
        var cursor = start + 2
        while cursor < bytes.count {
            if bytes[cursor] == UInt8(ascii: ">") {
                if !isComment { return cursor + 1 }
                if cursor >= start + 6, bytes[cursor - 1] == UInt8(ascii: "-"), bytes[cursor - 2] == UInt8(ascii: "-") {
                    return cursor + 1
                }
            }
            cursor += 1
        }
        return bytes.count
    }

    private static func readAttributes(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, into piece: inout HTMLPiece
    )
        -> Int
    {
        var cursor = start
        while cursor < bytes.count {
            let byte = bytes[cursor]
            if isSpace(byte) {
                cursor += 1
            } else if byte == UInt8(ascii: ">") {
                return cursor + 1
            } else if byte == UInt8(ascii: "/") {
                piece.selfClosing = true
                cursor += 1
            } else {
                piece.selfClosing = false
                let nameStart = cursor
                while cursor < bytes.count, !isSpace(bytes[cursor]), bytes[cursor] != UInt8(ascii: "="),
                    bytes[cursor] != UInt8(ascii: ">"), bytes[cursor] != UInt8(ascii: "/")
                {
                    cursor += 1
                }
                let nameEnd = cursor
                while cursor < bytes.count, isSpace(bytes[cursor]) { cursor += 1 }
                var value: String?
                if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "=") {
                    cursor += 1
                    while cursor < bytes.count, isSpace(bytes[cursor]) { cursor += 1 }
                    value = readValue(bytes, &cursor)
                }
                if nameEnd == nameStart {
                    if value == nil { cursor += 1 }
                    continue
                }
                let name = lowercased(bytes, nameStart..<nameEnd)
                if !piece.attributes.contains(where: { $0.name == name }) {
                    piece.attributes.append(HTMLAttribute(name: name, value: value))
                }
            }
        }
        return cursor
    }

    private static func readValue(_ bytes: UnsafeBufferPointer<UInt8>, _ cursor: inout Int) -> String {
        let range: Range<Int>
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "\"") || bytes[cursor] == UInt8(ascii: "'") {
            let quote = bytes[cursor]
            let start = cursor + 1
            cursor = start
            while cursor < bytes.count, bytes[cursor] != quote { cursor += 1 }
            range = start..<cursor
            cursor = min(cursor + 1, bytes.count)
        } else {
            let start = cursor
            while cursor < bytes.count, !isSpace(bytes[cursor]), bytes[cursor] != UInt8(ascii: ">") { cursor += 1 }
            range = start..<cursor
        }
        return HTMLEntities.decodedString(UnsafeBufferPointer(rebasing: bytes[range]), inAttribute: true)
    }
}
