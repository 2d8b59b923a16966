/// A project label (also what `expand=labels` nests in a work item).
public struct PlaneLabel: PlaneIdentified {
    public let id: String
    public let name: String?
    public let description: String?
    public let color: String?
    public let sortOrder: Double?
    public let parent: String?
    public let externalSource: String?
    public let externalID: String?
    public let project: String?
    public let workspace: String?
    public let createdAt: PlaneTimestamp?
    public let updatedAt: PlaneTimestamp?

    enum CodingKeys: String, CodingKey {
        case id, name, description, color, parent, project, workspace
        case sortOrder = "sort_order"
        case externalSource = "external_source"
        case externalID = "external_id"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}
