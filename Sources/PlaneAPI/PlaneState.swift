/// A workflow state of a project.
public struct PlaneState: PlaneIdentified {
    public let id: String
    public let name: String
    public let description: String?
    public let color: String?
    public let slug: String?
    public let sequence: Double?
    public let group: PlaneStateGroup?
    public let isTriage: Bool?
    /// Whether new items without a state land here.
    public let isDefault: Bool?
    public let externalSource: String?
    public let externalID: String?
    public let project: String?
    public let workspace: String?
    public let createdAt: PlaneTimestamp?
    public let updatedAt: PlaneTimestamp?

    enum CodingKeys: String, CodingKey {
        case id, name, description, color, slug, sequence, group, project, workspace
        case isTriage = "is_triage"
        case isDefault = "default"
        case externalSource = "external_source"
        case externalID = "external_id"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}
