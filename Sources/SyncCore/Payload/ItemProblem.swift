/// Why a board item cannot be mirrored: a per-item failure, never a crash of the run.
public enum ItemProblem: Error, Sendable, Hashable {
    case titleMissing
    case titleEmpty
    /// Over 255 Unicode code points (how Plane counts), with the count found.
    case titleTooLong(codePoints: Int)
    case titleContainsNUL
    /// The status is neither in `mapping.status` nor the name of a Plane state.
    case unknownStatus(String)
    /// `mapping.status` names a Plane state the project does not have.
    case mappedStateMissing(status: String, stateName: String)
    /// No status and the Plane project has no default state.
    case noDefaultState
    case startAfterDue(start: String, due: String)
    case parentInOtherProject(parent: BoardItemID, planeProjectId: String)
    case parentIsSelf
    case parentCycle([BoardItemID])
    case unknownTimeZone(String)
    /// A string `_id` equal to another item's ObjectId hex: not mirrored while the other holds the id.
    case idCollision(BoardItemID)
    /// The `_id` as text is over 255 code points, more than Plane's `external_id` holds.
    case externalIdTooLong(codePoints: Int)
    /// More labels than `policy.max_labels_per_item` allows.
    case tooManyLabels(count: Int, max: Int)

    /// A message naming the item and what to do.
    public func message(for item: BoardItemID) -> String {
        let subject = "Board item \(item)"
        switch self {
        case .titleMissing:
            return "\(subject) has no title; give it a title on the board."
        case .titleEmpty:
            return "\(subject) has an empty title; give it a title on the board."
        case .titleTooLong(let count):
            return "\(subject) has a title of \(count) Unicode code points; Plane allows 255. Shorten it on the board."
        case .titleContainsNUL:
            return "\(subject) has a NUL character in its title; remove it on the board."
        case .unknownStatus(let status):
            return
                "\(subject) has status \"\(status)\", which mapping.status does not map and no Plane state is named; "
                + "add it to mapping.status."
        case .mappedStateMissing(let status, let stateName):
            return
                "\(subject): status \"\(status)\" maps to Plane state \"\(stateName)\", which the Plane project lacks; "
                + "create the state or fix mapping.status."
        case .noDefaultState:
            return "\(subject) has no status and the Plane project has no default state; set a status or a default."
        case .startAfterDue(let start, let due):
            return "\(subject) starts \(start), after its due date \(due); fix the dates on the board."
        case .parentInOtherProject(let parent, let project):
            return
                "\(subject) has parent \(parent), mirrored in another Plane project (\(project)); "
                + "Plane allows parents in the same project only. Move one of them."
        case .parentIsSelf:
            return "\(subject) is its own parent; fix parent_id on the board."
        case .parentCycle(let cycle):
            return
                "\(subject) is in a parent cycle (\(cycle.map(\.description).joined(separator: " → "))); "
                + "fix parent_id on the board."
        case .unknownTimeZone(let zone):
            return "\(subject) cannot be dated: mapping.timezone \"\(zone)\" is not a known time zone; fix the mapping."
        case .externalIdTooLong(let count):
            return "\(subject) has an id of \(count) code points; Plane's external_id holds 255. Give it a shorter id."
        case .tooManyLabels(let count, let max):
            return
                "\(subject) has \(count) labels; policy.max_labels_per_item allows \(max). Remove labels on the board "
                + "or raise the limit in the integration document."
        case .idCollision(let other):
            return
                "\(subject) has the same external id as \(other) (a string _id equal to an ObjectId's hex); it is not "
                + "mirrored while \(other) holds that id in Plane. Rename one of them on the board."
        }
    }
}

/// A problem reported on an item that still syncs (what Plane would silently drop, and so on).
public enum PayloadNote: Sendable, Hashable {
    /// No Plane member has this email.
    case unknownAssignee(String)
    /// The member is a guest (role < 15); Plane would drop the assignment.
    case guestAssignee(String)
    /// The member is no longer active; Plane would drop the assignment.
    case inactiveAssignee(String)
    /// The priority is neither mapped nor one of Plane's; sent as `none`.
    case unmappedPriority(String)
    /// The label does not exist in the Plane project; a `createLabel` action precedes the write.
    case labelToCreate(String)
    /// The Plane item was deleted by hand; it is created again from the board.
    case recreatedAfterHandDelete(previousPlaneItemId: String)

    public func message(for item: BoardItemID) -> String {
        let subject = "Board item \(item)"
        switch self {
        case .unknownAssignee(let email):
            return "\(subject): assignee \(email) is not a member of the Plane workspace; invite them or fix the email."
        case .guestAssignee(let email):
            return "\(subject): assignee \(email) is a guest in Plane and cannot be assigned; make them a member."
        case .inactiveAssignee(let email):
            return "\(subject): assignee \(email) is no longer an active Plane member; reactivate or reassign."
        case .unmappedPriority(let priority):
            return "\(subject): priority \"\(priority)\" is not mapped; sent as none. Add it to mapping.priority."
        case .labelToCreate(let name):
            return "\(subject): label \"\(name)\" is created in Plane."
        case .recreatedAfterHandDelete(let previous):
            return "\(subject): its Plane item \(previous) was deleted by hand; it is created again from the board."
        }
    }
}
