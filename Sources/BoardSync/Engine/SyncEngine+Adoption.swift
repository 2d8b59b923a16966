import Foundation
import PlaneAPI
import SyncCore

/// Adoption by title (`resync --adopt-by-title`): SyncCore's ``TitleMatcher`` decides, the plan shows it, and
/// once the plan is approved each matched Plane item gets our external pair before its `adopt` action links it.
/// A run killed between the two leaves a Plane item with our pair and no link: the next run finds it by the
/// pair and adopts it, never creates a second one. Held (ambiguous) board items get an `ambiguous` link, so a
/// later sync does not create them either.
extension SyncEngine {
    /// Matches on the whole listing and rewrites `gathered` as if the pairs were written: a matched item sees
    /// its Plane item carrying our pair (the plan adopts it: `adopt`, or a hand-edit conflict where Plane
    /// differs and a person edited last), a held one an `ambiguous` link (the plan skips it).
    func titleAdoption(
        _ gathered: inout SyncInput, _ listing: PlaneListing, _ integration: Integration, _ options: Options
    )
        throws -> TitleAdoption
    {
        guard !options.scoped, listing.full, gathered.complete else {
            throw RunStopped(
                kind: .configuration,
                reason: "adoption by title needs both sides read whole and completely: run it with resync"
                    + " (without --item), once Plane and the board answer in full")
        }
        let result = TitleMatcher.match(
            items: gathered.items, planeItems: listing.items, configuration: integration.configuration)
        for index in gathered.items.indices {
            let id = gathered.items[index].boardItemId
            if var target = result.targets[id] {
                target.externalSource = integration.externalSource
                target.externalId = id.externalId
                gathered.items[index].plane = .present(target)
            } else if let ambiguity = result.ambiguous[id] {
                var link =
                    gathered.items[index].link
                    ?? Link(boardItemId: id, planeProjectId: ambiguity.planeProjectId, state: .ambiguous)
                link.state = .ambiguous
                gathered.items[index].link = link
            }
        }
        return result.adoption
    }

    /// Writes what the approved plan's adoption decided: held links first, then our pair on each matched Plane
    /// item (lease checked before each write). A Plane item the pair cannot be written to keeps no action of
    /// its board item in the plan: reported (the problems returned), decided again next run.
    func applyTitleAdoption(
        _ plan: SyncPlan, client: PlaneClient, links: LinkStore, integration: Integration, options: Options
    ) async throws -> (plan: SyncPlan, problems: [String]) {
        guard let adoption = plan.titleAdoption else { return (plan, []) }
        for ambiguity in adoption.ambiguities {
            for id in ambiguity.heldBoardItemIds {
                try await options.lease?.checkBeforeWrite()
                try await links.markAmbiguous(
                    id, planeProjectId: ambiguity.planeProjectId, note: ambiguity.text, now: options.now())
            }
        }
        var dropped = Set<BoardItemID>()
        var problems: [String] = []
        for match in adoption.matches {
            try await options.lease?.checkBeforeWrite()
            let patch = PlaneWorkItemPatch(
                externalSource: .set(integration.externalSource), externalID: .set(match.boardItemId.externalId))
            do {
                _ = try await client.updateWorkItem(project: match.planeProjectId, id: match.planeItemId, patch)
            } catch let error as PlaneAPIError {
                dropped.insert(match.boardItemId)
                problems.append(
                    "Board item \(match.boardItemId): could not write its external id on Plane item \(match.planeItemId)"
                        + " to adopt it (\(error)); nothing done for it, the next resync --adopt-by-title tries again.")
            }
        }
        guard !dropped.isEmpty else { return (plan, []) }
        var kept = plan
        kept.actions.removeAll { $0.boardItemId.map(dropped.contains) ?? false }
        kept.titleAdoption?.matches.removeAll { dropped.contains($0.boardItemId) }
        return (kept, problems)
    }
}
