extension SimJSON {
    /// Compact JSON the way Django REST framework renders it: no spaces, non-ASCII kept as is,
    /// floats with a trailing `.0` like Python's `repr`.
    public var rendered: String {
        var out = ""
        render(into: &out)
        return out
    }

    private func render(into out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .int(let value): out += String(value)
        case .double(let value): out += Self.pythonFloat(value)
        case .string(let value): Self.renderString(value, into: &out)
        case .array(let items):
            out += "["
            for (offset, item) in items.enumerated() {
                if offset > 0 { out += "," }
                item.render(into: &out)
            }
            out += "]"
        case .object(let pairs):
            out += "{"
            for (offset, pair) in pairs.enumerated() {
                if offset > 0 { out += "," }
                Self.renderString(pair.0, into: &out)
                out += ":"
                pair.1.render(into: &out)
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

    private static func renderString(_ value: String, into out: inout String) {
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
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
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
