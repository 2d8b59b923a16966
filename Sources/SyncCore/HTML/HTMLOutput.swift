/// HTML written as UTF-8 bytes, escaped the way Plane's sanitiser (html5ever, under nh3) serialises:
/// text escapes `& < >` and U+00A0 (`&nbsp;`), attribute values `& "` and U+00A0, always double-quoted;
/// void elements without `/`. With `escapingAngleBrackets`, attribute values escape `<` and `>` too (the
/// sanitiser's output: no `<` outside a tag it wrote).
struct HTMLOutput {
    var bytes: [UInt8] = []
    var escapingAngleBrackets = false

    init(capacity: Int, escapingAngleBrackets: Bool = false) {
        bytes.reserveCapacity(capacity)
        self.escapingAngleBrackets = escapingAngleBrackets
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func raw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// Decoded text bytes, escaped; NUL dropped.
    mutating func text(_ decoded: some Sequence<UInt8>) { escaped(decoded, inAttribute: false) }

    mutating func attributeValue(_ value: String) { escaped(value.utf8, inAttribute: true) }

    /// Text escapes `& < >`, an attribute value `& "` (and `< >` when `escapingAngleBrackets`); U+00A0 is
    /// `&nbsp;` in both.
    private mutating func escaped(_ decoded: some Sequence<UInt8>, inAttribute: Bool) {
        let angles = !inAttribute || escapingAngleBrackets
        var previous: UInt8 = 0
        for byte in decoded {
            switch byte {
            case UInt8(ascii: "&"): raw("&amp;")
            case UInt8(ascii: "<") where angles: raw("&lt;")
            case UInt8(ascii: ">") where angles: raw("&gt;")
            case UInt8(ascii: "\"") where inAttribute: raw("&quot;")
            case 0: break
            case 0xA0 where previous == 0xC2:
                bytes.removeLast()
                raw("&nbsp;")
            default: bytes.append(byte)
            }
            previous = byte
        }
    }

    mutating func startTag(_ name: String, _ attributes: [HTMLAttribute] = []) {
        bytes.append(UInt8(ascii: "<"))
        raw(name)
        for attribute in attributes {
            bytes.append(UInt8(ascii: " "))
            raw(attribute.name)
            raw("=\"")
            attributeValue(attribute.value ?? "")
            bytes.append(UInt8(ascii: "\""))
        }
        bytes.append(UInt8(ascii: ">"))
    }

    mutating func endTag(_ name: String) {
        raw("</")
        raw(name)
        bytes.append(UInt8(ascii: ">"))
    }
}
