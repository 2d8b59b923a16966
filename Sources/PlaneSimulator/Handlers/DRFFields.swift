/// The Django REST framework field rules Plane's serializers rely on, with DRF's error messages.
struct FieldMessage: Error {
    let text: String
}

/// Required, non-blank DRF `CharField`s of a body, in order: the texts of those that pass; each one missing
/// or invalid adds its error to `errors`.
func requiredCharFields(
    _ body: SimJSON, _ fields: KeyValuePairs<String, Int>, errors: inout [(String, SimJSON)]
) -> [String: String] {
    var texts: [String: String] = [:]
    for (field, maxLength) in fields {
        guard let value = body[field] else {
            errors.append((field, ["This field is required."]))
            continue
        }
        switch charField(value, maxLength: maxLength, allowBlank: false) {
        case .success(let text): texts[field] = text
        case .failure(let message): errors.append((field, [.string(message.text)]))
        }
    }
    return texts
}

/// DRF `CharField`: strings (numbers are turned into strings), trimmed, blank and length checks
/// (length in Unicode code points, like Python's `len`).
func charField(_ value: SimJSON, maxLength: Int?, allowBlank: Bool) -> Result<String, FieldMessage> {
    let raw: String
    switch value {
    case .string(let text): raw = text
    case .int, .double: raw = pythonString(value)
    case .null: return .failure(FieldMessage(text: "This field may not be null."))
    default: return .failure(FieldMessage(text: "Not a valid string."))
    }
    let trimmed = raw.trimmingPythonWhitespace()
    if trimmed.isEmpty && !allowBlank { return .failure(FieldMessage(text: "This field may not be blank.")) }
    if let maxLength, trimmed.unicodeScalars.count > maxLength {
        return .failure(FieldMessage(text: "Ensure this field has no more than \(maxLength) characters."))
    }
    return .success(trimmed)
}

/// DRF `PrimaryKeyRelatedField` over a UUID primary key (null allowed).
func primaryKey(_ value: SimJSON, exists: (String) -> Bool) -> Result<String?, FieldMessage> {
    switch value {
    case .null: return .success(nil)
    case .string(let text):
        let lowered = text.lowercased()
        guard PlaneRoute.isUUID(lowered) else { return .failure(FieldMessage(text: "“\(text)” is not a valid UUID.")) }
        guard exists(lowered) else {
            return .failure(FieldMessage(text: "Invalid pk \"\(text)\" - object does not exist."))
        }
        return .success(lowered)
    default:
        return .failure(FieldMessage(text: "Incorrect type. Expected pk value, received \(typeName(value))."))
    }
}

/// Python's name for the type a JSON value decodes to.
func typeName(_ value: SimJSON) -> String {
    switch value {
    case .null: return "NoneType"
    case .bool: return "bool"
    case .int: return "int"
    case .double: return "float"
    case .string: return "str"
    case .array: return "list"
    case .object: return "dict"
    }
}

/// Python's `str()` of a decoded JSON value (enough for error messages).
func pythonString(_ value: SimJSON) -> String {
    switch value {
    case .string(let text): return text
    case .int(let number): return String(number)
    case .double(let number): return SimJSON.pythonFloat(number)
    case .bool(let flag): return flag ? "True" : "False"
    case .null: return "None"
    default: return value.rendered
    }
}

extension String {
    /// `str.strip()`: Unicode whitespace at both ends.
    func trimmingPythonWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
