/// A validated work item body: what Plane's `IssueSerializer` accepts, after its field checks and `validate()`.
/// `.some(nil)` means "set to null".
struct WorkItemInput: Sendable {
    var name: String?
    var descriptionHTML: String?
    var priority: String?
    var stateID: String??
    var parentID: String??
    var assignees: [String]?
    var labels: [String]?
    var startDate: String??
    var targetDate: String??
    var externalID: String??
    var externalSource: String??
    var createdBy: String?

    static let priorities = ["urgent", "high", "medium", "low", "none"]

    /// Validates `body` for a create (`partial == false`) or a PATCH, in project `projectID`.
    static func validate(
        _ body: SimJSON, world: PlaneWorld, projectID: String, partial: Bool
    ) throws(PlaneError) -> WorkItemInput {
        guard case .object = body else {
            let message = "Invalid data. Expected a dictionary, but got \(typeName(body))."
            throw .validation([("non_field_errors", [.string(message)])])
        }
        var input = WorkItemInput()
        var errors: [(String, SimJSON)] = []
        func record(_ field: String, _ message: String) { errors.append((field, [.string(message)])) }

        if let value = body["name"] {
            switch charField(value, maxLength: 255, allowBlank: false) {
            case .success(let name): input.name = name
            case .failure(let message): record("name", message.text)
            }
        } else if !partial {
            record("name", "This field is required.")
        }
        if let value = body["description_html"] {
            switch charField(value, maxLength: nil, allowBlank: true) {
            case .success(let html): input.descriptionHTML = html
            case .failure(let message): record("description_html", message.text)
            }
        }
        if let value = body["priority"] {
            let text = pythonString(value)
            if case .string(let priority) = value, priorities.contains(priority) {
                input.priority = priority
            } else if value.isNull {
                record("priority", "This field may not be null.")
            } else {
                record("priority", "\"\(text)\" is not a valid choice.")
            }
        }
        for field in ["start_date", "target_date"] {
            guard let value = body[field] else { continue }
            var parsed: String?? = .some(nil)
            if !value.isNull {
                guard let text = value.stringValue, let date = CivilDate.normalise(text) else {
                    record(field, "Date has wrong format. Use one of these formats instead: YYYY-MM-DD.")
                    continue
                }
                parsed = .some(date)
            }
            if field == "start_date" { input.startDate = parsed } else { input.targetDate = parsed }
        }
        if let value = body["state"] {
            switch primaryKey(value, exists: { world.states[$0] != nil }) {
            case .success(let id): input.stateID = .some(id)
            case .failure(let message): record("state", message.text)
            }
        }
        if let value = body["parent"] {
            switch primaryKey(value, exists: { world.items[$0].map { $0.deletedAt == nil } ?? false }) {
            case .success(let id): input.parentID = .some(id)
            case .failure(let message): record("parent", message.text)
            }
        }
        for field in ["assignees", "labels"] {
            guard let value = body[field] else { continue }
            guard let elements = value.arrayValue else {
                record(field, "Expected a list of items but got type \"\(typeName(value))\".")
                continue
            }
            var ids: [String] = []
            for element in elements {
                let exists: (String) -> Bool =
                    field == "assignees" ? { world.users[$0] != nil } : { world.labels[$0] != nil }
                switch primaryKey(element, exists: exists) {
                case .success(let id?): if !ids.contains(id) { ids.append(id) }
                case .success(nil): record(field, "This field may not be null.")
                case .failure(let message): record(field, message.text)
                }
            }
            if field == "assignees" { input.assignees = ids } else { input.labels = ids }
        }
        for field in ["external_id", "external_source"] {
            guard let value = body[field] else { continue }
            var parsed: String?? = .some(nil)
            if !value.isNull {
                switch charField(value, maxLength: 255, allowBlank: true) {
                case .success(let text): parsed = .some(text)
                case .failure(let message):
                    record(field, message.text)
                    continue
                }
            }
            if field == "external_id" { input.externalID = parsed } else { input.externalSource = parsed }
        }
        if !partial, let creator = body["created_by"]?.stringValue, world.users[creator] != nil {
            input.createdBy = creator
        }
        guard errors.isEmpty else { throw .validation(errors) }
        try input.validateObject(world: world, projectID: projectID)
        return input
    }

    /// The serializer's `validate()`: dates, HTML, silent assignee/label filtering, state and parent project.
    private mutating func validateObject(world: PlaneWorld, projectID: String) throws(PlaneError) {
        if let start = startDate ?? nil, let target = targetDate ?? nil, start > target {
            throw .nonField("Start date cannot exceed target date")
        }
        if let html = descriptionHTML {
            guard let rewritten = HTMLRewriter.rewrite(html) else { throw .nonField("Invalid HTML passed") }
            descriptionHTML = rewritten
        }
        assignees = assignees?.filter { world.isAssignable($0, in: projectID) }
        labels = labels?.filter { world.labels[$0]?.projectID == projectID }
        if let state = stateID ?? nil, world.states[state]?.projectID != projectID {
            throw .nonField("State is not valid please pass a valid state_id")
        }
        if let parent = parentID ?? nil, world.items[parent]?.projectID != projectID {
            throw .nonField("Parent is not valid issue_id please pass a valid issue_id")
        }
    }
}
