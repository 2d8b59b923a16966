/// One state, label or membership: `GET|PATCH|DELETE .../states/{id}/`, `.../labels/{id}/`, `.../members/{id}/`,
/// answered like Plane's `StateDetailAPIEndpoint`, `LabelDetailAPIEndpoint` and `ProjectMemberDetailAPIEndpoint`.
extension SimulatorCore {
    /// GET hides triage states (404); PATCH reaches them; DELETE refuses the default state and one that still
    /// has items (soft-deleted items do not count, archived ones do), each 400 with `error`.
    func state(_ method: String, _ projectID: String, _ stateID: String, _ request: SimRequest) throws(PlaneError)
        -> SimResponse
    {
        guard let state = world.states[stateID], state.projectID == projectID else { throw .notFound }
        switch method {
        case "GET":
            guard !state.isTriage else { throw .notFound }
            return .json(200, world.renderState(state, tz))
        case "PATCH": return try patchState(state, request)
        case "DELETE":
            guard !state.isTriage else { throw .notFound }
            if state.isDefault { throw PlaneError(status: 400, body: ["error": "Default state cannot be deleted"]) }
            if world.items.values.contains(where: { $0.deletedAt == nil && $0.stateID == stateID }) {
                throw PlaneError(
                    status: 400, body: ["error": "The state is not empty, only empty states can be deleted"])
            }
            world.states[stateID] = nil
            return SimResponse(status: 204)
        default: throw .methodNotAllowed(method)
        }
    }

    private func patchState(_ original: StateRecord, _ request: SimRequest) throws(PlaneError) -> SimResponse {
        let body = try parseBody(request)
        var state = original
        var errors: [(String, SimJSON)] = []
        if let name = text(body, "name", allowBlank: false, &errors) { state.name = name }
        if let color = text(body, "color", allowBlank: false, &errors) { state.color = color }
        if let description = text(body, "description", allowBlank: true, &errors) { state.description = description }
        if let value = body["group"] {
            let groups = ["backlog", "unstarted", "started", "completed", "cancelled", "triage"]
            if let group = value.stringValue, groups.contains(group) {
                state.group = group
            } else {
                errors.append(("group", [.string("\"\(pythonString(value))\" is not a valid choice.")]))
            }
        }
        external(body, &state.externalID, &state.externalSource, &errors)
        guard errors.isEmpty else { throw .validation(errors) }
        if body["group"]?.stringValue == "triage" { throw .nonField("Cannot create triage state") }
        // The serializer's validate() clears the other defaults before the view's checks.
        if body["default"] == .bool(true) {
            for other in world.states(in: original.projectID) { world.states[other.id]?.isDefault = false }
            state.isDefault = true
        }
        if let externalID = body["external_id"]?.stringValue, !externalID.isEmpty, externalID != original.externalID,
            world.states(in: original.projectID).contains(where: {
                $0.externalID == externalID && $0.externalSource == state.externalSource
            })
        {
            throw .conflict("State with the same external id and external source already exists", id: original.id)
        }
        // A taken name fails on the database's unique constraint: Plane's handler answers IntegrityError so.
        if world.states(in: original.projectID).contains(where: { $0.id != original.id && $0.name == state.name }) {
            throw PlaneError(status: 400, body: ["error": "The payload is not valid"])
        }
        state.updatedAt = .now
        world.states[state.id] = state
        return .json(200, world.renderState(state, tz))
    }

    /// DELETE soft-deletes the label and, like Plane's deletion task, the label's item associations: items
    /// no longer carry it, and their `updated_at` does not move.
    func label(_ method: String, _ projectID: String, _ labelID: String, _ request: SimRequest) throws(PlaneError)
        -> SimResponse
    {
        guard let label = world.labels[labelID], label.projectID == projectID else { throw .notFound }
        switch method {
        case "GET": return .json(200, world.renderLabel(label, tz))
        case "PATCH": return try patchLabel(label, request)
        case "DELETE":
            world.labels[labelID] = nil
            for (id, item) in world.items where item.labels.contains(labelID) {
                world.items[id]?.labels.removeAll { $0 == labelID }
            }
            return SimResponse(status: 204)
        default: throw .methodNotAllowed(method)
        }
    }

