/// What BoardSync wants Plane to hold for one board item.
public struct DesiredPayload: Sendable, Hashable {
    public var boardItemId: BoardItemID
    public var planeProjectId: String
    /// The values to send (the label ids the board owns; merged with Plane's under `merge` by the reconciler).
    public var values: PlaneValues
    public var externalSource: String
    public var externalId: String
    /// Label names that do not exist in the Plane project yet; created by `createLabel` actions first.
    public var missingLabels: [String]
    /// The parent is created in the same plan: its new Plane id goes into `parent` at apply time.
    public var pendingParent: BoardItemID?
    /// Non-fatal problems, reported once on the item.
    public var notes: [PayloadNote]

    public init(
        boardItemId: BoardItemID, planeProjectId: String, values: PlaneValues, externalSource: String,
        externalId: String, missingLabels: [String] = [], pendingParent: BoardItemID? = nil, notes: [PayloadNote] = []
    ) {
        self.boardItemId = boardItemId
        self.planeProjectId = planeProjectId
        self.values = values
        self.externalSource = externalSource
        self.externalId = externalId
        self.missingLabels = missingLabels
        self.pendingParent = pendingParent
        self.notes = notes
    }
}

/// Where an item's parent stands in Plane.
public enum ParentResolution: Sendable, Hashable {
    /// The item has no parent.
    case none
    /// The parent is in Plane.
    case inPlane(planeProjectId: String, planeItemId: String)
    /// The parent is created earlier in the same plan.
    case pendingInPlan(BoardItemID)
    /// The parent has no Plane id and is not created in this plan: the child waits.
    case notYetInPlane(BoardItemID)
}

/// The result of building a payload.
public enum PayloadOutcome: Sendable, Hashable {
    case ready(DesiredPayload)
    case problem(ItemProblem)
    case waitingForParent(BoardItemID)
}
