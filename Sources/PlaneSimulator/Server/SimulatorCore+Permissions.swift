extension SimulatorCore {
    /// Plane's permission classes: workspace membership for workspace routes; an active project
    /// membership for project routes, with role ≥ 15 for writes (label create: workspace role ≥ 15; a
    /// membership's PATCH or DELETE: project admin, role 20).
    /// Unknown slugs and projects fail the same way as missing rights.
    func isPermitted(_ route: PlaneRoute, method: String, userID: String) -> Bool {
        guard let slug = route.slug else { return true }
        guard slug == world.workspaceSlug, let user = world.users[userID], let workspaceRole = user.workspaceRole else {
            return false
        }
        let isWrite = !["GET", "HEAD", "OPTIONS"].contains(method)
        switch route {
        case .workspaceMembers:
            return workspaceRole >= 15
        case .projects, .project:
            return !isWrite || workspaceRole >= 15
        default:
            break
        }
        guard let projectID = route.projectID, let project = world.projects[projectID],
            let membership = project.membership(userID)
        else { return false }
        if !isWrite { return true }
        if case .labels = route { return workspaceRole >= 15 }
        if case .projectMember = route { return membership.role >= 20 }
        return membership.role >= 15
    }
}
