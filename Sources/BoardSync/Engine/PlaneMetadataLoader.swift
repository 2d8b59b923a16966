import MongoDriver
import PlaneAPI
import SyncCore

/// What a run needs to know of Plane before reading items: each mapped project's states, labels and
/// members, and the key's own user (to tell our writes from people's when there is no base).
struct PlaneContext: Sendable, Codable, Equatable {
    var ownUserId: String?
    var projects: [String: PlaneMetadata]
}

/// A project member as the members list shows it (no role there: roles come from the workspace's list),
/// and whether a write showed that Plane no longer takes them as an assignee.
struct PlaneProjectMember: Sendable, Codable, Hashable {
    var id: String
    var email: String
    var inactive = false
}

/// Reads Plane's metadata one part at a time (each part one request): the key's user, the workspace's
/// roles, and per project its details (the default assignee), states, labels and members. A first read of
/// everything goes in that order, so a refused key or a wrong `base_url` is what `users/me` says.
struct PlaneMetadataLoader: Sendable {
    let client: PlaneClient
    /// The integrations document read: a key or project Plane refuses is named by it and its field.
    var integrationId = ""
    /// The document's projects, for naming the field of one Plane refuses.
    var projectFields: [String: String] = [:]

    func ownUser() async throws -> String {
        try await refusedAddressOrKey { try await client.me().id }
    }

    /// Each workspace member's role (20 admin, 15 member, 5 guest).
    func roles() async throws -> [String: Int] {
        Dictionary(
            try await client.workspaceMembers().map { ($0.id, $0.role ?? PlaneWorkspaceMember.Role.member) },
            uniquingKeysWith: { first, _ in first })
    }

    /// The project's default assignee (nil when it has none).
    func defaultAssignee(project: String) async throws -> String? {
        try await refused(field: projectFields[project] ?? "projects[].plane_project_id", value: project) {
            try await client.project(id: project)
        }.defaultAssignee
    }

    func states(project: String) async throws -> [SyncCore.PlaneState] {
        try await client.states(project: project).filter { $0.isTriage != true }.map { state in
            SyncCore.PlaneState(
                id: state.id, name: state.name, group: state.group?.rawValue ?? "", isDefault: state.isDefault ?? false)
        }
    }

    func labels(project: String) async throws -> [SyncCore.PlaneLabel] {
        try await client.labels(project: project).map { SyncCore.PlaneLabel(id: $0.id, name: $0.name ?? "") }
    }

    func members(project: String) async throws -> [PlaneProjectMember] {
        try await client.projectMembers(project: project).map { PlaneProjectMember(id: $0.id, email: $0.email ?? "") }
    }

    /// Everything, in the order of a first read (tests and tools that keep no cache).
    func load(projects: [String]) async throws -> PlaneContext {
        let ownUserId = try await ownUser()
        let roles = try await roles()
        var metadata: [String: PlaneMetadata] = [:]
        for project in projects {
            let assignee = try await defaultAssignee(project: project)
            metadata[project] = PlaneMetadata(
                projectId: project, states: try await states(project: project),
                labels: try await labels(project: project),
                members: Self.members(try await members(project: project), roles: roles), defaultAssigneeId: assignee)
        }
        return PlaneContext(ownUserId: ownUserId, projects: metadata)
    }

    /// Project members with their workspace role (a member the workspace does not list is a guest there).
    static func members(_ members: [PlaneProjectMember], roles: [String: Int]) -> [PlaneMember] {
        members.map { member in
            PlaneMember(
                id: member.id, email: member.email, role: roles[member.id] ?? PlaneWorkspaceMember.Role.guest,
                isActive: !member.inactive)
        }
    }

    /// `users/me` is the first request: a 401 or 403 blames the key; no such endpoint (404, 405, a
    /// redirect) or an answer that is not Plane's JSON (a proxy's login page) blames `base_url`.
    private func refusedAddressOrKey<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await refused(field: "credentials", value: nil, codes: [.configuration, .forbidden], body)
        } catch let error as PlaneAPIError where [.notFound, .unexpectedStatus, .invalidResponse].contains(error.code) {
            throw stop(
                field: "base_url",
                "Plane's API is not at \(Redaction.display(client.configuration.baseURL)) "
                    + "(\(error.description)); set base_url to Plane's address, e.g. https://plane.example.com "
                    + "(the API is under /api/v1)")
        }
    }

    /// A refusal (bad key, unknown or forbidden project) is a configuration stop naming the document and
    /// the field to fix; outages stay outages.
    private func refused<T>(
        field: String, value: String?, codes: [PlaneAPIError.Code] = [.configuration, .forbidden, .notFound],
        _ body: () async throws -> T
    ) async throws -> T {
        do {
            return try await body()
        } catch let error as PlaneAPIError where codes.contains(error.code) {
            throw stop(field: field + (value.map { " (\($0))" } ?? ""), "Plane refused it: \(error.description)")
        }
    }

    private func stop(field: String, _ reason: String) -> RunStopped {
        RunStopped(
            kind: .configuration, reason: "integrations document \"\(integrationId)\", field \(field): \(reason)")
    }
}

extension Integration {
    /// `projects[N].plane_project_id` of each mapped Plane project (the first entry naming it).
    var planeProjectFields: [String: String] {
        var fields: [String: String] = [:]
        for (index, project) in projects.enumerated() where fields[project.planeProjectId] == nil {
            fields[project.planeProjectId] = "projects[\(index)].plane_project_id"
        }
        return fields
    }
}
