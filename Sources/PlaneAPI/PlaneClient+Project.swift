import Foundation

extension PlaneClient {
    /// The project, e.g. to check a mapping before a run.
    public func project(id: String) async throws -> PlaneProject {
        let endpoint = PlaneEndpoint("GET", "/workspaces/{slug}/projects/{project_id}/", [slug, id])
        return try await call(endpoint, as: PlaneProject.self)
    }

    /// The key's own user (`users/me/`): checks the key and gives the id to recognise own writes.
    public func me() async throws -> PlaneUser {
        try await call(PlaneEndpoint("GET", "/users/me/", []), as: PlaneUser.self)
    }

    /// Every state of the project (triage excluded), in Plane's order.
    public func states(project: String) async throws -> [PlaneState] {
        try await allPages(PlaneEndpoint("GET", "/workspaces/{slug}/projects/{project_id}/states/", [slug, project]))
    }

    /// Creates a state (Plane answers 200). A taken name is ``PlaneAPIError/Code/duplicate`` with the existing id.
    public func createState(project: String, _ state: PlaneStateCreate) async throws -> PlaneState {
        let endpoint = PlaneEndpoint("POST", "/workspaces/{slug}/projects/{project_id}/states/", [slug, project])
        return try await call(endpoint, body: state, as: PlaneState.self)
    }

    /// Every label of the project.
    public func labels(project: String) async throws -> [PlaneLabel] {
        try await allPages(PlaneEndpoint("GET", "/workspaces/{slug}/projects/{project_id}/labels/", [slug, project]))
    }

    /// Creates a label. A taken name is ``PlaneAPIError/Code/duplicate`` with the existing id.
    public func createLabel(project: String, _ label: PlaneLabelCreate) async throws -> PlaneLabel {
        let endpoint = PlaneEndpoint("POST", "/workspaces/{slug}/projects/{project_id}/labels/", [slug, project])
        return try await call(endpoint, body: label, as: PlaneLabel.self)
    }

    /// Creates the label, or finds it by name through the 409 Plane answers with the existing id.
    public func createOrGetLabel(project: String, _ label: PlaneLabelCreate) async throws -> PlaneLabelResolution {
        do {
            let created = try await createLabel(project: project, label)
            return PlaneLabelResolution(id: created.id, created: true, label: created)
        } catch let error as PlaneAPIError where error.code == .duplicate {
            guard let id = error.objectID else { throw error }
            return PlaneLabelResolution(id: id, created: false, label: nil)
        }
    }

    /// The project's members (no role, and former members may appear; match people by email).
    public func projectMembers(project: String) async throws -> [PlaneUser] {
        try await allPages(PlaneEndpoint("GET", "/workspaces/{slug}/projects/{project_id}/members/", [slug, project]))
    }

    /// The workspace's members with their role (needs workspace Admin or Member).
    public func workspaceMembers() async throws -> [PlaneWorkspaceMember] {
        try await allPages(PlaneEndpoint("GET", "/workspaces/{slug}/members/", [slug]))
    }

    /// The links of a work item.
    public func links(project: String, workItem: String) async throws -> [PlaneLink] {
        try await allPages(PlaneEndpoint("GET", Self.linksTemplate, [slug, project, workItem], objectID: workItem))
    }

    /// Adds a link to a work item.
    public func createLink(project: String, workItem: String, _ link: PlaneLinkCreate) async throws -> PlaneLink {
        let endpoint = PlaneEndpoint("POST", Self.linksTemplate, [slug, project, workItem], objectID: workItem)
        return try await call(endpoint, body: link, as: PlaneLink.self)
    }

    static let linksTemplate = "/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/links/"

    /// Every item of a list endpoint, following pages when the body is paginated.
    func allPages<Item: Decodable & Sendable>(_ endpoint: PlaneEndpoint) async throws -> [Item] {
        let pages = PlanePageSequence<Item>(endpoint: endpoint.template) { cursor in
            var paged = endpoint
            if let cursor { paged.query = [.init(name: "cursor", value: cursor)] }
            return try await self.call(paged, as: PlaneListBody<Item>.self).page
        }
        return try await pages.collect()
    }
}
