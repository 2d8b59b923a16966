/// A Plane user as `users/me/`, project members and expanded assignees show it.
/// Plane returns no role and no active flag here; see ``PlaneWorkspaceMember`` for the role.
public struct PlaneUser: PlaneIdentified {
    public let id: String
    public let firstName: String?
    public let lastName: String?
    public let email: String?
    public let avatar: String?
    public let avatarURL: String?
    public let displayName: String?

    enum CodingKeys: String, CodingKey {
        case id, email, avatar
        case firstName = "first_name"
        case lastName = "last_name"
        case avatarURL = "avatar_url"
        case displayName = "display_name"
    }
}
