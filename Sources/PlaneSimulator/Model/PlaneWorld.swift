/// Everything the simulated Plane server stores: one workspace, its users, projects, states, labels,
/// work items and links. A value type; the ``SimulatorCore`` actor owns the one instance.
struct PlaneWorld: Sendable {
    var workspaceID: String
    var workspaceSlug: String
    var workspaceName: String
    var users: [String: UserRecord] = [:]
    /// API token → user id.
    var apiKeys: [String: String] = [:]
    var projects: [String: ProjectRecord] = [:]
    var projectOrder: [String] = []
    var states: [String: StateRecord] = [:]
    var labels: [String: LabelRecord] = [:]
    var items: [String: WorkItemRecord] = [:]
    /// Work item ids in creation order (for stable sorting).
    var itemOrder: [String] = []
    var links: [String: LinkRecord] = [:]
    var linkOrder: [String] = []

    init(seed: PlaneSeed, now: PlaneInstant) throws(SimulatorError) {
        workspaceID = seed.workspace.id
        workspaceSlug = seed.workspace.slug
        workspaceName = seed.workspace.name
        var idByEmail: [String: String] = [:]
        for user in seed.users {
            users[user.id] = UserRecord(
                id: user.id, email: user.email, firstName: user.firstName, lastName: user.lastName,
                displayName: user.displayName, workspaceRole: user.workspaceRole)
            idByEmail[user.email.lowercased()] = user.id
        }
        func userID(_ email: String) throws(SimulatorError) -> String {
            guard let id = idByEmail[email.lowercased()] else { throw .seed("unknown user \(email)") }
            return id
        }
        for key in seed.apiKeys { apiKeys[key.token] = try userID(key.user) }
        let creator = seed.apiKeys.first.flatMap { idByEmail[$0.user.lowercased()] }
        for project in seed.projects {
            var members: [MembershipRecord] = []
            for member in project.members {
                let user = try userID(member.user)
                members.append(
                    MembershipRecord(
                        id: member.id ?? Self.membershipID(project: project.id, user: user), userID: user,
                        role: member.role, active: member.active))
            }
            let defaultAssignee: String? = try project.defaultAssignee.map { (email) throws(SimulatorError) in
                try userID(email)
            }
            projects[project.id] = ProjectRecord(
                id: project.id, name: project.name, identifier: project.identifier, defaultAssigneeID: defaultAssignee,
                members: members, createdAt: now, createdBy: creator)
            projectOrder.append(project.id)
            for (offset, state) in project.states.enumerated() {
                let at = PlaneInstant(microseconds: now.microseconds + Int64(offset))
                states[state.id] = StateRecord(
                    id: state.id, projectID: project.id, name: state.name, color: state.color, group: state.group,
                    sequence: state.sequence, isDefault: state.default ?? false, createdAt: at, updatedAt: at,
                    createdBy: creator)
            }
            for (offset, label) in project.labels.enumerated() {
                let at = PlaneInstant(microseconds: now.microseconds + Int64(offset))
                labels[label.id] = LabelRecord(
                    id: label.id, projectID: project.id, name: label.name, color: label.color, createdAt: at,
                    updatedAt: at, createdBy: creator)
            }
        }
    }

    /// A membership id that stays the same across resets (so a test can name it), shaped like a UUID v4.
    /// Hand-written FNV-1a: the simulator needs a stable id, not a cryptographic digest.
    static func membershipID(project: String, user: String) -> String {
        func fnv(_ text: String, _ basis: UInt64) -> UInt64 {
            text.utf8.reduce(basis) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01b3 }
        }
        let text = project + "/" + user
        func hex(_ value: UInt64) -> String {
            let digits = String(value, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }
        let chars = Array(hex(fnv(text, 0xcbf2_9ce4_8422_2325)) + hex(fnv(text, 0x8422_2325_cbf2_9ce4)))
        func part(_ range: Range<Int>) -> String { String(chars[range]) }
        return [part(0..<8), part(8..<12), "4" + part(13..<16), "8" + part(17..<20), part(20..<32)]
            .joined(separator: "-")
    }

    /// The membership `membershipID` of a project, active or not.
    func membership(id membershipID: String, in projectID: String) -> MembershipRecord? {
        projects[projectID]?.members.first { $0.id == membershipID }
    }

    func user(email: String) -> UserRecord? {
        users.values.first { $0.email.lowercased() == email.lowercased() }
    }

    /// States of a project ordered by `sequence`.
    func states(in projectID: String) -> [StateRecord] {
        states.values.filter { $0.projectID == projectID }.sorted { $0.sequence < $1.sequence }
    }

    func labels(in projectID: String) -> [LabelRecord] {
        labels.values.filter { $0.projectID == projectID }
    }

    /// Work items of a project in creation order, deleted ones included.
    func allItems(in projectID: String) -> [WorkItemRecord] {
        itemOrder.compactMap { items[$0] }.filter { $0.projectID == projectID }
    }

    /// Live items (not soft-deleted) holding an external pair.
    func items(in projectID: String, externalID: String, externalSource: String) -> [WorkItemRecord] {
        allItems(in: projectID).filter {
            $0.deletedAt == nil && $0.externalID == externalID && $0.externalSource == externalSource
        }
    }

    /// True when `userID` is an active project member with role ≥ 15 (can be assigned).
    func isAssignable(_ userID: String, in projectID: String) -> Bool {
        guard let membership = projects[projectID]?.membership(userID) else { return false }
        return membership.role >= 15
    }

    func isProjectAdmin(_ userID: String, in projectID: String) -> Bool {
        (projects[projectID]?.membership(userID)?.role ?? 0) >= 20
    }
}
