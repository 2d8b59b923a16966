import Foundation
import PlaneAPI
import SyncCore

/// Everything one run reconciles, read from both sides.
struct SyncInput: Sendable {
    var items: [ReconcileItem] = []
    var otherLinks: [Link] = []
    var complete = true
    var boardProblems: [BoardReadProblem] = []
    var newestBoardUpdate: Date?
    var newestPlaneUpdate: PlaneTimestamp?
    /// `updated_at` of each board item read, so an outage can hold the cursor before what it left undone.
    var boardUpdates: [BoardItemID: Date] = [:]
    /// Plane changes of ours this run lists but does not decide (an item in backoff, one whose board document
    /// cannot be read), by Plane project: the watermark must stay before the oldest.
    var undecidedByProject: [String: [Int64]] = [:]
    /// Plane changes listed for items that may not be decided (in their backoff, or their board document
    /// unreadable): once planned, each is marked on its link or holds the watermark
    /// (``keepUndecided(_:notDone:)``).
    var undecided: [(id: BoardItemID, link: Link?, listed: [PlaneItemSnapshot])] = []
    /// Plane's newest `updated_at` listed in each project.
    var newestByProject: [String: PlaneTimestamp] = [:]
    /// Plane's items read this run, by id.
    var planeWorkItems: [String: PlaneWorkItem] = [:]
    /// The database's clock just after the board was read (nil when the server does not say).
    var serverNow: Date?
    /// Board items read whose `updated_at` is ahead of the database's clock (a writer's clock runs fast).
    var skewed: [(id: BoardItemID, updatedAt: Date)] = []
    /// Board items whose Plane item their project no longer shows (deleted or archived by hand).
    var missingFromPlane: Set<BoardItemID> = []
    /// What each Plane project's count said this run.
    var planeCounts: [String: PlaneListing.ProjectCount] = [:]
    /// Linked items whose Plane item had to be read by id and could not be (Plane refused it for itself
    /// alone): left out of this run, counted as failed, their board change held before the cursor.
    var planeUnreadable: [(id: BoardItemID, reason: String)] = []
    /// A run on webhook deliveries: the items whose Plane side is a delivery's `data`, not read this run.
    var asDelivered: Set<BoardItemID> = []
}

extension SyncInput {
    mutating func holdWatermark(for snapshots: [PlaneItemSnapshot]?) {
        for snapshot in snapshots ?? [] {
            undecidedByProject[snapshot.projectId, default: []].append(snapshot.updatedAtMicros)
        }
    }

    /// Settles the Plane changes listed for items the plan may not decide (SyncCore's
    /// ``UndecidedPlaneChange``): a decided one needs nothing, a linked one is marked on its link (returned:
    /// board item → Plane's newest `updated_at` listed), any other holds the watermark.
    /// A linked item whose write failed or was left for later (`notDone`) is marked too, on the Plane side
    /// it was decided on; one without a Plane link holds nothing (its next decision looks the pair up).
    mutating func keepUndecided(_ plan: SyncPlan, notDone: Set<BoardItemID>) -> [BoardItemID: Int64] {
        var actions: [BoardItemID: SyncAction] = [:]
        for planned in plan.actions {
            if let id = planned.boardItemId, actions[id] == nil { actions[id] = planned.action }
        }
        var marks: [BoardItemID: Int64] = [:]
        func mark(_ id: BoardItemID, _ listed: [PlaneItemSnapshot]) {
            marks[id] = max(marks[id] ?? .min, listed.map(\.updatedAtMicros).max() ?? .min)
        }
        for change in undecided {
            switch UndecidedPlaneChange.keeping(link: change.link, action: actions[change.id]) {
            case .decided: continue
            case .holdWatermark: holdWatermark(for: change.listed)
            case .markLink: mark(change.id, change.listed)
            }
        }
        for item in items where notDone.contains(item.boardItemId) {
            guard let seen = item.plane.snapshot,
                UndecidedPlaneChange.keeping(link: item.link, action: nil) == .markLink
            else { continue }
            mark(item.boardItemId, [seen])
        }
        return marks
    }
}

