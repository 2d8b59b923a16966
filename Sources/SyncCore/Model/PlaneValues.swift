/// The fields BoardSync owns, as Plane holds them (or as BoardSync wants them).
///
/// Used for the desired payload, for `base` (Plane's reply to our last write) and for Plane's
/// current item. Label and assignee ids are kept sorted and unique, so order never matters.
public struct PlaneValues: Sendable, Hashable {
    public var name: String
    public var descriptionHTML: String
    public var stateId: String?
    public var priority: String
    public var labelIds: [String] {
        didSet { labelIds = Self.normalised(labelIds) }
    }
    public var assigneeIds: [String] {
        didSet { assigneeIds = Self.normalised(assigneeIds) }
    }
    /// `YYYY-MM-DD`.
    public var startDate: String?
    /// `YYYY-MM-DD`.
    public var targetDate: String?
    public var parentId: String?

    public init(
        name: String, descriptionHTML: String = "<p></p>", stateId: String? = nil, priority: String = "none",
        labelIds: [String] = [], assigneeIds: [String] = [], startDate: String? = nil, targetDate: String? = nil,
        parentId: String? = nil
    ) {
        self.name = name
        self.descriptionHTML = descriptionHTML
        self.stateId = stateId
        self.priority = priority
        self.labelIds = Self.normalised(labelIds)
        self.assigneeIds = Self.normalised(assigneeIds)
        self.startDate = startDate
        self.targetDate = targetDate
        self.parentId = parentId
    }

    /// The value of one field.
    public func value(of field: PlaneField) -> FieldValue {
        switch field {
        case .name: return .string(name)
        case .descriptionHTML: return .string(descriptionHTML)
        case .state: return FieldValue(stateId)
        case .priority: return .string(priority)
        case .labels: return .list(labelIds)
        case .assignees: return .list(assigneeIds)
        case .startDate: return FieldValue(startDate)
        case .targetDate: return FieldValue(targetDate)
        case .parent: return FieldValue(parentId)
        }
    }

    private static func normalised(_ ids: [String]) -> [String] {
        Array(Set(ids)).sorted()
    }
}
