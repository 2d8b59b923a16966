/// JSON shapes of Plane's v1 serializers, keys in the order Plane writes them.
extension PlaneWorld {
    func renderUserLite(_ user: UserRecord) -> SimJSON {
        [
            "id": .string(user.id), "first_name": .string(user.firstName), "last_name": .string(user.lastName),
            "email": .string(user.email), "avatar": "", "avatar_url": nil, "display_name": .string(user.displayName),
        ]
    }

    func renderUser(id: String?) -> SimJSON {
        guard let id, let user = users[id] else { return .optional(id) }
        return renderUserLite(user)
    }

    func renderState(_ state: StateRecord, _ tz: PlaneTimezone) -> SimJSON {
        [
            "id": .string(state.id), "created_at": .string(tz.render(state.createdAt)),
            "updated_at": .string(tz.render(state.updatedAt)), "deleted_at": nil, "name": .string(state.name),
            "description": .string(state.description), "color": .string(state.color), "slug": "",
            "sequence": .double(state.sequence), "group": .string(state.group), "is_triage": .bool(state.isTriage),
            "default": .bool(state.isDefault), "external_source": .optional(state.externalSource),
            "external_id": .optional(state.externalID), "created_by": .optional(state.createdBy), "updated_by": nil,
            "project": .string(state.projectID), "workspace": .string(workspaceID),
        ]
    }

    func renderLabel(_ label: LabelRecord, _ tz: PlaneTimezone) -> SimJSON {
        [
            "id": .string(label.id), "created_at": .string(tz.render(label.createdAt)),
            "updated_at": .string(tz.render(label.updatedAt)), "deleted_at": nil, "name": .string(label.name),
            "description": .string(label.description), "color": .string(label.color),
            "sort_order": .double(label.sortOrder), "external_source": .optional(label.externalSource),
            "external_id": .optional(label.externalID), "created_by": .optional(label.createdBy), "updated_by": nil,
            "workspace": .string(workspaceID), "project": .string(label.projectID), "parent": .optional(label.parent),
        ]
    }

    func renderLink(_ link: LinkRecord, _ tz: PlaneTimezone) -> SimJSON {
        [
            "id": .string(link.id), "created_at": .string(tz.render(link.createdAt)),
            "updated_at": .string(tz.render(link.updatedAt)), "deleted_at": nil, "title": .optional(link.title),
            "url": .string(link.url), "metadata": [:], "created_by": .optional(link.createdBy),
            "updated_by": .optional(link.createdBy), "project": .string(link.projectID),
            "workspace": .string(workspaceID), "issue": .string(link.itemID),
        ]
    }

    func renderProject(_ project: ProjectRecord, for userID: String, _ tz: PlaneTimezone) -> SimJSON {
        let at = SimJSON.string(tz.render(project.createdAt))
        let role = project.membership(userID).map { SimJSON.int($0.role) } ?? .null
        return [
            "id": .string(project.id), "total_members": .int(project.members.filter(\.active).count),
            "total_cycles": 0, "total_modules": 0, "is_member": .bool(project.membership(userID) != nil),
            "member_role": role, "is_deployed": false, "cover_image_url": nil, "created_at": at, "updated_at": at,
            "deleted_at": nil, "name": .string(project.name), "description": "", "description_text": nil,
            "description_html": nil, "network": 2, "identifier": .string(project.identifier), "emoji": nil,
            "icon_prop": nil, "module_view": false, "cycle_view": false, "issue_views_view": false, "page_view": true,
            "intake_view": false, "is_time_tracking_enabled": false, "is_issue_type_enabled": false,
            "guest_view_all_features": false, "cover_image": nil, "archive_in": 0, "close_in": 0,
            "logo_props": ["icon": ["name": "eco", "color": "#6d7b8a"], "in_use": "icon"], "archived_at": nil,
            "timezone": "UTC", "external_source": nil, "external_id": nil, "created_by": .optional(project.createdBy),
            "updated_by": nil, "workspace": .string(workspaceID),
            "default_assignee": .optional(project.defaultAssigneeID),
            "project_lead": nil, "cover_image_asset": nil, "estimate": nil, "default_state": nil,
        ]
    }

