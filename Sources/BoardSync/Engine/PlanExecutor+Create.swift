import Foundation
import PlaneAPI
import SyncCore

/// Creating items: two-phase with the link, lost answers settled by the external-id lookup.
extension PlanExecutor {
    /// Phase one writes the link as `creating`; a POST whose answer is lost is settled by the lookup,
    /// never sent again; a 409 adopts the item that already holds the pair.
    func create(_ planned: PlannedAction, _ payload: DesiredPayload) async throws {
        let resolved = try resolve(payload)
        try await links.markCreating(payload.boardItemId, planeProjectId: payload.planeProjectId, now: now())
        CrashPoint.hit(.afterLinkCreating)
        let item: PlaneWorkItem
        var saved = planned
        do {
            CrashPoint.hit(.afterPostSent)
            item = try await client.createWorkItem(project: payload.planeProjectId, PlaneConversion.create(resolved))
            created(item, in: payload.planeProjectId)
            CrashPoint.hit(.afterPlaneAnswered)
            configuration.metadataRetry?.dropped(
                planned, project: payload.planeProjectId, sent: resolved.values.assigneeIds,
                answered: item.assignees?.map(\.id) ?? [])
        } catch let error as PlaneAPIError where error.code == .duplicate && error.objectID != nil {
            item = try await client.workItem(project: payload.planeProjectId, id: error.objectID!)
            // An item made earlier (its link was lost) holds older values: no input fingerprint, so the
            // next run pushes what differs instead of taking the board as pushed.
            saved.inputFingerprint = nil
        } catch let error as PlaneAPIError where error.code == .tooLarge {
            // Only the description can make a work item larger than Plane takes (413 over 5 MiB).
            throw ExecutionProblem(
                reason: "field `description` is too large for Plane (\(resolved.values.descriptionHTML.utf8.count) "
                    + "bytes as HTML, Plane takes at most 5 MiB per request; \(error.description)); shorten it on the board"
            )
        } catch let error as PlaneAPIError where error.code == .outcomeUnknown {
            if DeliberateBreak.skipsLookupBeforePost {
                item = try await client.createWorkItem(
                    project: payload.planeProjectId, PlaneConversion.create(resolved))
                created(item, in: payload.planeProjectId)
                createdIds[payload.boardItemId] = item.id
                try await save(saved, payload: resolved, item: item)
                return
            }
            guard
                let found = try await client.lookUpWorkItem(
                    project: payload.planeProjectId, externalID: payload.externalId, externalSource: externalSource)
            else { throw error }
            created(found, in: payload.planeProjectId)  // the lost answer's POST made it
            item = found
        }
        createdIds[payload.boardItemId] = item.id
        CrashPoint.hit(.beforeLinkConfirmed)
        try await save(saved, payload: resolved, item: item)
    }

    /// A leftover `creating` link: the lookup decides whether the earlier POST reached Plane.
    func adoptExisting(_ planned: PlannedAction, _ payload: DesiredPayload) async throws -> Bool {
        guard !DeliberateBreak.skipsLookupBeforePost else { return false }
        guard
            let found = try await client.lookUpWorkItem(
                project: payload.planeProjectId, externalID: payload.externalId, externalSource: externalSource)
        else { return false }
        createdIds[payload.boardItemId] = found.id
        // Its values came from an earlier payload: no input fingerprint, so the next run pushes what differs.
        var stale = planned
        stale.inputFingerprint = nil
        try await save(stale, payload: payload, item: found)
        return true
    }

    /// Puts the ids of labels created this run, and of parents created this run, into the payload.
    func resolve(_ payload: DesiredPayload) throws -> DesiredPayload {
        var resolved = payload
        let created = labelIds[payload.planeProjectId] ?? [:]
        for name in payload.missingLabels {
            guard let id = created[name.lowercased()] else {
                let why = rejectedLabels[name.lowercased()].map { " (\($0))" } ?? ""
                throw ExecutionProblem(
                    reason: "its label \"\(name)\" could not be created in Plane this run\(why); it waits for it",
                    label: name)
            }
            resolved.values.labelIds.append(id)
        }
        if let parent = payload.pendingParent {
            guard let parentId = createdIds[parent] else {
                throw ExecutionProblem(
                    reason: "its parent \(parent) could not be created in Plane this run; it waits for it")
            }
            resolved.values.parentId = parentId
        }
        return resolved
    }
}
