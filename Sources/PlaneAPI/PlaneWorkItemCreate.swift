/// The body of a work item create. Unset properties are left out, so Plane applies its
/// defaults (default state, default assignee, `<p></p>` description, priority `none`).
///
/// Send both ``externalSource`` and ``externalID``: only the pair makes Plane check for a
/// duplicate (409) and makes the item findable by ``PlaneClient/lookUpWorkItem(project:externalID:externalSource:)``.
public struct PlaneWorkItemCreate: Sendable, Hashable, Encodable {
    public var name: String
    public var descriptionHTML: String?
    public var priority: PlanePriority?
    public var state: String?
    public var assignees: [String]?
    public var labels: [String]?
    public var parent: String?
    public var startDate: PlaneDate?
    public var targetDate: PlaneDate?
    public var externalSource: String?
    public var externalID: String?

    public init(
        name: String, descriptionHTML: String? = nil, priority: PlanePriority? = nil, state: String? = nil,
        assignees: [String]? = nil, labels: [String]? = nil, parent: String? = nil, startDate: PlaneDate? = nil,
        targetDate: PlaneDate? = nil, externalSource: String? = nil, externalID: String? = nil
    ) {
        self.name = name
        self.descriptionHTML = descriptionHTML
        self.priority = priority
        self.state = state
        self.assignees = assignees
        self.labels = labels
        self.parent = parent
        self.startDate = startDate
        self.targetDate = targetDate
        self.externalSource = externalSource
        self.externalID = externalID
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: PlaneWorkItem.CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(descriptionHTML, forKey: .descriptionHTML)
        try container.encodeIfPresent(priority, forKey: .priority)
        try container.encodeIfPresent(state, forKey: .state)
        try container.encodeIfPresent(assignees, forKey: .assignees)
        try container.encodeIfPresent(labels, forKey: .labels)
        try container.encodeIfPresent(parent, forKey: .parent)
        try container.encodeIfPresent(startDate, forKey: .startDate)
        try container.encodeIfPresent(targetDate, forKey: .targetDate)
        try container.encodeIfPresent(externalSource, forKey: .externalSource)
        try container.encodeIfPresent(externalID, forKey: .externalID)
    }
}
