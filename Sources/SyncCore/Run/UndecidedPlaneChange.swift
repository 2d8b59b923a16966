/// A change to one of our Plane items that a run lists but does not decide: the item waits in its backoff
/// (a write Plane keeps refusing), or its board document cannot be read. Plane's side of it must not be
/// lost: the next decision of the item would otherwise take Plane as unchanged since the base and could
/// overwrite a person's edit. Holding the watermark before the change keeps it in every listing, but an
/// item that fails for days then pins the watermark for days, and every listing pays for every change
/// made since. So a linked item's change is marked on its link instead (``Link/undecidedPlaneChange``), its next
/// decision reads Plane's item by id, and the watermark moves on; only a change with no link to carry the
/// mark (an item never mirrored, or one being created) still holds the watermark. Pure.
public enum UndecidedPlaneChange {
    public enum Keeping: Sendable, Equatable {
        /// The plan decides the item on the change: nothing to keep.
        case decided
        /// Marked on the item's link: read by id when it is next decided.
        case markLink
        /// The watermark stays before the change.
        case holdWatermark
    }

    /// - Parameters:
    ///   - link: the item's link as read this run.
    ///   - action: the plan's action for the item; nil when the item is not decided at all (its board
    ///     document cannot be read).
    public static func keeping(link: Link?, action: SyncAction?) -> Keeping {
        if let action, !action.waitsInBackoff { return .decided }
        guard let link, link.planeItemId != nil, ![.unlinked, .creating].contains(link.state) else {
            return .holdWatermark
        }
        return .markLink
    }

    /// Whether a linked item not among this run's listed changes is decided on Plane's item read by id: a
    /// held conflict, fields an admin re-asserted, or a change a run listed without deciding.
    public static func readsCurrent(_ link: Link) -> Bool {
        link.state == .conflict || link.reassertFields != nil || link.undecidedPlaneChange != nil
    }

    /// Whether a run on webhook deliveries reads the item by id rather than deciding on a delivery: a change
    /// listed earlier without being decided may be newer than the delivery.
    public static func readsOverDelivery(_ link: Link) -> Bool {
        link.undecidedPlaneChange != nil && link.mirroredPlaneItemId != nil
    }

    /// Whether the plan's action clears a link's mark by itself, with nothing else written: the item was decided
    /// unchanged on Plane's item as it is now (a marked link is always read: ``readsCurrent(_:)``,
    /// ``readsOverDelivery(_:)``). A write, a saved fingerprint or a cleared failure clears it with what it saves.
    public static func clearsMark(_ action: SyncAction, link: Link?) -> Bool {
        link?.undecidedPlaneChange != nil && action == .skip(.unchanged)
    }
}

extension SyncAction {
    var waitsInBackoff: Bool {
        if case .skip(.backoff) = self { return true }
        return false
    }
}
