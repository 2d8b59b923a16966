import Foundation

/// A `board_links` document: the only truth about what was mirrored (docs/architecture.md, "Data model").
public struct Link: Sendable, Hashable {
    public enum State: String, Sendable, Hashable {
        case creating, synced, conflict, failed, orphaned, unlinked
        /// In scope but not mirrored, never sent to Plane: a problem of the item or of the configuration
        /// (an unmapped status, a missing state, too many labels, a parent that is not in Plane); why is in
        /// `last_error`. Decided again when the board item or the integration document changes, and on its backoff.
        case blocked
        /// Its title is carried by several board items or several Plane items made by hand (adoption by title,
        /// ``TitleMatcher``): neither adopted nor created until a person makes the title unique or unlinks it
        /// (README, "First rollout"). Never sent to Plane: no Plane id.
        case ambiguous
    }

    public var boardItemId: BoardItemID
    public var planeProjectId: String
    public var planeItemId: String?
    public var state: State
    /// Plane's values as returned for our last write.
    public var base: PlaneValues?
    /// Label ids BoardSync itself put on the item (for `labels: merge`); nil = unknown, taken as `base`'s.
    public var ownedLabelIds: [String]?
    public var inputFingerprint: String?
    public var remoteFingerprint: String?
    public var attempts: Int
    public var nextAttemptAt: Date?
    /// Fields whose board values the next run pushes over Plane's, whatever changed since the base
    /// (`conflicts resolve --keep-board`, or the fields `--take-plane --field` left to the board); nil = none.
    public var reassertFields: [PlaneField]?
    /// The input fingerprint the item had when its last failure or problem was recorded: a board edit since
    /// ends the backoff at once (the edit may be the fix).
    public var failedInput: String?
    /// The integration's configuration digest when the last failure or problem was recorded: a changed
    /// mapping, scope or project list ends the backoff at once.
    public var failedConfiguration: String?
    /// Plane's `updated_at` (µs since the epoch) of a change to the item that a run listed without deciding it (the item waited in
    /// its backoff, or its board document could not be read): the next decision reads Plane's item by id, so
    /// the watermark need not wait for it (``UndecidedPlaneChange``). nil = none.
    public var undecidedPlaneChange: Int64?

    /// Whether a base is recorded, and whether fields are to be re-asserted, tested in place: `base != nil`
    /// compiled to a copy and an equality test of the whole values, for every item of a plan.
    var hasBase: Bool { if case .some = base { true } else { false } }
    var hasFieldsToReassert: Bool { if case .some = reassertFields { true } else { false } }

    /// The Plane item the board item is mirrored to: nil when none was made, or when a person unlinked it.
    public var mirroredPlaneItemId: String? { state == .unlinked ? nil : planeItemId }

    public init(
        boardItemId: BoardItemID, planeProjectId: String, planeItemId: String? = nil, state: State = .synced,
        base: PlaneValues? = nil, ownedLabelIds: [String]? = nil, inputFingerprint: String? = nil,
        remoteFingerprint: String? = nil, attempts: Int = 0, nextAttemptAt: Date? = nil,
        reassertFields: [PlaneField]? = nil, failedInput: String? = nil, failedConfiguration: String? = nil,
        undecidedPlaneChange: Int64? = nil
    ) {
        self.boardItemId = boardItemId
        self.planeProjectId = planeProjectId
        self.planeItemId = planeItemId
        self.state = state
        self.base = base
        self.ownedLabelIds = ownedLabelIds
        self.inputFingerprint = inputFingerprint
        self.remoteFingerprint = remoteFingerprint
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.reassertFields = reassertFields
        self.failedInput = failedInput
        self.failedConfiguration = failedConfiguration
        self.undecidedPlaneChange = undecidedPlaneChange
    }
}
