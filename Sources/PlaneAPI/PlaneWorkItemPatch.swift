/// A partial update of a work item: only the properties that are set are sent.
///
/// Nullable fields use ``PlanePatchValue`` so a field can be cleared with an explicit `null`.
/// `assignees` and `labels` replace the whole set. To clear a description send `<p></p>`:
/// Plane rejects an empty `description_html` with 400 "Invalid HTML passed".
public struct PlaneWorkItemPatch: Sendable, Hashable, Encodable {
    public var name: String?
    public var descriptionHTML: String?
    public var priority: PlanePriority?
    public var state: String?
    public var assignees: [String]?
    public var labels: [String]?
    public var parent: PlanePatchValue<String>?
    public var startDate: PlanePatchValue<PlaneDate>?
    public var targetDate: PlanePatchValue<PlaneDate>?
    public var estimatePoint: PlanePatchValue<String>?
    public var externalSource: PlanePatchValue<String>?
    public var externalID: PlanePatchValue<String>?
    public var sortOrder: Double?

    public init(
        name: String? = nil, descriptionHTML: String? = nil, priority: PlanePriority? = nil, state: String? = nil,
        assignees: [String]? = nil, labels: [String]? = nil, parent: PlanePatchValue<String>? = nil,
        startDate: PlanePatchValue<PlaneDate>? = nil, targetDate: PlanePatchValue<PlaneDate>? = nil,
        estimatePoint: PlanePatchValue<String>? = nil, externalSource: PlanePatchValue<String>? = nil,
        externalID: PlanePatchValue<String>? = nil, sortOrder: Double? = nil
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
        self.estimatePoint = estimatePoint
        self.externalSource = externalSource
        self.externalID = externalID
        self.sortOrder = sortOrder
    }

    /// True when the patch would send an empty object.
    public var isEmpty: Bool { self == PlaneWorkItemPatch() }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: PlaneWorkItem.CodingKeys.self)
        try container.encodeIfPresent(name, forKey: .name)
        try container.encodeIfPresent(descriptionHTML, forKey: .descriptionHTML)
        try container.encodeIfPresent(priority, forKey: .priority)
        try container.encodeIfPresent(state, forKey: .state)
        try container.encodeIfPresent(assignees, forKey: .assignees)
        try container.encodeIfPresent(labels, forKey: .labels)
        try container.encodePatch(parent, forKey: .parent)
        try container.encodePatch(startDate, forKey: .startDate)
        try container.encodePatch(targetDate, forKey: .targetDate)
        try container.encodePatch(estimatePoint, forKey: .estimatePoint)
        try container.encodePatch(externalSource, forKey: .externalSource)
        try container.encodePatch(externalID, forKey: .externalID)
        try container.encodeIfPresent(sortOrder, forKey: .sortOrder)
    }
}
