import Foundation
import Logging
import MongoDriver
import PlaneAPI
import SyncCore

/// Reading both sides and planning: Plane first, then the board (from the cursor, or whole for a board
/// pass), then SyncCore's plan; an incremental plan that deletes is made again from the whole board, so
/// the mass-delete breaker weighs every delete the board implies (SyncCore's ``BoardPassRule``).
extension SyncEngine {
    struct Planned: Sendable {
        var gathered: SyncInput
        var plan: SyncPlan
        /// Links with a Plane id: the breaker's denominator.
        var linkedItems: Int
        /// The whole board was read and decided (a resync, a first run, or a board pass).
        var wholeBoard: Bool
        var boardPass: BoardPassReason?
        /// Plane's metadata the plan was made with.
        var plane: PlaneContext
    }

    func readAndPlan(
        _ integration: Integration, client: PlaneClient, links: LinkStore, metadata: PlaneMetadataSource,
        cache: RunCache?, options: Options
    ) async throws -> Planned {
        // With a copy of the metadata at hand (of any age), the run plans on it first and reads the parts past
        // their TTL only when the plan needs them (SyncCore's ``ExpiredMetadataRule``); without one, the
        // metadata is read first (`users/me` blames a bad key or address).
        let deferred = await metadata.hasCopies(projects: integration.planeProjectIds)
        var plane =
            deferred
            ? metadata.copiedContext(projects: integration.planeProjectIds)
            : try await stopOnPlaneFailure { try await metadata.context(projects: integration.planeProjectIds) }
        var gatherer = SyncInputGatherer(
            integration: integration, client: client, board: BoardReader(database: database), links: links,
            options: options)
        if options.mode == .incremental { gatherer.positions = await listingPositions(integration, cache: cache) }
        let listing = try await stopOnPlaneFailure { try await gatherer.readPlane() }
        var pass: BoardPassReason?
        if options.mode == .incremental, !options.scoped, !listing.full {
            pass = BoardPassRule.reason(
                lastPass: integration.checkpoint.boardPassAt, storedDigest: integration.checkpoint.configurationDigest,
                configuration: integration.configuration, now: options.now())
        }
        var wholeBoard = !options.scoped && (listing.full || pass != nil)
        var gathered = try await stopOnPlaneFailure { try await gatherer.pair(listing, wholeBoard: wholeBoard) }
        let linkedItems = try await links.linkedCount()
        // Asked for (--adopt-by-title): both sides must be read whole. By the setting: whenever they are.
        let adoptBySetting =
            integration.configuration.policy.adoptByTitle && !options.scoped && listing.full && wholeBoard
            && gathered.complete
        let adoption =
            try options.adoptByTitle || adoptBySetting ? titleAdoption(&gathered, listing, integration, options) : nil
        let first = input(integration, plane, gathered, linkedItems, options)
        var plan = try await OwnThread.run { Reconciler.plan(first) }
        // A run on webhook deliveries pushes nothing on a delivery's word: the items it would write are read
        // by id and planned again (SyncCore's ``DeliveredPlanRule``); again below, after any replan.
        plan = try await readWhatIsWritten(plan, &gathered, gatherer) {
            input(integration, plane, $0, linkedItems, options)
        }
        if deferred, !ExpiredMetadataRule.stands(plan) {
            let fresh = try await stopOnPlaneFailure {
                try await metadata.context(projects: integration.planeProjectIds)
            }
            if fresh != plane {
                plane = fresh
                let again = input(integration, fresh, gathered, linkedItems, options)
                plan = try await OwnThread.run { Reconciler.plan(again) }
            }
        }
        // Board values that map to nothing in a copy of Plane's metadata kept from an earlier run: read those
        // parts once, and plan with what Plane says.
        let checked = try await replanOnEvidence(plan, metadata: metadata, integration: integration) {
            [gathered] fresh in
            let again = input(integration, fresh, gathered, linkedItems, options)
            return try await OwnThread.run { Reconciler.plan(again) }
        }
        plan = checked.plan
        plane = checked.plane ?? plane
        plan = try await readWhatIsWritten(plan, &gathered, gatherer) {
            input(integration, plane, $0, linkedItems, options)
        }
        plan.titleAdoption = adoption
        if !wholeBoard, !options.scoped, BoardPassRule.escalates(plan) {
            pass = .deletes
            wholeBoard = true
            gathered = try await stopOnPlaneFailure { try await gatherer.pair(listing, wholeBoard: true) }
            let whole = input(integration, plane, gathered, linkedItems, options)
            plan = try await OwnThread.run { Reconciler.plan(whole) }
        }
        if let pass { logger.info("\(integration.id): reading the whole board (\(pass.rawValue))") }
        return Planned(
            gathered: gathered, plan: plan, linkedItems: linkedItems, wholeBoard: wholeBoard, boardPass: pass,
            plane: plane)
    }

    /// A run on webhook deliveries: while the plan writes to items whose Plane side is a delivery's, those
    /// items are read by id and the plan made again (SyncCore's ``DeliveredPlanRule``). An item read (or left
    /// out) is not read again, so this ends.
    private func readWhatIsWritten(
        _ first: SyncPlan, _ gathered: inout SyncInput, _ gatherer: SyncInputGatherer,
        input makeInput: (SyncInput) -> ReconcileInput
    ) async throws -> SyncPlan {
        var plan = first
        while true {
            let toRead = DeliveredPlanRule.itemsToRead(plan, asDelivered: gathered.asDelivered)
            guard !toRead.isEmpty else { return plan }
            try await stopOnPlaneFailure { try await gatherer.readAgain(toRead, in: &gathered) }
            gathered.asDelivered.subtract(toRead)
            let again = makeInput(gathered)
            plan = try await OwnThread.run { Reconciler.plan(again) }
        }
    }

    private func input(
        _ integration: Integration, _ plane: PlaneContext, _ gathered: SyncInput, _ linkedItems: Int, _ options: Options
    ) -> ReconcileInput {
        ReconcileInput(
            configuration: integration.configuration, metadata: plane.projects, items: gathered.items,
            otherLinks: gathered.otherLinks, now: options.now(), readComplete: gathered.complete,
            linkedItemCount: linkedItems, ownUserId: plane.ownUserId)
    }
}

extension SyncEngine {
    /// Keeps, per Plane project, what its item count is weighed against next run (SyncCore's
    /// ``PlaneCountRule``): unless an item found missing could not be settled, so that it shows again.
    func savePlaneCounts(
        _ integration: Integration, gathered: SyncInput, links: LinkStore, writes: [String: Int],
        unsettled: Set<BoardItemID>
    ) async throws {
        var set = BSONDocument()
        for (project, count) in gathered.planeCounts {
            guard let shown = count.shown else { continue }
            let missingHere = gathered.missingFromPlane.filter { id in
                gathered.items.first { $0.boardItemId == id }?.link?.planeProjectId == project
            }
            let kept = integration.checkpoint.planeCounts[project]
            guard
                let next = PlaneCountRule.next(
                    shown: shown, writes: writes[project] ?? 0,
                    linkedAfter: try await links.linkedCount(project: project),
                    newestSeen: max(kept?.mark ?? .min, count.newestSeen ?? .min),
                    settled: missingHere.isDisjoint(with: unsettled))
            else { continue }
            set["sync_state.plane_counts.\(project)"] = [
                "offset": .int64(Int64(next.offset)), "mark": .int64(next.mark),
            ]
        }
        guard !set.isEmpty else { return }
        try await database.collection(CollectionNames.integrations).updateOne(
            ["_id": .string(integration.id)], ["$set": .document(set)])
    }
}
