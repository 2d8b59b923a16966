import Foundation

/// A `board_items` document as SyncCore sees it; the edge layer builds it from MongoDB.
///
/// A missing optional field is nil. `otherFields` names the other top-level fields that are
/// present and non-null, so `scope.exclude_if_field` can name any field.
public struct BoardItem: Sendable, Hashable {
    public var id: BoardItemID
    public var projectId: String
    public var title: String?
    public var description: String?
    public var status: String?
    public var priority: String?
    public var labels: [String]?
    public var assignees: [String]?
    public var startDate: Date?
    public var dueDate: Date?
    public var parentId: BoardItemID?
    public var createdAt: Date?
    public var updatedAt: Date?
    public var deletedAt: Date?
    public var otherFields: Set<String>

    public init(
        id: BoardItemID, projectId: String, title: String? = nil, description: String? = nil,
        status: String? = nil, priority: String? = nil, labels: [String]? = nil, assignees: [String]? = nil,
        startDate: Date? = nil, dueDate: Date? = nil, parentId: BoardItemID? = nil, createdAt: Date? = nil,
        updatedAt: Date? = nil, deletedAt: Date? = nil, otherFields: Set<String> = []
    ) {
        self.id = id
        self.projectId = projectId
        self.title = title
        self.description = description
        self.status = status
        self.priority = priority
        self.labels = labels
        self.assignees = assignees
        self.startDate = startDate
        self.dueDate = dueDate
        self.parentId = parentId
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.deletedAt = deletedAt
        self.otherFields = otherFields
    }

    /// True when the document names `field` with a non-null value (for `exclude_if_field`).
    public func hasNonNullField(_ field: String) -> Bool {
        switch field {
        case "_id", "project_id": return true
        case "title": return title != nil
        case "description": return description != nil
        case "status": return status != nil
        case "priority": return priority != nil
        case "labels": return labels != nil
        case "assignees": return assignees != nil
        case "start_date": return startDate != nil
        case "due_date": return dueDate != nil
        case "parent_id": return parentId != nil
        case "created_at": return createdAt != nil
        case "updated_at": return updatedAt != nil
        case "deleted_at": return deletedAt != nil
        default: return otherFields.contains(field)
        }
    }
}
