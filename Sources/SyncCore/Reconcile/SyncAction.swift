/// What to do for one item (or one label).
/// `indirect`: a plan copies its actions several times over; boxed cases keep each copy to one reference.
public indirect enum SyncAction: Sendable, Hashable {
    /// Create a label missing from the Plane project before the items that need it.
    case createLabel(name: String)
    /// POST the item (the executor writes a `creating` link first).
    case create(DesiredPayload)
    /// A `creating` link or a lost POST: look the external pair up first, adopt if found, POST only if not.
    case settleCreating(DesiredPayload)
    /// PATCH only `changes` (old = base or Plane's value, new = what to send); `overwritten` lists
    /// hand edits in Plane being replaced (policy `overwrite`), for the report.
    case update(changes: [FieldChange], overwritten: [FieldChange])
    case delete(reason: DeleteReason)
    /// The Plane item was deleted by hand: create it again (the board is authoritative).
    case recreate(previousPlaneItemId: String, payload: DesiredPayload)
    /// Plane already holds our external pair: link to it, then PATCH `changes` (may be empty).
    case adopt(changes: [FieldChange])
    /// The link pointed elsewhere (`from`); the pair now lives at the action's Plane item.
    case relink(fromPlaneItemId: String?, changes: [FieldChange])
    /// Stop mirroring; the Plane item stays.
    case unlink(reason: UnlinkReason)
    case conflict(Conflict)
    case skip(SkipReason)

    public var kind: SyncActionKind {
        switch self {
        case .createLabel: return .createLabel
        case .create: return .create
        case .settleCreating: return .settleCreating
        case .update: return .update
        case .delete: return .delete
        case .recreate: return .recreate
        case .adopt: return .adopt
        case .relink: return .relink
        case .unlink: return .unlink
        case .conflict: return .conflict
        case .skip: return .skip
        }
    }
}

public enum SyncActionKind: String, Sendable, Hashable, CaseIterable, Comparable {
    case createLabel, create, settleCreating, update, delete, recreate, adopt, relink, unlink, conflict, skip

    public static func < (lhs: SyncActionKind, rhs: SyncActionKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

public enum DeleteReason: Sendable, Hashable {
    /// The board item was deleted (soft or hard).
    case boardItemDeleted
    /// The board item left `scope` or its project is no longer mapped.
    case leftScope(String)
    /// The board item moved to a board project mirrored in another Plane project.
    case movedToAnotherProject(newPlaneProjectId: String)
    /// A Plane item with our external pair and no live board item.
    case orphan
    /// A duplicate of the pair (the oldest is kept).
    case duplicate(keptPlaneItemId: String)
}

public enum UnlinkReason: Sendable, Hashable {
    /// Policy `deletes: keep`: the board item is gone or out of scope, the Plane item stays.
    case keptByPolicy
    /// Deleted on both sides already.
    case goneOnBothSides
}