/// What this run read of Plane, before the board: its recent changes (or, for a full run, every item).
struct PlaneListing: Sendable {
    /// What one project's count says (SyncCore's ``PlaneCountRule``).
    struct ProjectCount: Sendable {
        /// `total_count` as read (the whole listing's, when the project was listed whole).
        var shown: Int?
        /// Plane's newest `updated_at` this run saw in the project.
        var newestSeen: Int64?
        /// Plane ids of items this integration mirrors that the project no longer shows (deleted or
        /// archived by hand): known when the project was read whole, empty otherwise.
        var missing: Set<String> = []
    }

    /// Both sides are read whole: a resync, or a checkpoint whose links were lost.
    var full = false
    var items: [PlaneItemSnapshot] = []
    var workItems: [String: PlaneWorkItem] = [:]
    var newest: PlaneTimestamp?
    /// Plane's newest `updated_at` listed, by Plane project.
    var newestByProject: [String: PlaneTimestamp] = [:]
    /// By Plane project.
    var counts: [String: ProjectCount] = [:]
    /// Plane ids read by id this run (a run on deliveries reads those whose `data` could not be read).
    var readById: Set<String> = []

    var missing: Set<String> { counts.values.reduce(into: Set<String>()) { $0.formUnion($1.missing) } }
}

/// Reads Plane first, then the board, then the links, and pairs them item by item.
struct SyncInputGatherer: Sendable {
    let integration: Integration
    let client: PlaneClient
    let board: BoardReader
    let links: LinkStore
    let options: SyncEngine.Options
    /// Where each project's listing may stop, past the watermark (the cache's copy of the checkpoint, while
    /// MongoDB holds that checkpoint: SyncEngine+Cache).
    var positions: [String: PlaneTimestamp] = [:]

    /// Plane's side: its changes since the watermark, newest first, or everything on a full run. Plane is
    /// read first, so a hand edit is known before anything is pushed.
    func readPlane() async throws -> PlaneListing {
        if let delivered = options.delivered { return try await deliveredListing(delivered) }
        var listing = PlaneListing()
        // A checkpoint with no link at all: the links were lost (dropped collection, restored backup). What
        // the checkpoint skips would stay unlinked, so both sides are read whole and the mirror is adopted.
        let linksLost =
            integration.checkpoint.cursor != nil || integration.checkpoint.remoteWatermark != nil
            ? try await links.isEmpty() : false
        listing.full = options.mode == .full || linksLost
        let watermark = listing.full ? nil : integration.checkpoint.remoteWatermark.flatMap(PlaneTimestamp.init)
        let reader = PlaneReader(client: client, pageSize: options.planePageSize)
        for project in integration.planeProjectIds {
            var since = watermark
            if let position = positions[project], !listing.full, since.map({ position > $0 }) ?? false {
                since = position
            }
            let read = try await reader.recentChanges(project: project, since: since)
            listing.items += read.items
            listing.workItems.merge(read.workItems) { first, _ in first }
            listing.newestByProject[project] = read.newest
            if let newest = read.newest, listing.newest.map({ newest > $0 }) ?? true { listing.newest = newest }
            listing.counts[project] = try await count(project, read: read, reader: reader, full: listing.full)
        }
        return listing
    }

    /// Whether Plane still shows every item of the project this integration mirrors: the count on the first
    /// page decides whether the project must be listed whole to find out (SyncCore's ``PlaneCountRule``).
    private func count(_ project: String, read: PlaneReader.Read, reader: PlaneReader, full: Bool) async throws
        -> PlaneListing.ProjectCount
    {
        var count = PlaneListing.ProjectCount(shown: read.shown, newestSeen: read.newest?.microsecondsSinceEpoch)
        // A full run looks every linked item up already; the count is only kept.
        guard !full else { return count }
        let kept = integration.checkpoint.planeCounts[project]
        var visible = read.visibleIds
        var whole = read.whole
        if !whole {
            let linkedChanges = try await links.linkedPlaneIds(among: read.items.map(\.id))
            let newOthers = read.items.filter {
                ($0.createdAtMicros ?? 0) > (kept?.mark ?? .max) && !linkedChanges.contains($0.id)
            }.count
            let linked = try await links.linkedCount(project: project)
            if PlaneCountRule.needsFullListing(
                shown: read.shown, linked: linked, newOthers: newOthers, kept: kept, listedWhole: false)
            {
                let listed = try await reader.visible(project: project)
                visible = listed.visibleIds
                whole = listed.whole
                count.shown = listed.shown
                if let newest = listed.newest?.microsecondsSinceEpoch {
                    count.newestSeen = max(count.newestSeen ?? newest, newest)
                }
            }
        }
        if whole { count.missing = try await links.mirroredPlaneIds(project: project).subtracting(visible) }
        return count
    }

