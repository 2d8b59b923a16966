/// A Plane work item as the v1 API returns it (`IssueSerializer`).
///
/// Every field but ``id`` is optional because a list with `fields=` leaves keys out (the client
/// always asks for `id`). Fields that `expand=` can turn into objects are ``PlaneExpandable``.
/// Unknown keys are ignored.
public struct PlaneWorkItem: PlaneIdentified {
    public let id: String
    public let name: String?
    public let descriptionHTML: String?
    public let descriptionBinary: String?
    public let priority: PlanePriority?
    public let state: PlaneExpandable<PlaneStateSummary>?
    public let parent: PlaneExpandable<PlaneParentSummary>?
    public let estimatePoint: PlaneExpandable<PlaneObjectReference>?
    public let point: Int?
    public let assignees: [PlaneExpandable<PlaneUser>]?
    public let labels: [PlaneExpandable<PlaneLabel>]?
    public let startDate: PlaneDate?
    public let targetDate: PlaneDate?
    public let sequenceID: Int?
    public let sortOrder: Double?
    public let completedAt: PlaneTimestamp?
    /// A date, not a datetime: Plane's model field is a `DateField`.
    public let archivedAt: PlaneDate?
    public let isDraft: Bool?
    public let externalSource: String?
    public let externalID: String?
    public let type: String?
    public let typeID: String?
    public let project: PlaneExpandable<PlaneObjectReference>?
    public let workspace: PlaneExpandable<PlaneObjectReference>?
    public let createdAt: PlaneTimestamp?
    public let updatedAt: PlaneTimestamp?
    public let deletedAt: PlaneTimestamp?
    public let createdBy: PlaneExpandable<PlaneUser>?
    public let updatedBy: PlaneExpandable<PlaneUser>?

    enum CodingKeys: String, CodingKey {
        case id, name, priority, state, parent, point, assignees, labels, type, project, workspace
        case descriptionHTML = "description_html"
        case descriptionBinary = "description_binary"
        case estimatePoint = "estimate_point"
        case startDate = "start_date"
        case targetDate = "target_date"
        case sequenceID = "sequence_id"
        case sortOrder = "sort_order"
        case completedAt = "completed_at"
        case archivedAt = "archived_at"
        case isDraft = "is_draft"
        case externalSource = "external_source"
        case externalID = "external_id"
        case typeID = "type_id"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case deletedAt = "deleted_at"
        case createdBy = "created_by"
        case updatedBy = "updated_by"
    }
}