    /// Plane's `IssueSerializer` output; `expand` swaps ids for objects, `fields` keeps only the named keys.
    func renderItem(
        _ item: WorkItemRecord, _ tz: PlaneTimezone, expand: [String] = [], fields: [String]? = nil,
        createdAtOverride: PlaneInstant? = nil
    ) -> SimJSON {
        var pairs: [(String, SimJSON)] = [
            ("id", .string(item.id)), ("type_id", nil),
            ("created_at", .string(tz.render(createdAtOverride ?? item.createdAt))),
            ("updated_at", .string(tz.render(item.updatedAt))),
            ("deleted_at", item.deletedAt.map { .string(tz.render($0)) } ?? nil),
            ("point", item.point.map { .int($0) } ?? nil), ("name", .string(item.name)),
            ("description_html", .string(item.descriptionHTML)), ("description_binary", nil),
            ("priority", .string(item.priority)), ("start_date", .optional(item.startDate)),
            ("target_date", .optional(item.targetDate)), ("sequence_id", .int(item.sequenceID)),
            ("sort_order", .double(item.sortOrder)),
            ("completed_at", item.completedAt.map { .string(tz.render($0)) } ?? nil),
            ("archived_at", .optional(item.archivedAt)), ("is_draft", false),
            ("external_source", .optional(item.externalSource)), ("external_id", .optional(item.externalID)),
            ("created_by", .optional(item.createdBy)), ("updated_by", .optional(item.updatedBy)),
            ("project", .string(item.projectID)), ("workspace", .string(workspaceID)),
            ("parent", .optional(item.parentID)), ("state", .optional(item.stateID)), ("estimate_point", nil),
            ("type", nil), ("assignees", .array(item.assignees.map { .string($0) })),
            ("labels", .array(item.labels.map { .string($0) })),
        ]
        for key in expand {
            guard let index = pairs.firstIndex(where: { $0.0 == key }) else { continue }
            let value = expanded(key, item, tz)
            if key == "assignees" || key == "labels" {
                pairs.remove(at: index)
                pairs.append((key, value))
            } else {
                pairs[index].1 = value
            }
        }
        if let fields {
            pairs = pairs.filter { fields.contains($0.0) }
        }
        return .object(pairs)
    }

    private func expanded(_ key: String, _ item: WorkItemRecord, _ tz: PlaneTimezone) -> SimJSON {
        switch key {
        case "state":
            guard let id = item.stateID, let state = states[id] else { return .optional(item.stateID) }
            return [
                "id": .string(state.id), "name": .string(state.name), "color": .string(state.color),
                "group": .string(state.group),
            ]
        case "labels":
            return .array(item.labels.compactMap { labels[$0] }.map { renderLabel($0, tz) })
        case "assignees":
            return .array(item.assignees.compactMap { users[$0] }.map(renderUserLite))
        case "parent":
            guard let id = item.parentID, let parent = items[id] else { return .optional(item.parentID) }
            return [
                "id": .string(parent.id), "sequence_id": .int(parent.sequenceID),
                "project_id": .string(parent.projectID),
            ]
        case "created_by": return renderUser(id: item.createdBy)
        case "updated_by": return renderUser(id: item.updatedBy)
        case "workspace":
            return ["name": .string(workspaceName), "slug": .string(workspaceSlug), "id": .string(workspaceID)]
        case "project":
            guard let project = projects[item.projectID] else { return .string(item.projectID) }
            return [
                "id": .string(project.id), "identifier": .string(project.identifier), "name": .string(project.name),
                "cover_image": nil, "logo_props": ["icon": ["name": "eco", "color": "#6d7b8a"], "in_use": "icon"],
                "description": "",
            ]
        default: return nil
        }
    }
}
