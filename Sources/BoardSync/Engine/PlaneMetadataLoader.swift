import MongoDriver
import PlaneAPI
import SyncCore

/// What a run needs to know of Plane before reading items: each mapped project's states, labels and
/// members, and the key's own user (to tell our writes from people's when there is no base).
struct PlaneContext: Sendable, Codable, Equatable {
    var ownUserId: String?
    var projects: [String: PlaneMetadata]
}

/// Reads states, labels and members of the mapped Plane projects, and the key's user, once per run.
struct PlaneMetadataLoader: Sendable {
    let client: PlaneClient
    /// The integrations document read: a key or project Plane refuses is named by it and its field.
    var integrationId = ""

    func load(projects: [String]) async throws -> PlaneContext {
        let ownUserId = try await refusedAddressOrKey { try await client.me().id }
        let roles = Dictionary(
            try await client.workspaceMembers().map { ($0.id, $0.role ?? PlaneWorkspaceMember.Role.member) },
            uniquingKeysWith: { first, _ in first })
        var metadata: [String: PlaneMetadata] = [:]
        for (index, project) in projects.enumerated() {
            let details = try await refused(field: "projects[\(index)].plane_project_id", value: project) {
                try await client.project(id: project)
            }
            let states = try await client.states(project: project).filter { $0.isTriage != true }.map { state in
                SyncCore.PlaneState(
                    id: state.id, name: state.name, group: state.group?.rawValue ?? "",
                    isDefault: state.isDefault ?? false)
            }
            let labels = try await client.labels(project: project).map {
                SyncCore.PlaneLabel(id: $0.id, name: $0.name ?? "")
            }
            let members = try await client.projectMembers(project: project).map { user in
                SyncCore.PlaneMember(
                    id: user.id, email: user.email ?? "", role: roles[user.id] ?? PlaneWorkspaceMember.Role.guest)
            }
            metadata[project] = PlaneMetadata(
                projectId: project, states: states, labels: labels, members: members,
                defaultAssigneeId: details.defaultAssignee)
        }
        return PlaneContext(ownUserId: ownUserId, projects: metadata)
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
