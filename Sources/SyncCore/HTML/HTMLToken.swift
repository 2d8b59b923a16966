/// One piece of an HTML fragment, as the small tokenizer in ``HTMLTokenizer`` reads it.
enum HTMLToken: Hashable {
    /// Text with entities decoded.
    case text(String)
    /// A start tag: lowercased name, attributes in order (values decoded), self-closing flag.
    case start(name: String, attributes: [HTMLAttribute], selfClosing: Bool)
    case end(name: String)
    /// A comment, doctype or processing instruction; never kept.
    case other
}

struct HTMLAttribute: Hashable {
    var name: String
    var value: String?
}

/// Elements that never have content or an end tag.
let htmlVoidElements: Set<String> = [
    "br", "hr", "img", "input", "meta", "link", "area", "base", "col", "wbr", "source",
]

/// Serialising as lxml does: text escapes `& < >`, attribute values `& " < >`; void elements without `/`.
enum HTMLWriter {
    static func escapeText(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func escapeAttribute(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func startTag(_ name: String, _ attributes: [HTMLAttribute]) -> String {
        var out = "<" + name
        for attribute in attributes {
            out += " " + attribute.name
            if let value = attribute.value { out += "=\"" + escapeAttribute(value) + "\"" }
        }
        return out + ">"
    }
}
