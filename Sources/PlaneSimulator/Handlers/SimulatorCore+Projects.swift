/// Project create (`POST workspaces/{slug}/projects/`): the creator becomes its admin and Plane's
/// default states are added. Enough for the recorded samples and for tests that need a fresh project.
extension SimulatorCore {
    /// Plane's states for a new project: name, color, group, sequence, default.
    static let defaultStates: [(String, String, String, Double, Bool)] = [
        ("Backlog", "#60646C", "backlog", 15_000, true), ("Todo", "#60646C", "unstarted", 25_000, false),
        ("In Progress", "#F59E0B", "started", 35_000, false), ("Done", "#46A758", "completed", 45_000, false),
        ("Cancelled", "#9AA4BC", "cancelled", 55_000, false), ("Triage", "#4E5355", "triage", 65_000, false),
    ]

    func createProject(_ request: SimRequest, userID: String) throws(PlaneError) -> SimResponse {
        let body = try parseBody(request)
        var errors: [(String, SimJSON)] = []
        let texts = requiredCharFields(body, ["name": 255, "identifier": 12], errors: &errors)
        let (name, identifier) = (texts["name"] ?? "", (texts["identifier"] ?? "").uppercased())
        guard errors.isEmpty else { throw .validation(errors) }
        if world.projects.values.contains(where: { $0.identifier == identifier }) {
            throw PlaneError(status: 409, body: ["error": "The project identifier is already taken"])
        }
        if world.projects.values.contains(where: { $0.name == name }) {
            throw PlaneError(status: 409, body: ["error": "The project name is already taken"])
        }
        let now = PlaneInstant.now
        let projectID = newID()
        let creator = MembershipRecord(
            id: PlaneWorld.membershipID(project: projectID, user: userID), userID: userID, role: 20, active: true)
        let project = ProjectRecord(
            id: projectID, name: name, identifier: identifier, defaultAssigneeID: nil, members: [creator],
            createdAt: now, createdBy: userID)
        world.projects[project.id] = project
        world.projectOrder.append(project.id)
        for (offset, state) in Self.defaultStates.enumerated() {
            let at = PlaneInstant(microseconds: now.microseconds + 1_000 + Int64(offset) * 30)
            let record = StateRecord(
                id: newID(), projectID: project.id, name: state.0, color: state.1, group: state.2, sequence: state.3,
                isDefault: state.4, createdAt: at, updatedAt: at, createdBy: userID)
            world.states[record.id] = record
        }
        return .json(201, world.renderProject(project, for: userID, tz))
    }
}
