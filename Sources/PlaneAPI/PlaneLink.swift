/// A link attached to a work item (`.../work-items/{id}/links/`).
public struct PlaneLink: PlaneIdentified {
    public let id: String
    public let title: String?
    public let url: String
    public let issue: String?
    public let project: String?
    public let workspace: String?
    public let createdAt: PlaneTimestamp?
    public let updatedAt: PlaneTimestamp?
    public let createdBy: String?

    enum CodingKeys: String, CodingKey {
        case id, title, url, issue, project, workspace
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case createdBy = "created_by"
    }
}