    private func patchLabel(_ original: LabelRecord, _ request: SimRequest) throws(PlaneError) -> SimResponse {
        let body = try parseBody(request)
        var label = original
        var errors: [(String, SimJSON)] = []
        if let name = text(body, "name", allowBlank: false, &errors) { label.name = name }
        if let color = text(body, "color", allowBlank: true, &errors) { label.color = color }
        if let description = text(body, "description", allowBlank: true, &errors) { label.description = description }
        external(body, &label.externalID, &label.externalSource, &errors)
        guard errors.isEmpty else { throw .validation(errors) }
        if let externalID = body["external_id"]?.stringValue, !externalID.isEmpty,
            let source = body["external_source"]?.stringValue, !source.isEmpty,
            world.labels(in: original.projectID).contains(where: {
                $0.id != original.id && $0.externalID == externalID && $0.externalSource == source
            })
        {
            throw .conflict("Label with the same external id and external source already exists", id: original.id)
        }
        if world.labels(in: original.projectID).contains(where: { $0.id != original.id && $0.name == label.name }) {
            throw PlaneError(status: 400, body: ["error": "The payload is not valid"])
        }
        label.updatedAt = .now
        world.labels[label.id] = label
        return .json(200, world.renderLabel(label, tz))
    }

    /// GET finds former members too and answers the user; PATCH (role, member) answers `{id, member, role}`;
    /// DELETE only deactivates: the list still shows the user (Plane does not filter `is_active`), but work
    /// item writes drop them as assignees without an error, and items keep the assignments they had.
    func projectMember(_ method: String, _ projectID: String, _ membershipID: String, _ request: SimRequest)
        throws(PlaneError) -> SimResponse
    {
        guard let membership = world.membership(id: membershipID, in: projectID),
            let index = world.projects[projectID]?.members.firstIndex(where: { $0.id == membershipID })
        else { throw .notFound }
        switch method {
        case "GET":
            guard let user = world.users[membership.userID] else { throw .notFound }
            return .json(200, world.renderUserLite(user))
        case "PATCH":
            var updated = membership
            try patchMembership(&updated, request)
            world.projects[projectID]?.members[index] = updated
            return .json(
                200, ["id": .string(updated.id), "member": .string(updated.userID), "role": .int(updated.role)])
        case "DELETE":
            world.projects[projectID]?.members[index].active = false
            return SimResponse(status: 204)
        default: throw .methodNotAllowed(method)
        }
    }

    private func patchMembership(_ membership: inout MembershipRecord, _ request: SimRequest) throws(PlaneError) {
        let body = try parseBody(request)
        var errors: [(String, SimJSON)] = []
        if let value = body["member"] {
            switch primaryKey(value, exists: { world.users[$0] != nil }) {
            case .success(let id?) where world.users[id]?.workspaceRole != nil: membership.userID = id
            case .success(.some): errors.append(("member", ["Member not found in workspace"]))
            case .success(nil): errors.append(("member", ["This field may not be null."]))
            case .failure(let message): errors.append(("member", [.string(message.text)]))
            }
        }
        if let value = body["role"] {
            if let role = value.intValue {
                if [20, 15, 5].contains(role) {
                    membership.role = role
                } else {
                    errors.append(("role", ["Invalid role"]))
                }
            } else {
                errors.append(("role", ["A valid integer is required."]))
            }
        }
        guard errors.isEmpty else { throw .validation(errors) }
    }

    /// A PATCH's `CharField` (≤ 255): the value when present and valid; an error recorded otherwise.
    private func text(_ body: SimJSON, _ field: String, allowBlank: Bool, _ errors: inout [(String, SimJSON)])
        -> String?
    {
        guard let value = body[field] else { return nil }
        switch charField(value, maxLength: field == "description" ? nil : 255, allowBlank: allowBlank) {
        case .success(let text): return text
        case .failure(let message):
            errors.append((field, [.string(message.text)]))
            return nil
        }
    }

    /// `external_id` / `external_source`: nullable strings of at most 255.
    private func external(
        _ body: SimJSON, _ externalID: inout String?, _ externalSource: inout String?,
        _ errors: inout [(String, SimJSON)]
    ) {
        for field in ["external_id", "external_source"] {
            guard let value = body[field] else { continue }
            var parsed: String?
            if !value.isNull {
                switch charField(value, maxLength: 255, allowBlank: true) {
                case .success(let text): parsed = text
                case .failure(let message):
                    errors.append((field, [.string(message.text)]))
                    continue
                }
            }
            if field == "external_id" { externalID = parsed } else { externalSource = parsed }
        }
    }
}
