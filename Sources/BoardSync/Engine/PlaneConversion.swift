import PlaneAPI
import SyncCore

/// Between PlaneAPI's models and SyncCore's values.
enum PlaneConversion {
    static func values(of item: PlaneWorkItem) -> PlaneValues {
        PlaneValues(
            name: item.name ?? "", descriptionHTML: item.descriptionHTML ?? "<p></p>", stateId: item.state?.id,
            priority: item.priority?.rawValue ?? "none", labelIds: item.labels?.map(\.id) ?? [],
            assigneeIds: item.assignees?.map(\.id) ?? [], startDate: item.startDate?.description,
            targetDate: item.targetDate?.description, parentId: item.parent?.id)
    }

    static func snapshot(of item: PlaneWorkItem, project: String) -> PlaneItemSnapshot {
        PlaneItemSnapshot(
            id: item.id, projectId: item.project?.id ?? project, values: values(of: item),
            externalSource: item.externalSource, externalId: item.externalID,
            updatedAtMicros: item.updatedAt?.microsecondsSinceEpoch ?? 0, updatedBy: item.updatedBy?.id,
            createdAtMicros: item.createdAt?.microsecondsSinceEpoch, isArchived: item.archivedAt != nil)
    }

    /// The POST body for a desired payload.
    static func create(_ payload: DesiredPayload) -> PlaneWorkItemCreate {
        let values = payload.values
        return PlaneWorkItemCreate(
            name: values.name, descriptionHTML: values.descriptionHTML,
            priority: PlanePriority(rawValue: values.priority),
            state: values.stateId, assignees: values.assigneeIds, labels: values.labelIds, parent: values.parentId,
            startDate: values.startDate.flatMap(PlaneDate.init), targetDate: values.targetDate.flatMap(PlaneDate.init),
            externalSource: payload.externalSource, externalID: payload.externalId)
    }

    /// A PATCH body holding only `changes`, each with its new value.
    static func patch(_ changes: [FieldChange]) -> PlaneWorkItemPatch {
        var patch = PlaneWorkItemPatch()
        for change in changes {
            let text: String? = if case .string(let text) = change.new { text } else { nil }
            let list: [String] = if case .list(let items) = change.new { items } else { [] }
            switch change.field {
            case .name: patch.name = text ?? ""
            case .descriptionHTML: patch.descriptionHTML = text ?? "<p></p>"
            case .state: patch.state = text
            case .priority: patch.priority = PlanePriority(rawValue: text ?? "none")
            case .labels: patch.labels = list
            case .assignees: patch.assignees = list
            case .startDate: patch.startDate = text.flatMap(PlaneDate.init).map { .set($0) } ?? .clear
            case .targetDate: patch.targetDate = text.flatMap(PlaneDate.init).map { .set($0) } ?? .clear
            case .parent: patch.parent = text.map { .set($0) } ?? .clear
            }
        }
        return patch
    }
}
