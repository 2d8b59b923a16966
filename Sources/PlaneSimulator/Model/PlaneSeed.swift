import Foundation

/// The fixtures file the simulator starts from (`fixtures/plane-seed.json`); format in the README.
public struct PlaneSeed: Codable, Sendable {
    public struct Workspace: Codable, Sendable {
        public var id: String
        public var slug: String
        public var name: String
    }

    public struct User: Codable, Sendable {
        public var id: String
        public var email: String
        public var firstName: String
        public var lastName: String
        public var displayName: String
        /// Workspace role (20 admin, 15 member, 5 guest); nil when not in the workspace.
        public var workspaceRole: Int?
        /// Ignored: every response uses ``PlaneSimulator/Configuration/timezone``.
        public var timezone: String?

        enum CodingKeys: String, CodingKey {
            case id, email, timezone
            case firstName = "first_name"
            case lastName = "last_name"
            case displayName = "display_name"
            case workspaceRole = "workspace_role"
        }
    }

    public struct APIKey: Codable, Sendable {
        public var token: String
        /// Email of the key's owner.
        public var user: String

        public init(token: String, user: String) {
            self.token = token
            self.user = user
        }
    }

    public struct Member: Codable, Sendable {
        /// The membership's id (`members/{id}/`); when absent, one is made from the project and user ids.
        public var id: String?
        /// Email of the member.
        public var user: String
        public var role: Int
        public var active: Bool
    }

    public struct State: Codable, Sendable {
        public var id: String
        public var name: String
        public var color: String
        public var group: String
        public var sequence: Double
        public var `default`: Bool?
    }

    public struct Label: Codable, Sendable {
        public var id: String
        public var name: String
        public var color: String
    }

    public struct Project: Codable, Sendable {
        public var id: String
        public var name: String
        public var identifier: String
        /// Email of the default assignee, if any.
        public var defaultAssignee: String?
        public var members: [Member]
        public var states: [State]
        public var labels: [Label]

        enum CodingKeys: String, CodingKey {
            case id, name, identifier, members, states, labels
            case defaultAssignee = "default_assignee"
        }
    }

    public var workspace: Workspace
    public var users: [User]
    public var apiKeys: [APIKey]
    public var projects: [Project]

    enum CodingKeys: String, CodingKey {
        case workspace, users, projects
        case apiKeys = "api_keys"
    }

    public init(workspace: Workspace, users: [User], apiKeys: [APIKey], projects: [Project]) {
        self.workspace = workspace
        self.users = users
        self.apiKeys = apiKeys
        self.projects = projects
    }

    /// Reads and decodes a seed file.
    public static func load(path: String) throws -> PlaneSeed {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try JSONDecoder().decode(PlaneSeed.self, from: data)
    }
}
