/// One step of a plan, naming the board item and the Plane item it concerns.
public struct PlannedAction: Sendable, Hashable {
    /// Nil only for `createLabel`.
    public var boardItemId: BoardItemID?
    public var planeProjectId: String?
    /// The Plane item acted on (nil for a create, a label, or an item never mirrored).
    public var planeItemId: String?
    public var action: SyncAction
    /// The input fingerprint to store on the link once the action succeeded; on a skip that records why the
    /// item is not mirrored (``LinkRecord``), the fingerprint it was decided on.
    public var inputFingerprint: String?
    /// Non-fatal problems to report once with this item.
    public var notes: [PayloadNote]
    /// The desired payload behind a write (labels to own, missing labels, pending parent), if any.
    public var payload: DesiredPayload? {
        get { payloadBox?.value }
        set { payloadBox = newValue.map(PayloadBox.init) }
    }
    /// Boxed: a plan copies its actions several times over, and the payload is most of an action.
    private var payloadBox: PayloadBox?

    public init(
        boardItemId: BoardItemID?, planeProjectId: String?, planeItemId: String?, action: SyncAction,
        inputFingerprint: String? = nil, notes: [PayloadNote] = [], payload: DesiredPayload? = nil
    ) {
        self.boardItemId = boardItemId
        self.planeProjectId = planeProjectId
        self.planeItemId = planeItemId
        self.action = action
        self.inputFingerprint = inputFingerprint
        self.notes = notes
        self.payloadBox = payload.map(PayloadBox.init)
    }

    public var kind: SyncActionKind { action.kind }

    /// Writes to Plane this action costs (upper bound).
    public var estimatedWrites: Int {
        switch action {
        case .createLabel, .create, .settleCreating, .update, .delete, .recreate: return 1
        case .adopt(let changes), .relink(_, let changes): return changes.isEmpty ? 0 : 1
        case .unlink, .conflict, .skip: return 0
        }
    }

    /// Reads from Plane this action costs (the lookup before a POST).
    public var estimatedReads: Int {
        if case .settleCreating = action { return 1 }
        return 0
    }
}

/// A ``DesiredPayload`` behind one reference, compared and hashed by value.
final class PayloadBox: Sendable, Hashable {
    let value: DesiredPayload

    init(_ value: DesiredPayload) { self.value = value }

    static func == (lhs: PayloadBox, rhs: PayloadBox) -> Bool { lhs === rhs || lhs.value == rhs.value }
    func hash(into hasher: inout Hasher) { hasher.combine(value) }
}
