/// A Plane user as the simulator keeps it.
struct UserRecord: Sendable {
    var id: String
    var email: String
    var firstName: String
    var lastName: String
    var displayName: String
    var workspaceRole: Int?
}

/// A project membership; inactive ones are former members (Plane's member DELETE only deactivates).
struct MembershipRecord: Sendable {
    /// The membership's own id (`members/{id}/`), not the user's.
    var id: String
    var userID: String
    var role: Int
    var active: Bool
}

struct ProjectRecord: Sendable {
    var id: String
    var name: String
    var identifier: String
    var defaultAssigneeID: String?
    var members: [MembershipRecord]
    var createdAt: PlaneInstant
    var createdBy: String?
    var nextSequenceID = 1

    func membership(_ userID: String) -> MembershipRecord? {
        members.first { $0.userID == userID && $0.active }
    }
}

struct StateRecord: Sendable {
    var id: String
    var projectID: String
    var name: String
    var color: String
    var group: String
    var sequence: Double
    var isDefault: Bool
    var description = ""
    var externalSource: String?
    var externalID: String?
    var createdAt: PlaneInstant
    var updatedAt: PlaneInstant
    var createdBy: String?

    var isTriage: Bool { group == "triage" }
}

struct LabelRecord: Sendable {
    var id: String
    var projectID: String
    var name: String
    var color: String
    var description = ""
    var sortOrder: Double = 65535
    var parent: String?
    var externalSource: String?
    var externalID: String?
    var createdAt: PlaneInstant
    var updatedAt: PlaneInstant
    var createdBy: String?
}

struct WorkItemRecord: Sendable {
    var id: String
    var projectID: String
    var name: String
    var descriptionHTML = "<p></p>"
    var priority = "none"
    var stateID: String?
    var parentID: String?
    var assignees: [String] = []
    var labels: [String] = []
    var startDate: String?
    var targetDate: String?
    var sequenceID: Int
    var sortOrder: Double
    var completedAt: PlaneInstant?
    var archivedAt: String?
    var externalSource: String?
    var externalID: String?
    var createdBy: String?
    var updatedBy: String?
    var createdAt: PlaneInstant
    var updatedAt: PlaneInstant
    var deletedAt: PlaneInstant?
    var point: Int?

    /// Shown by list and detail GET (not deleted, not archived).
    var isVisible: Bool { deletedAt == nil && archivedAt == nil }
}

struct LinkRecord: Sendable {
    var id: String
    var itemID: String
    var projectID: String
    var title: String?
    var url: String
    var createdAt: PlaneInstant
    var updatedAt: PlaneInstant
    var createdBy: String?
}
