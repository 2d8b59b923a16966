/// `order_by` on the work item list: Plane's special cases (priority and state group ranks) and plain
/// model fields; an unknown field is a Django FieldError, which Plane answers with 500.
enum WorkItemOrdering {
    static let priorityRank = ["urgent": 0, "high": 1, "medium": 2, "low": 3, "none": 4]
    static let groupRank = ["backlog": 0, "unstarted": 1, "started": 2, "completed": 3, "cancelled": 4, "triage": 5]

    enum Key: Comparable {
        case int(Int64)
        case double(Double)
        case text(String)
    }

    static func sort(_ items: [WorkItemRecord], by orderBy: String, world: PlaneWorld) throws(PlaneError)
        -> [WorkItemRecord]
    {
        let descending = orderBy.hasPrefix("-")
        let field = descending ? String(orderBy.dropFirst()) : orderBy
        let key: (WorkItemRecord) -> Key?
        switch field {
        case "created_at": key = { .int($0.createdAt.microseconds) }
        case "updated_at": key = { .int($0.updatedAt.microseconds) }
        case "sequence_id": key = { .int(Int64($0.sequenceID)) }
        case "sort_order": key = { .double($0.sortOrder) }
        case "name": key = { .text($0.name) }
        case "id": key = { .text($0.id) }
        case "priority": key = { .int(Int64(priorityRank[$0.priority] ?? 5)) }
        case "state__group", "state__name":
            key = { item in .int(Int64(groupRank[item.stateID.flatMap { world.states[$0] }?.group ?? ""] ?? 6)) }
        case "start_date": key = { $0.startDate.map { .text($0) } }
        case "target_date": key = { $0.targetDate.map { .text($0) } }
        case "completed_at": key = { $0.completedAt.map { .int($0.microseconds) } }
        case "external_id": key = { $0.externalID.map { .text($0) } }
        case "external_source": key = { $0.externalSource.map { .text($0) } }
        case "labels__name":
            key = { item in item.labels.compactMap { world.labels[$0]?.name }.max().map { .text($0) } }
        case "assignees__first_name":
            key = { item in item.assignees.compactMap { world.users[$0]?.firstName }.max().map { .text($0) } }
        default: throw .serverError
        }
        // PostgreSQL puts NULLs last ascending and first descending; the sort is stable otherwise.
        let indexed = items.enumerated().map { ($0.offset, key($0.element), $0.element) }
        return indexed.sorted { lhs, rhs in
            switch (lhs.1, rhs.1) {
            case (nil, nil): return lhs.0 < rhs.0
            case (nil, _): return descending
            case (_, nil): return !descending
            case (let a?, let b?):
                if a == b { return lhs.0 < rhs.0 }
                return descending ? a > b : a < b
            }
        }.map(\.2)
    }
}