    /// The board's side, paired with the listing and the links. With `wholeBoard` (a full run, or a board
    /// pass) every board item and every link is decided; otherwise what changed since the cursor, what Plane
    /// changed and what is due for retry.
    func pair(_ listing: PlaneListing, wholeBoard: Bool) async throws -> SyncInput {
        var input = SyncInput()
        let full = listing.full
        input.planeWorkItems = listing.workItems
        input.newestPlaneUpdate = listing.newest
        input.newestByProject = listing.newestByProject
        input.planeCounts = listing.counts
        let planeItems = listing.items
        let ours = planeItems.filter { $0.externalSource == integration.externalSource && $0.externalId != nil }
        let byExternalId = Dictionary(grouping: ours, by: { $0.externalId! })
        let byPlaneId = Dictionary(planeItems.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })

        // Then the board: what changed since the cursor, plus what Plane changed and what is due for retry.
        var read: BoardReader.Read
        if let only = options.onlyItem {
            read = try await board.items([only])
        } else if options.delivered != nil {
            read = try await board.items(byExternalId.keys.sorted().flatMap(Self.candidateIds))
        } else if wholeBoard {
            read = try await board.all()
        } else {
            read = try await board.changed(since: integration.checkpoint.cursor, overlap: options.overlap)
        }
        var boardItems = Dictionary(read.items.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var wanted = Set(boardItems.keys)
        var allLinks: [BoardItemID: Link]?
        var retries: [Link] = []
        let missing = listing.missing
        if !options.scoped {
            // Items Plane no longer shows (deleted or archived by hand) are decided like the ones due for retry.
            retries += try await links.links(mirroredTo: Array(missing))
            if wholeBoard {
                let every = try await links.allLinks()
                allLinks = Dictionary(every.map { ($0.boardItemId, $0) }, uniquingKeysWith: { first, _ in first })
                retries += every
            } else {
                retries += try await links.dueForRetry(now: options.now())
            }
            wanted.formUnion(retries.map(\.boardItemId))
            for externalId in byExternalId.keys { wanted.formUnion(Self.candidateIds(externalId)) }
            // The other reading of each id read (an ObjectId's hex as a string `_id`, and back): two items with
            // one external id are decided together, so the collision is seen, never written into the links.
            for id in boardItems.keys { wanted.formUnion(Self.candidateIds(id.externalId)) }
        }
        let unread = wanted.subtracting(boardItems.keys)
        if !unread.isEmpty, !wholeBoard {
            let extra = try await board.items(Array(unread))
            for item in extra.items { boardItems[item.id] = item }
            // An unreadable document already read (changed, and due for retry) is one problem, not two.
            let known = Set(read.problems.map(\.boardItemId))
            read.problems += extra.problems.filter { !known.contains($0.boardItemId) }
        }
        input.serverNow = try await DatabaseClock.now(board.database)
        if let serverNow = input.serverNow {
            input.skewed = boardItems.values.compactMap { item in
                item.updatedAt.flatMap { CheckpointRule.isSkewed($0, serverNow: serverNow) ? (item.id, $0) : nil }
            }.sorted { $0.id < $1.id }
        }
        input.boardProblems = read.problems
        input.newestBoardUpdate = read.newestUpdate
        input.boardUpdates = boardItems.compactMapValues(\.updatedAt)

        // Pair each board item, and each Plane item of ours with no board item, with its link and Plane state.
        var ids = Set(boardItems.keys)
        for externalId in byExternalId.keys
        where !Self.candidateIds(externalId).contains(where: { boardItems[$0] != nil }) {
            ids.insert(Self.candidateIds(externalId)[0])
        }
        // Every link read (all of them on a whole-board read, else those due for retry or gone from Plane) is
        // decided, also when its board item is no longer there (deleted on the board).
        for link in retries where link.state != .unlinked { ids.insert(link.boardItemId) }
        // The whole board read: a link whose board item is no longer there is decided too (deleted on the board).
        for link in allLinks.map({ Array($0.values) }) ?? [] where link.state != .unlinked {
            ids.insert(link.boardItemId)
        }
        if let only = options.onlyItem { ids = [only] }
        let problemIds = Set(read.problems.map(\.boardItemId))
        ids = ids.filter { !problemIds.contains($0.externalId) }
        let linkById: [BoardItemID: Link]
        if let allLinks { linkById = allLinks } else { linkById = try await links.links(for: Array(ids)) }
        input.missingFromPlane = Set(
            linkById.values.filter { $0.planeItemId.map(missing.contains) ?? false }.map(\.boardItemId))
        for id in ids.sorted() {
            var link = linkById[id]
            // `resync --item` retries the item now, whatever its backoff.
            if options.onlyItem != nil { link?.nextAttemptAt = nil }
            let boardObservation: BoardObservation =
                switch boardItems[id] {
                case nil: .gone
                case let item? where item.deletedAt != nil: .softDeleted(item)
                case let item?: .live(item)
                }
            var observation: PlaneObservation
            var readOverDelivery = false
            do {
                observation = try await plane(
                    for: id, link: link, full: full, byExternalId: byExternalId, byPlaneId: byPlaneId)
                if options.delivered != nil, let link, UndecidedPlaneChange.readsOverDelivery(link),
                    let planeId = link.planeItemId
                {
                    // A change an earlier run listed without deciding it: the delivery may be older than it.
                    observation = try await current(planeId, project: link.planeProjectId, boardItem: id)
                    readOverDelivery = true
                }
            } catch let error as PlaneAPIError where Self.concernsTheItemAlone(error) {
                // Its Plane item must be read by id and Plane refuses it: nothing is decided or written for it this
                // run, and its board change stays ahead of the cursor (read again next run).
                input.planeUnreadable.append((id, LogRedaction.redact(error.description)))
                continue
            }
            if options.delivered != nil, !readOverDelivery, let shown = observation.snapshot,
                !listing.readById.contains(shown.id)
            {
                // Plane's side as a delivery showed it: enough to decide, not to push (``DeliveredPlanRule``).
                input.asDelivered.insert(id)
            }
            if observation == .notFetched, let link, let planeId = link.planeItemId, missing.contains(planeId) {
                // Not shown by its project any more: read by id (a page that shifted may have hidden it),
                // then the external-id lookup tells archived from deleted.
                observation = try await current(planeId, project: link.planeProjectId, boardItem: id)
            }
            if case .live = boardObservation {
            } else if observation == .notFetched, let link, link.state == .creating, link.planeItemId == nil {
                // A create whose answer was lost, then the board item went: did the POST land? Look it up,
                // so a Plane item it left is deleted as an orphan rather than forgotten.
                observation = try await lookUp(id, project: link.planeProjectId)
            }
            input.items.append(ReconcileItem(boardItemId: id, board: boardObservation, link: link, plane: observation))
            if let next = link?.nextAttemptAt, next > options.now(), let listed = byExternalId[id.externalId] {
                input.undecided.append((id, link, listed))
            }
        }
        let unreadableChanged = problemIds.filter { byExternalId[$0] != nil }
        if !unreadableChanged.isEmpty {
            let problemLinks = try await links.links(for: unreadableChanged.flatMap(Self.candidateIds))
            for problem in unreadableChanged.sorted() {
                let candidates = Self.candidateIds(problem)
                let link = candidates.lazy.compactMap { problemLinks[$0] }.first
                input.undecided.append((link?.boardItemId ?? candidates[0], link, byExternalId[problem] ?? []))
            }
        }
        let parents = Set(boardItems.values.compactMap(\.parentId)).subtracting(ids)
        if let allLinks {
            input.otherLinks = parents.compactMap { allLinks[$0] }
        } else {
            input.otherLinks = Array(try await links.links(for: Array(parents)).values)
        }
        return input
    }

