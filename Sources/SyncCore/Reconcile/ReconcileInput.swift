import Foundation

/// The board side of one item this run.
public enum BoardObservation: Sendable, Hashable {
    case live(BoardItem)
    /// `deleted_at` is set.
    case softDeleted(BoardItem)
    /// No document: hard-deleted, or a Plane item with our `external_source` and no board item.
    case gone

    /// The parent of a live item. A getter on the observation borrows it; binding `case .live(let board)` on an
    /// item read from an array copied the whole item (a retain of each of its strings) in the plan's loops.
    var liveParent: (id: BoardItemID, isSelf: Bool)? {
        guard case .live(let board) = self, let parentId = board.parentId else { return nil }
        return (parentId, parentId == board.id)
    }
}

/// The Plane side of one item this run (after the external-id lookup where one was needed).
public enum PlaneObservation: Sendable, Hashable {
    /// A live item: by id, by the list, or by the external-id lookup.
    case present(PlaneItemSnapshot)
    /// 404 by id but found by the external-id lookup: archived, triaged or a draft.
    case archived(PlaneItemSnapshot)
    /// 404 by id and 404 by the external-id lookup: deleted in Plane.
    case deleted
    /// The external-id lookup answered 500 / several items hold our pair.
    case duplicates([PlaneItemSnapshot])
    /// Not read this run (not among Plane's recent changes): taken as unchanged since `base`.
    case notFetched

    /// Tag only, for the plan's loop (see ``BoardObservation/liveParent``).
    var isDuplicates: Bool {
        guard case .duplicates = self else { return false }
        return true
    }

    /// The same observation with each Plane item once: a listing read twice (one Plane project listed for
    /// two board projects, or a page that shifted) names one item several times, and one item is no
    /// duplicate of itself. `duplicates` of a single distinct item is that item, present.
    public var deduplicated: PlaneObservation {
        guard case .duplicates(let list) = self else { return self }
        var seen = Set<String>()
        let distinct = list.filter { seen.insert($0.id).inserted }
        switch distinct.count {
        case 0: return .notFetched
        case 1: return distinct[0].isArchived ? .archived(distinct[0]) : .present(distinct[0])
        default: return distinct.count == list.count ? self : .duplicates(distinct)
        }
    }
}

/// Everything known about one item.
///
/// Its values live in one immutable box: a plan passes every item on by value, and a copy of the item itself
/// (a board item and a link with its base, some 35 strings and arrays) retained and released each of them, a
/// tenth of a no-op plan; a copy of the box is one retain. Fields are read in place (`_read`: a getter copied
/// the whole link to read one of its fields). Setting a field (rare: a deduplicated observation, an adopted
/// link) makes a new box.
public struct ReconcileItem: Sendable, Hashable, CustomReflectable {
    private final class Storage: Sendable {
        let boardItemId: BoardItemID
        let board: BoardObservation
        let link: Link?
        let plane: PlaneObservation
        /// `board.liveParent`, found once: the plan's loops ask for it and need nothing else of the board.
        let liveParent: (id: BoardItemID, isSelf: Bool)?

        init(boardItemId: BoardItemID, board: BoardObservation, link: Link?, plane: PlaneObservation) {
            self.boardItemId = boardItemId
            self.board = board
            self.link = link
            self.plane = plane
            liveParent = board.liveParent
        }
    }

    private var storage: Storage

    public var boardItemId: BoardItemID {
        _read { yield storage.boardItemId }
        set { storage = Storage(boardItemId: newValue, board: board, link: link, plane: plane) }
    }
    public var board: BoardObservation {
        _read { yield storage.board }
        set { storage = Storage(boardItemId: boardItemId, board: newValue, link: link, plane: plane) }
    }
    public var link: Link? {
        _read { yield storage.link }
        set { storage = Storage(boardItemId: boardItemId, board: board, link: newValue, plane: plane) }
    }
    public var plane: PlaneObservation {
        _read { yield storage.plane }
        set { storage = Storage(boardItemId: boardItemId, board: board, link: link, plane: newValue) }
    }

    /// The parent of a live item, and whether it names the item itself (``BoardObservation/liveParent``).
    var liveParent: (id: BoardItemID, isSelf: Bool)? { storage.liveParent }

    public init(
        boardItemId: BoardItemID, board: BoardObservation, link: Link? = nil, plane: PlaneObservation = .notFetched
    ) {
        storage = Storage(boardItemId: boardItemId, board: board, link: link, plane: plane)
    }

    /// Its fields, not the box, in `print`, `dump` and test failures.
    public var customMirror: Mirror {
        Mirror(self, children: ["boardItemId": boardItemId, "board": board, "link": link as Any, "plane": plane])
    }

    public static func == (lhs: ReconcileItem, rhs: ReconcileItem) -> Bool {
        lhs.storage === rhs.storage
            || (lhs.boardItemId == rhs.boardItemId && lhs.board == rhs.board && lhs.link == rhs.link
                && lhs.plane == rhs.plane)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(boardItemId)
        hasher.combine(board)
        hasher.combine(link)
        hasher.combine(plane)
    }
}

/// The inputs of one plan: items, configuration, Plane metadata per Plane project, the time.
public struct ReconcileInput: Sendable {
    public var configuration: SyncConfiguration
    /// Plane project id → its states, labels, members.
    public var metadata: [String: PlaneMetadata]
    public var items: [ReconcileItem]
    /// Links of items not in `items` (parents of changed children), to resolve parent ids.
    public var otherLinks: [Link]
    /// Injected clock value, compared with `next_attempt_at`.
    public var now: Date
    /// False when the board or Plane could not be read completely: then nothing is deleted or recreated.
    public var readComplete: Bool
    /// Every link of the integration with a Plane id (the breaker's denominator). An incremental run
    /// holds only changed items, so the executor passes the count of `board_links`; nil counts `items`.
    public var linkedItemCount: Int?
    /// The Plane user of the integration's key. With no base (links lost), a difference on an item that
    /// someone else edited last may be theirs: it is a hand edit, not ours to overwrite silently.
    public var ownUserId: String?

    public init(
        configuration: SyncConfiguration, metadata: [String: PlaneMetadata], items: [ReconcileItem],
        otherLinks: [Link] = [], now: Date, readComplete: Bool = true, linkedItemCount: Int? = nil,
        ownUserId: String? = nil
    ) {
        self.configuration = configuration
        self.metadata = metadata
        self.items = items
        self.otherLinks = otherLinks
        self.now = now
        self.readComplete = readComplete
        self.linkedItemCount = linkedItemCount
        self.ownUserId = ownUserId
    }
}
