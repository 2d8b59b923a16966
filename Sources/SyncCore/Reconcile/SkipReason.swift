import Foundation

/// Why nothing is written for an item.
public enum SkipReason: Sendable, Hashable {
    /// Neither side changed.
    case unchanged
    /// The board changed but Plane already holds the result: only re-stamp the input fingerprint.
    case noEffectiveChange
    case outOfScope(String)
    case projectNotMapped(String)
    case noPlaneMetadata(planeProjectId: String)
    case waitingForParent(BoardItemID)
    case backoff(until: Date)
    case itemProblem(ItemProblem)
    /// An open conflict waits for a person.
    case conflictPending
    /// Mirroring was stopped for this item (`boardsync unlink`).
    case unlinked
    /// Left in Plane by policy `deletes: keep`.
    case orphanKept
    /// Deleted on the board before it was ever mirrored.
    case neverMirrored
    /// The mass-delete breaker stopped the plan's deletes.
    case deleteBlocked
    /// Built from an incomplete read: no deletes or recreates.
    case incompleteRead
    /// Its labels wait to be created in Plane: this run created as many as `policy.max_label_creations_per_run` allows.
    case waitingForLabels([String])
    /// Its delete was dropped: the plan keeps that Plane item (for this item or another), or deletes it already.
    case deleteSpared(planeItemId: String)
    /// Linked without a base and Plane's item was not read: read it (resync --item) to compare.
    case planeStateUnknown
    /// Its link is `ambiguous` (adoption by title found its title on several items) and Plane holds no item
    /// with its external id: neither adopted nor created until a person resolves it.
    case ambiguousTitle
}
