/// In-process test controls (the same things the `/_sim/` admin API offers over HTTP).
extension PlaneSimulator {
    /// Back to the seed: items, labels and states created since are gone; rate windows, faults and
    /// the request log are cleared.
    public func reset() async throws { try await core.reset() }

    /// Every `/api/v1/` request received so far, oldest first.
    public func requestLog() async -> [LoggedRequest] { await core.log }

    public func clearRequestLog() async { await core.clearLog() }

    /// Adds a fault rule; rules are checked in the order added, the first that applies wins.
    public func injectFault(_ rule: FaultRule) async { await core.addFault(rule) }

    public func clearFaults() async { await core.clearFaults() }

    /// Edits an item as a person in the web app (e.g. `alice@acme.example`): `changes` is a PATCH body.
    /// Bumps `updated_at`/`updated_by`. Returns the item as the API would render it.
    @discardableResult
    public func editItemAsPerson(_ itemID: String, actorEmail: String, changes: SimJSON) async throws -> SimJSON {
        try await core.editItemAsPerson(itemID, actorEmail: actorEmail, changes: changes)
    }

    /// Archives an item as a person: hidden from list and GET, still found by the external-id lookup.
    @discardableResult
    public func archiveItemAsPerson(_ itemID: String, actorEmail: String) async throws -> SimJSON {
        try await core.archiveItemAsPerson(itemID, actorEmail: actorEmail)
    }

    /// Soft-deletes an item as a person.
    public func deleteItemAsPerson(_ itemID: String, actorEmail: String) async throws {
        try await core.deleteItemAsPerson(itemID, actorEmail: actorEmail)
    }

    /// A stored item, deleted or archived ones included (`deleted_at` / `archived_at` set).
    public func storedItem(_ itemID: String) async -> SimJSON? { await core.storedItemJSON(itemID) }

    /// How many of Plane's delayed `updated_at` bumps (``Configuration/bumpDelay`` after each write) have
    /// not landed yet: a test that needs settled timestamps waits until this is 0.
    public func pendingBumps() async -> Int { await core.pendingBumps }

    /// The id of `email`'s membership of a project (active or former), for `members/{id}/`: Plane's API
    /// lists members by user, so only the web app (or the member create's answer) shows a membership's id.
    public func membershipID(projectID: String, email: String) async -> String? {
        await core.membershipID(projectID: projectID, email: email)
    }

    /// All stored items of a project (nil: every project), creation order, deleted ones included.
    public func storedItems(projectID: String? = nil) async -> [SimJSON] {
        await core.storedItemsJSON(projectID: projectID)
    }
}
