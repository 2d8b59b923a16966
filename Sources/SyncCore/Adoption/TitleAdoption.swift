/// What adoption by title decided for a whole plan (README, "First rollout"): which Plane item a person made
/// each board item adopts, which titles are ambiguous, and which Plane items are left alone, and why.
/// ``TitleMatcher`` decides it; the plan carries it (``SyncPlan/titleAdoption``) so that `resync` can show it
/// and the executor can record every match and ambiguity on the links before its first Plane write.
public struct TitleAdoption: Sendable, Hashable {
    /// A board item with no link and a Plane item without external id that share a title, each alone with it.
    public struct Match: Sendable, Hashable {
        public var boardItemId: BoardItemID
        /// The title, trimmed, as both sides carry it.
        public var title: String
        public var planeProjectId: String
        public var planeItemId: String

        public init(boardItemId: BoardItemID, title: String, planeProjectId: String, planeItemId: String) {
            self.boardItemId = boardItemId
            self.title = title
            self.planeProjectId = planeProjectId
            self.planeItemId = planeItemId
        }
    }

    /// A title carried by several board items or several Plane items made by hand: nothing adopted for it.
    public struct Ambiguity: Sendable, Hashable {
        public var title: String
        public var planeProjectId: String
        /// Every live board item of the project with this title, mirrored or not, in scope or not.
        public var boardItemIds: [BoardItemID]
        /// The board items among them with no link: recorded `ambiguous`, neither adopted nor created.
        public var heldBoardItemIds: [BoardItemID]
        /// The Plane items made by hand (no external id) with this title: left alone.
        public var planeItemIds: [String]

        public init(
            title: String, planeProjectId: String, boardItemIds: [BoardItemID], heldBoardItemIds: [BoardItemID],
            planeItemIds: [String]
        ) {
            self.title = title
            self.planeProjectId = planeProjectId
            self.boardItemIds = boardItemIds
            self.heldBoardItemIds = heldBoardItemIds
            self.planeItemIds = planeItemIds
        }
    }

    /// Why a board item that carries a Plane item's title does not adopt it.
    public enum BoardItemTaken: Sendable, Hashable {
        /// Linked to a Plane item already (or a Plane item carries its external id).
        case mirrored(planeItemId: String?)
        /// A create of it may have reached Plane (link `creating` or `failed`): the external-id lookup settles it.
        case settling
        /// Mirroring was stopped for it (`boardsync unlink`).
        case unlinked
        case outOfScope(String)
        /// Another board item has its external id (a string `_id` equal to an ObjectId's hex).
        case idCollision
    }

    /// Why a Plane item without our external pair is not adopted.
    public enum LeftAloneReason: Sendable, Hashable {
        /// It carries an external id or source that is not this integration's: it belongs to that source.
        case externalPair(source: String?, id: String?)
        /// No board item of its project has its title.
        case noBoardItem
        /// Its title is ambiguous (``Ambiguity``).
        case ambiguousTitle
        /// The only board item with its title cannot adopt it.
        case boardItemTaken(BoardItemID, BoardItemTaken)
    }

    /// A Plane item without our external pair that this plan does not adopt.
    public struct LeftAlone: Sendable, Hashable {
        public var planeItemId: String
        public var planeProjectId: String
        /// Its name as Plane holds it.
        public var name: String
        public var reason: LeftAloneReason

        public init(planeItemId: String, planeProjectId: String, name: String, reason: LeftAloneReason) {
            self.planeItemId = planeItemId
            self.planeProjectId = planeProjectId
            self.name = name
            self.reason = reason
        }
    }

    public var matches: [Match]
    public var ambiguities: [Ambiguity]
    public var leftAlone: [LeftAlone]

    public init(matches: [Match] = [], ambiguities: [Ambiguity] = [], leftAlone: [LeftAlone] = []) {
        self.matches = matches
        self.ambiguities = ambiguities
        self.leftAlone = leftAlone
    }

    /// Board items this plan records `ambiguous`.
    public var heldBoardItemIds: [BoardItemID] { ambiguities.flatMap(\.heldBoardItemIds) }
}
