/// A work-item field that BoardSync owns, named as Plane's API names it.
public enum PlaneField: String, Sendable, Hashable, CaseIterable, Comparable {
    case name
    case descriptionHTML = "description_html"
    case state
    case priority
    case labels
    case assignees
    case startDate = "start_date"
    case targetDate = "target_date"
    case parent

    public static func < (lhs: PlaneField, rhs: PlaneField) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// One field's value: null, a string (id, date, text) or a sorted list of ids.
public enum FieldValue: Sendable, Hashable, CustomStringConvertible {
    case null
    case string(String)
    case list([String])

    public init(_ text: String?) {
        self = text.map(FieldValue.string) ?? .null
    }

    public var description: String {
        switch self {
        case .null: return "null"
        case .string(let text): return "\"\(text)\""
        case .list(let items): return "[" + items.joined(separator: ", ") + "]"
        }
    }
}

/// A field with its old and new values (a PATCH entry, or what a hand edit overwrote).
public struct FieldChange: Sendable, Hashable {
    public var field: PlaneField
    public var old: FieldValue
    public var new: FieldValue

    public init(field: PlaneField, old: FieldValue, new: FieldValue) {
        self.field = field
        self.old = old
        self.new = new
    }
}
