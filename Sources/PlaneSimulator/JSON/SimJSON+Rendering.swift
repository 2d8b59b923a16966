extension SimJSON {
    /// How JSON text is written: Django REST framework's compact form, or Python's `json.dumps` defaults.
    enum TextStyle {
        /// DRF's renderer: no spaces, non-ASCII kept as is (but U+2028 and U+2029 escaped).
        case compact
        /// `json.dumps(value)`: `", "` and `": "`, and every character outside printable ASCII as `\uXXXX`
        /// in lowercase hex (`ensure_ascii`), one beyond the BMP as its UTF-16 surrogate pair. What Plane
        /// signs and sends as a webhook body.
        case python

        var itemSeparator: String { self == .compact ? "," : ", " }
        var keySeparator: String { self == .compact ? ":" : ": " }
    }

    /// Compact JSON the way Django REST framework renders it: no spaces, non-ASCII kept as is,
    /// floats with a trailing `.0` like Python's `repr`.
    public var rendered: String { text(.compact) }

    /// The text Python's `json.dumps(value)` writes with its defaults (see ``TextStyle/python``).
    /// Hand-written, like ``rendered``: no JSON library writes Python's separators and escapes, and a
    /// webhook signature covers these exact bytes.
    public var pythonDumps: String { text(.python) }

    func text(_ style: TextStyle) -> String {
        var out = ""
        render(into: &out, style)
        return out
    }

    private func render(into out: inout String, _ style: TextStyle) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .int(let value): out += String(value)
        case .double(let value): out += Self.pythonFloat(value)
        case .string(let value): Self.renderString(value, into: &out, style)
        case .array(let items):
            out += "["
            for (offset, item) in items.enumerated() {
                if offset > 0 { out += style.itemSeparator }
                item.render(into: &out, style)
            }
            out += "]"
        case .object(let pairs):
            out += "{"
            for (offset, pair) in pairs.enumerated() {
                if offset > 0 { out += style.itemSeparator }
                Self.renderString(pair.0, into: &out, style)
                out += style.keySeparator
                pair.1.render(into: &out, style)
            }
            out += "}"
        }
    }

    static func pythonFloat(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e16 {
            return "\(Int(value)).0"
        }
        return "\(value)"
    }

    private static func renderString(_ value: String, into out: inout String, _ style: TextStyle) {
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
                let escaped =
                    style == .python
                    ? !(0x20...0x7E).contains(scalar.value)
                    : scalar.value < 0x20 || scalar == "\u{2028}" || scalar == "\u{2029}"
                guard escaped else {
                    out.unicodeScalars.append(scalar)
                    continue
                }
                for unit in String(scalar).utf16 {
                    let hex = String(unit, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                }
            }
        }
        out += "\""
    }
}

extension SimJSON: CustomStringConvertible {
    /// The compact JSON text (readable test output).
    public var description: String { rendered }
}
