extension SimJSON {
    /// The text Python's `json.dumps(value)` writes with its defaults, which is what Plane signs and sends
    /// as a webhook body: `", "` between items, `": "` after keys, and every character outside printable
    /// ASCII escaped as `\uXXXX` in lowercase hex (`ensure_ascii`), a character beyond the BMP as its
    /// UTF-16 surrogate pair. Hand-written because no JSON library writes Python's separators and escapes,
    /// and the signature covers these exact bytes.
    public var pythonDumps: String {
        var out = ""
        dump(into: &out)
        return out
    }

    private func dump(into out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .int(let value): out += String(value)
        case .double(let value): out += Self.pythonFloat(value)
        case .string(let value): Self.dumpString(value, into: &out)
        case .array(let items):
            out += "["
            for (offset, item) in items.enumerated() {
                if offset > 0 { out += ", " }
                item.dump(into: &out)
            }
            out += "]"
        case .object(let pairs):
            out += "{"
            for (offset, pair) in pairs.enumerated() {
                if offset > 0 { out += ", " }
                Self.dumpString(pair.0, into: &out)
                out += ": "
                pair.1.dump(into: &out)
            }
            out += "}"
        }
    }

    /// Python's `py_encode_basestring_ascii`: `"`, `\` and the five short escapes, the rest of
    /// `[^ -~]` as `\u` and four lowercase hex digits per UTF-16 unit.
    private static func dumpString(_ value: String, into out: inout String) {
        out += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value >= 0x20 && scalar.value <= 0x7E {
                    out.unicodeScalars.append(scalar)
                } else {
                    for unit in String(scalar).utf16 {
                        let hex = String(unit, radix: 16)
                        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    }
                }
            }
        }
        out += "\""
    }
}
