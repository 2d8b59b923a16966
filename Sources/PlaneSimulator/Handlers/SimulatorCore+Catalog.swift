import Foundation

/// Users, members, projects, states and labels.
extension SimulatorCore {
    func newID() -> String { UUID().uuidString.lowercased() }

    func workspaceMembers() -> SimResponse {
        let members = world.users.values.filter { $0.workspaceRole != nil }.sorted { $0.email < $1.email }
        return .json(200, .array(members.map { world.renderUserLite($0).setting("role", .int($0.workspaceRole ?? 0)) }))
    }

    /// Former (inactive) members are listed too: Plane's query does not filter `is_active`.
    func projectMembers(_ projectID: String) -> SimResponse {
        let ids = world.projects[projectID]?.members.map(\.userID) ?? []
        return .json(200, .array(ids.compactMap { world.users[$0] }.map(world.renderUserLite)))
    }

    func listProjects(_ request: SimRequest, userID: String) throws(PlaneError) -> SimResponse {
        let pagination = try Pagination(request)
        let projects = world.projectOrder.compactMap { world.projects[$0] }.filter { $0.membership(userID) != nil }
        return .json(200, pagination.envelope(projects.map { world.renderProject($0, for: userID, tz) }))
    }

    func project(_ projectID: String, userID: String) throws(PlaneError) -> SimResponse {
        guard let project = world.projects[projectID] else { throw .notFound }
        return .json(200, world.renderProject(project, for: userID, tz))
    }

    func listStates(_ projectID: String, _ request: SimRequest) throws(PlaneError) -> SimResponse {
        let pagination = try Pagination(request)
        let states = world.states(in: projectID).filter { !$0.isTriage }
        return .json(200, pagination.envelope(states.map { world.renderState($0, tz) }))
    }

    /// State create answers 200, not 201; a duplicate name is 409 with the existing id.
    func createState(_ projectID: String, _ request: SimRequest, userID: String) throws(PlaneError) -> SimResponse {
        let body = try parseBody(request)
        var errors: [(String, SimJSON)] = []
        let texts = requiredCharFields(body, ["name": 255, "color": 255], errors: &errors)
        let (name, color) = (texts["name"] ?? "", texts["color"] ?? "")
        let group = body["group"]?.stringValue ?? "backlog"
        if body["group"] != nil,
            !["backlog", "unstarted", "started", "completed", "cancelled", "triage"].contains(group)
        {
            errors.append(("group", [.string("\"\(pythonString(body["group"] ?? nil))\" is not a valid choice.")]))
        }
        guard errors.isEmpty else { throw .validation(errors) }
        if group == "triage" { throw .nonField("Cannot create triage state") }
        if let existing = world.states(in: projectID).first(where: { $0.name == name }) {
            throw .conflict("State with the same name already exists in the project", id: existing.id)
        }
        let now = PlaneInstant.now
        let sequence = (world.states(in: projectID).map(\.sequence).max() ?? 0) + 15_000
        var state = StateRecord(
            id: newID(), projectID: projectID, name: name, color: color, group: group, sequence: sequence,
            isDefault: body["default"] == .bool(true), createdAt: now, updatedAt: now, createdBy: userID)
        state.description = body["description"]?.stringValue ?? ""
        state.externalID = body["external_id"]?.stringValue
        state.externalSource = body["external_source"]?.stringValue
        if state.isDefault {
            for other in world.states(in: projectID) { world.states[other.id]?.isDefault = false }
        }
        world.states[state.id] = state
        return .json(200, world.renderState(state, tz))
    }

    /// Labels are listed newest first.
    func listLabels(_ projectID: String, _ request: SimRequest) throws(PlaneError) -> SimResponse {
        let pagination = try Pagination(request)
        let labels = world.labels(in: projectID).sorted { $0.createdAt > $1.createdAt }
        return .json(200, pagination.envelope(labels.map { world.renderLabel($0, tz) }))
    }

    func createLabel(_ projectID: String, _ request: SimRequest, userID: String) throws(PlaneError) -> SimResponse {
        let body = try parseBody(request)
        guard let value = body["name"] else { throw .validation([("name", ["This field is required."])]) }
        let name: String
        switch charField(value, maxLength: 255, allowBlank: false) {
        case .success(let text): name = text
        case .failure(let message): throw .validation([("name", [.string(message.text)])])
        }
        if let existing = world.labels(in: projectID).first(where: { $0.name == name }) {
            throw .conflict("Label with the same name already exists in the project", id: existing.id)
        }
        let now = PlaneInstant.now
        var label = LabelRecord(
            id: newID(), projectID: projectID, name: name, color: body["color"]?.stringValue ?? "", createdAt: now,
            updatedAt: now, createdBy: userID)
        label.description = body["description"]?.stringValue ?? ""
        label.externalID = body["external_id"]?.stringValue
        label.externalSource = body["external_source"]?.stringValue
        world.labels[label.id] = label
        return .json(201, world.renderLabel(label, tz))
    }
}
