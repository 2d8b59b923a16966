import Foundation

/// A `board_links` document: the only truth about what was mirrored (docs/architecture.md, "Data model").
public struct Link: Sendable, Hashable {
    public enum State: String, Sendable, Hashable {
        case creating, synced, conflict, failed, orphaned, unlinked
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

    public init(
        boardItemId: BoardItemID, planeProjectId: String, planeItemId: String? = nil, state: State = .synced,
        base: PlaneValues? = nil, ownedLabelIds: [String]? = nil, inputFingerprint: String? = nil,
        remoteFingerprint: String? = nil, attempts: Int = 0, nextAttemptAt: Date? = nil,
        reassertFields: [PlaneField]? = nil
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
    }
}