    /// What Plane holds for one item: from this run's listing, or (full runs) the external-id lookup.
    private func plane(
        for id: BoardItemID, link: Link?, full: Bool, byExternalId: [String: [PlaneItemSnapshot]],
        byPlaneId: [String: PlaneItemSnapshot]
    ) async throws -> PlaneObservation {
        let matches = byExternalId[id.externalId] ?? []
        if let planeId = link?.mirroredPlaneItemId {
            // Several items with our pair: a duplicate even when the linked one is among them.
            if matches.count > 1 { return .duplicates(matches) }
            if let snapshot = byPlaneId[planeId] { return .present(snapshot) }
            if let other = matches.first { return .present(other) }
            guard let project = link?.planeProjectId else { return .notFetched }
            // A held conflict, the board re-asserted by an admin, or a change listed earlier without being
            // decided: decided on Plane's item as it is now.
            if !full, let link, UndecidedPlaneChange.readsCurrent(link) {
                return try await current(planeId, project: project, boardItem: id)
            }
            guard full else { return .notFetched }
            // Gone from the full listing: archived (the lookup still finds it) or deleted by hand.
            guard
                let found = try await client.lookUpWorkItem(
                    project: project, externalID: id.externalId, externalSource: integration.externalSource)
            else { return .deleted }
            let snapshot = PlaneConversion.snapshot(of: found, project: project)
            return found.id == planeId ? .archived(snapshot) : .present(snapshot)
        }
        if matches.count > 1 { return .duplicates(matches) }
        if let only = matches.first { return .present(only) }
        return .notFetched
    }

