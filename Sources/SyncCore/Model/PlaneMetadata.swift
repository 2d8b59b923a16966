/// A Plane state of a project.
public struct PlaneState: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    /// `backlog`, `unstarted`, `started`, `completed`, `cancelled` or `triage`.
    public var group: String
    public var isDefault: Bool

    public init(id: String, name: String, group: String, isDefault: Bool = false) {
        self.id = id
        self.name = name
        self.group = group
        self.isDefault = isDefault
    }
}

/// A Plane label of a project.
public struct PlaneLabel: Sendable, Hashable, Codable {
    public var id: String
    public var name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}

/// A workspace member as Plane reports it (role 20 admin, 15 member, 5 guest).
public struct PlaneMember: Sendable, Hashable, Codable {
    public var id: String
    public var email: String
    public var role: Int
    public var isActive: Bool

    public init(id: String, email: String, role: Int, isActive: Bool = true) {
        self.id = id
        self.email = email
        self.role = role
        self.isActive = isActive
    }

    /// Plane keeps only active members with role ≥ 15 as assignees.
    public var isAssignable: Bool { isActive && role >= 15 }
}

/// What SyncCore needs to know of one Plane project.
public struct PlaneMetadata: Sendable, Hashable, Codable {
    public var projectId: String
    public var states: [PlaneState]
    public var labels: [PlaneLabel]
    public var members: [PlaneMember]
    public var defaultAssigneeId: String?

    public init(
        projectId: String, states: [PlaneState], labels: [PlaneLabel] = [], members: [PlaneMember] = [],
        defaultAssigneeId: String? = nil
    ) {
        self.projectId = projectId
        self.states = states
        self.labels = labels
        self.members = members
        self.defaultAssigneeId = defaultAssigneeId
    }

    /// The state Plane uses when none is sent: the default one, else the first non-triage one.
    public var defaultState: PlaneState? {
        states.first(where: \.isDefault) ?? states.first(where: { $0.group != "triage" })
    }

    /// The state with this name: exact match first, then case-insensitive.
    public func state(named name: String) -> PlaneState? {
        states.first(where: { $0.name == name })
            ?? states.first(where: { $0.name.lowercased() == name.lowercased() })
    }

    /// The label with this name: exact match first, then case-insensitive.
    public func label(named name: String) -> PlaneLabel? {
        labels.first(where: { $0.name == name })
            ?? labels.first(where: { $0.name.lowercased() == name.lowercased() })
    }

    /// The member with this email, compared case-insensitively.
    public func member(email: String) -> PlaneMember? {
        let wanted = email.lowercased()
        return members.first(where: { $0.email.lowercased() == wanted })
    }

    public func member(id: String) -> PlaneMember? { members.first(where: { $0.id == id }) }
}
