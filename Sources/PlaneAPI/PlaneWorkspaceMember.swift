/// An entry of `GET /workspaces/{slug}/members/`: the user fields plus the workspace role.
public struct PlaneWorkspaceMember: PlaneIdentified {
    public let id: String
    public let firstName: String?
    public let lastName: String?
    public let email: String?
    public let displayName: String?
    /// 20 admin, 15 member, 5 guest (see ``Role``).
    public let role: Int?

    /// Plane's role numbers.
    public enum Role {
        public static let admin = 20
        public static let member = 15
        public static let guest = 5
    }

    enum CodingKeys: String, CodingKey {
        case id, email, role
        case firstName = "first_name"
        case lastName = "last_name"
        case displayName = "display_name"
    }
}