    /// The external-id lookup: deleted when nothing carries the pair; archived when the item found is
    /// archived or is the linked one (gone by id, yet still found: archived).
    private func lookUp(_ id: BoardItemID, project: String, linkedTo planeId: String? = nil) async throws
        -> PlaneObservation
    {
        guard
            let found = try await client.lookUpWorkItem(
                project: project, externalID: id.externalId, externalSource: integration.externalSource)
        else { return .deleted }
        let snapshot = PlaneConversion.snapshot(of: found, project: project)
        return found.archivedAt != nil || found.id == planeId ? .archived(snapshot) : .present(snapshot)
    }

    /// One linked Plane item read by id; gone by id, the external-id lookup tells archived from deleted.
    func current(_ planeId: String, project: String, boardItem id: BoardItemID) async throws -> PlaneObservation {
        try await read(planeId, project: project, boardItem: id).observation
    }

    /// ``current(_:project:boardItem:)`` with the work item read, when the read by id found it.
    func read(_ planeId: String, project: String, boardItem id: BoardItemID) async throws
        -> (observation: PlaneObservation, item: PlaneWorkItem?)
    {
        do {
            let item = try await client.workItem(project: project, id: planeId)
            let snapshot = PlaneConversion.snapshot(of: item, project: project)
            return (item.archivedAt != nil ? .archived(snapshot) : .present(snapshot), item)
        } catch let error as PlaneAPIError where error.code == .notFound {
            return (try await lookUp(id, project: project, linkedTo: planeId), nil)
        }
    }

    /// The board ids an external id can stand for: 24 hex digits are an ObjectId or a string `_id`.
    static func candidateIds(_ externalId: String) -> [BoardItemID] {
        if let objectId = BoardItemID.objectId(hex: externalId) { return [objectId, .string(externalId)] }
        return [.string(externalId)]
    }
}

extension Integration {
    /// The mapped Plane projects, each once, in the document's order: a Plane project mapped from two board
    /// projects is listed (and its metadata read) once, so no item of it is seen twice.
    var planeProjectIds: [String] {
        var seen = Set<String>()
        return projects.map(\.planeProjectId).filter { seen.insert($0).inserted }
    }
}
