import Essentials

/// HTML written as UTF-8 bytes, escaped the way Plane's sanitiser (html5ever, under nh3) serialises
/// (``HTMLEscaping/text`` and ``HTMLEscaping/attribute``): text escapes `& < >` and U+00A0 (`&nbsp;`),
/// attribute values `& "` and U+00A0, always double-quoted; void elements without `/`. With
/// `escapingAngleBrackets`, attribute values escape `<` and `>` too (the sanitiser's output: no `<` outside
/// a tag it wrote).
struct HTMLOutput {
    var bytes: [UInt8] = []
    private let attributeEscaping: HTMLEscaping

    init(capacity: Int, escapingAngleBrackets: Bool = false) {
        bytes.reserveCapacity(capacity)
        attributeEscaping = escapingAngleBrackets ? HTMLEscaping.attribute.union(.angleBrackets) : .attribute
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func raw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// Decoded text bytes, escaped; NUL dropped.
    mutating func text(_ decoded: some Sequence<UInt8>) {
        HTMLEscaping.text.escape(utf8: decoded.lazy.filter { $0 != 0 }, into: &bytes)
    }

    /// An attribute value, escaped; NUL dropped.
    mutating func attributeValue(_ value: String) {
        attributeEscaping.escape(utf8: value.utf8.lazy.filter { $0 != 0 }, into: &bytes)
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
