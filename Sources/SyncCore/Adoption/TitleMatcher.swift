/// Adoption by title (`resync --adopt-by-title`, `policy.adopt_by_title`): matches Plane items a person made
/// (no external id, no external source) to board items with no link, by title within the Plane project the
/// board item's project maps to, only when the title is unique on both sides.
///
/// Titles are equal when they are equal after trimming leading and trailing whitespace and line breaks:
/// case, inner spaces and punctuation count; Unicode canonically equivalent spellings (é as one code point
/// or as e and a combining accent) are equal, as Swift compares strings. A board title that cannot be
/// mirrored (missing, empty, NUL, over 255 code points) matches nothing.
///
/// The board side counts every live board item of the Plane project with the title: mirrored or not, in
/// scope or not (a hand-made item may be a copy of one already mirrored, or of one the scope keeps out).
/// Only a board item with no link (or a link that never reached Plane: `blocked`, or `ambiguous` from an
/// earlier run), in scope, and whose external id no Plane item carries, adopts. The Plane side counts the
/// items without external id or source: an item carrying another source's pair belongs to that source and
/// is never adopted.
public enum TitleMatcher {
    public struct Result: Sendable, Hashable {
        public var adoption: TitleAdoption
        /// The Plane item each matched board item adopts.
        public var targets: [BoardItemID: PlaneItemSnapshot]
        /// The ambiguity each held board item is recorded with.
        public var ambiguous: [BoardItemID: TitleAdoption.Ambiguity]
    }

    private struct Key: Hashable, Comparable {
        var project: String
        var title: String

        static func < (lhs: Key, rhs: Key) -> Bool { (lhs.project, lhs.title) < (rhs.project, rhs.title) }
    }

    private struct BoardSide {
        var id: BoardItemID
        /// Nil when it can adopt.
        var taken: TitleAdoption.BoardItemTaken?
    }

    /// - Parameters:
    ///   - items: the plan's items; the whole board must be among them, or uniqueness means nothing.
    ///   - planeItems: every Plane item of the mapped projects, listed whole.
    ///   - collisions: board items whose external id another board item has (never adopt).
    public static func match(
        items: [ReconcileItem], planeItems: [PlaneItemSnapshot], configuration: SyncConfiguration,
        collisions: Set<BoardItemID> = []
    ) -> Result {
        let projects = Set(configuration.projects.values)
        let collisions = collisions.union(Reconciler.idCollisions(items).keys)
        var adoption = TitleAdoption()
        var candidates: [Key: [PlaneItemSnapshot]] = [:]
        var seen = Set<String>()
        for snapshot in planeItems where projects.contains(snapshot.projectId) && seen.insert(snapshot.id).inserted {
            guard !snapshot.isArchived else { continue }
            let externalId = snapshot.externalId?.trimmedWhitespace ?? ""
            let source = snapshot.externalSource?.trimmedWhitespace ?? ""
            if source == configuration.externalSource && !externalId.isEmpty { continue }  // ours: paired as usual
            if !externalId.isEmpty || !source.isEmpty {
                adoption.leftAlone.append(
                    leftAlone(snapshot, .externalPair(source: snapshot.externalSource, id: snapshot.externalId)))
                continue
            }
            let title = snapshot.values.name.trimmedWhitespace
            guard !title.isEmpty else {
                adoption.leftAlone.append(leftAlone(snapshot, .noBoardItem))
                continue
            }
            candidates[Key(project: snapshot.projectId, title: title), default: []].append(snapshot)
        }

        var board: [Key: [BoardSide]] = [:]
        for item in items {
            guard case .live(let live) = item.board, live.deletedAt == nil,
                let project = configuration.projects[live.projectId],
                case .success(let title) = PayloadBuilder.validateTitle(live.title)
            else { continue }
            let side = BoardSide(id: item.boardItemId, taken: taken(item, live, configuration, collisions))
            board[Key(project: project, title: title), default: []].append(side)
        }

        var result = Result(adoption: adoption, targets: [:], ambiguous: [:])
        for key in candidates.keys.sorted() {
            let plane = candidates[key, default: []].sorted { $0.id < $1.id }
            let sides = board[key, default: []].sorted { $0.id < $1.id }
            let free = sides.filter { $0.taken == nil }
            if plane.count == 1, sides.count == 1, let only = free.first {
                result.targets[only.id] = plane[0]
                result.adoption.matches.append(
                    TitleAdoption.Match(
                        boardItemId: only.id, title: key.title, planeProjectId: key.project, planeItemId: plane[0].id))
            } else if !free.isEmpty {
                let ambiguity = TitleAdoption.Ambiguity(
                    title: key.title, planeProjectId: key.project, boardItemIds: sides.map(\.id),
                    heldBoardItemIds: free.map(\.id), planeItemIds: plane.map(\.id))
                result.adoption.ambiguities.append(ambiguity)
                for side in free { result.ambiguous[side.id] = ambiguity }
                result.adoption.leftAlone += plane.map { leftAlone($0, .ambiguousTitle) }
            } else if let first = sides.first, let taken = first.taken {
                result.adoption.leftAlone += plane.map { leftAlone($0, .boardItemTaken(first.id, taken)) }
            } else {
                result.adoption.leftAlone += plane.map { leftAlone($0, .noBoardItem) }
            }
        }
        result.adoption.leftAlone.sort {
            ($0.planeProjectId, $0.name, $0.planeItemId) < ($1.planeProjectId, $1.name, $1.planeItemId)
        }
        return result
    }

    /// Why this live board item cannot adopt a Plane item made by hand; nil when it can.
    private static func taken(
        _ item: ReconcileItem, _ board: BoardItem, _ configuration: SyncConfiguration, _ collisions: Set<BoardItemID>
    ) -> TitleAdoption.BoardItemTaken? {
        if let link = item.link {
            if link.state == .unlinked { return .unlinked }
            if let planeId = link.planeItemId { return .mirrored(planeItemId: planeId) }
            if ![.blocked, .ambiguous].contains(link.state) { return .settling }
        }
        switch item.plane {
        case .present(let snapshot), .archived(let snapshot): return .mirrored(planeItemId: snapshot.id)
        case .duplicates(let list): return .mirrored(planeItemId: list.first?.id)
        case .deleted, .notFetched: break
        }
        if configuration.projects[board.projectId] == nil { return .outOfScope("its project is not mapped") }
        if let why = configuration.scopeExclusion(of: board) { return .outOfScope(why) }
        if collisions.contains(item.boardItemId) { return .idCollision }
        return nil
    }

    private static func leftAlone(_ snapshot: PlaneItemSnapshot, _ reason: TitleAdoption.LeftAloneReason)
        -> TitleAdoption.LeftAlone
    {
        TitleAdoption.LeftAlone(
            planeItemId: snapshot.id, planeProjectId: snapshot.projectId, name: snapshot.values.name, reason: reason)
    }
}
