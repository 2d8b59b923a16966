/// A Plane project: the fields a sync needs to check its mapping.
public struct PlaneProject: PlaneIdentified {
    public let id: String
    public let name: String?
    public let identifier: String?
    public let description: String?
    public let workspace: String?
    public let isMember: Bool?
    /// The key owner's project role (20 admin, 15 member, 5 guest), when Plane sends it.
    public let memberRole: Int?
    public let defaultAssignee: String?
    public let defaultState: String?
    public let timezone: String?
    /// A datetime for projects (a work item's `archived_at` is a date).
    public let archivedAt: PlaneTimestamp?
    public let externalSource: String?
    public let externalID: String?
    public let createdAt: PlaneTimestamp?
    public let updatedAt: PlaneTimestamp?

    enum CodingKeys: String, CodingKey {
        case id, name, identifier, description, workspace, timezone
        case isMember = "is_member"
        case memberRole = "member_role"
        case defaultAssignee = "default_assignee"
        case defaultState = "default_state"
        case archivedAt = "archived_at"
        case externalSource = "external_source"
        case externalID = "external_id"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}
