/// Work item endpoints: list (and the external-pair lookup), create, retrieve, update, delete.
extension SimulatorCore {
    func listWorkItems(_ projectID: String, _ request: SimRequest) throws(PlaneError) -> SimResponse {
        let (expand, fields) = shaping(request)
        if let externalID = request.queryValue("external_id"), !externalID.isEmpty,
            let externalSource = request.queryValue("external_source"), !externalSource.isEmpty
        {
            let matches = world.items(in: projectID, externalID: externalID, externalSource: externalSource)
            guard matches.count <= 1 else { throw .serverError }
            guard let item = matches.first else { throw .notFound }
            return .json(200, world.renderItem(item, tz, expand: expand, fields: fields))
        }
        let pagination = try Pagination(request)
        let visible = world.allItems(in: projectID).filter(isListed)
        let sorted = try WorkItemOrdering.sort(
            visible, by: request.queryValue("order_by") ?? "-created_at", world: world)
        return .json(200, pagination.envelope(sorted.map { world.renderItem($0, tz, expand: expand, fields: fields) }))
    }

    /// Plane's `issue_objects`: not deleted, not archived, not in a triage state.
    func isListed(_ item: WorkItemRecord) -> Bool {
        guard item.isVisible else { return false }
        return !(item.stateID.flatMap { world.states[$0] }?.isTriage ?? false)
    }

    func shaping(_ request: SimRequest) -> (expand: [String], fields: [String]?) {
        func list(_ name: String) -> [String]? {
            request.queryValue(name).map { $0.split(separator: ",").map { String($0).trimmingPythonWhitespace() } }
        }
        return (list("expand") ?? [], list("fields"))
    }

    func createWorkItem(_ projectID: String, _ request: SimRequest, userID: String) async throws(PlaneError)
        -> SimResponse
    {
        let body = try parseBody(request)
        let input = try WorkItemInput.validate(body, world: world, projectID: projectID, partial: false)
        if settings.externalPairConflict, let externalID = input.externalID ?? nil, !externalID.isEmpty,
            let externalSource = input.externalSource ?? nil, !externalSource.isEmpty,
            let existing = world.items(in: projectID, externalID: externalID, externalSource: externalSource).first
        {
            throw .conflict("Issue with the same external id and external source already exists", id: existing.id)
        }
        // Plane checks and inserts in separate queries without a lock: let other requests run in between.
        await Self.suspend(for: settings.externalPairRaceWindow)
        guard var project = world.projects[projectID] else { throw .notFound }
        let now = PlaneInstant.now
        let stateID =
            (input.stateID ?? nil)
            ?? world.states(in: projectID).first { $0.isDefault }?.id
            ?? world.states(in: projectID).first { !$0.isTriage }?.id
        var assignees = input.assignees ?? []
        if assignees.isEmpty, let fallback = project.defaultAssigneeID, world.isAssignable(fallback, in: projectID) {
            assignees = [fallback]
        }
        let largest = world.allItems(in: projectID).filter { $0.deletedAt == nil && $0.stateID == stateID }
            .map(\.sortOrder).max()
        var item = WorkItemRecord(
            id: newID(), projectID: projectID, name: input.name ?? "", stateID: stateID,
            sequenceID: project.nextSequenceID, sortOrder: largest.map { $0 + 10_000 } ?? 65_535,
            createdBy: input.createdBy ?? userID, createdAt: now, updatedAt: now)
        project.nextSequenceID += 1
        world.projects[projectID] = project
        item.parentID = input.parentID ?? nil
        item.assignees = assignees
        item.labels = input.labels ?? []
        item.descriptionHTML = input.descriptionHTML ?? "<p></p>"
        item.priority = input.priority ?? "none"
        item.startDate = input.startDate ?? nil
        item.targetDate = input.targetDate ?? nil
        item.externalID = input.externalID ?? nil
        item.externalSource = input.externalSource ?? nil
        updateCompletion(&item, at: now)
        let response = world.renderItem(item, tz)
        // The view writes `created_at` again after the insert; the response was serialized before that.
        item.createdAt = PlaneInstant(microseconds: max(PlaneInstant.now.microseconds, now.microseconds + 1))
        if let backDated = body["created_at"], !backDated.isNull {
            // Plane writes this after the insert; an unparseable value fails after the item is saved.
            guard let text = backDated.stringValue, let instant = PlaneInstant.parse(text) else {
                world.items[item.id] = item
                world.itemOrder.append(item.id)
                throw PlaneError(status: 400, body: ["error": "Please provide valid detail"])
            }
            item.createdAt = instant
        }
        world.items[item.id] = item
        world.itemOrder.append(item.id)
        scheduleBump(item.id, webhook: [.created(by: userID)])
        return .json(201, response)
    }

    func getWorkItem(_ projectID: String, _ itemID: String, _ request: SimRequest) throws(PlaneError) -> SimResponse {
        guard let item = world.items[itemID], item.projectID == projectID, isListed(item) else { throw .notFound }
        let (expand, fields) = shaping(request)
        return .json(200, world.renderItem(item, tz, expand: expand, fields: fields))
    }

    func patchWorkItem(_ projectID: String, _ itemID: String, _ request: SimRequest, userID: String)
        throws(PlaneError) -> SimResponse
    {
        guard let item = world.items[itemID], item.projectID == projectID, item.deletedAt == nil else {
            throw .notFound
        }
        let body = try parseBody(request)
        let input = try WorkItemInput.validate(body, world: world, projectID: projectID, partial: true)
        if let newID = input.externalID ?? nil, !newID.isEmpty, newID != item.externalID {
            let source = (input.externalSource ?? nil) ?? item.externalSource
            let taken = world.allItems(in: projectID).contains {
                $0.deletedAt == nil && $0.externalID == newID && $0.externalSource == source
            }
            if taken {
                throw .conflict("Issue with the same external id and external source already exists", id: item.id)
            }
        }
        let events = webhookEvents(changes: body, before: item, actor: userID)
        let updated = apply(input, to: item, actor: userID, webhook: events)
        return .json(200, world.renderItem(updated, tz))
    }

    /// Writes a validated PATCH as `actor`, bumps `updated_at`/`updated_by`, schedules the activity bump and,
    /// after it, the webhook deliveries of `webhook`.
    @discardableResult
    func apply(_ input: WorkItemInput, to original: WorkItemRecord, actor: String, webhook: [WebhookEvent] = [])
        -> WorkItemRecord
    {
        var item = original
        let now = PlaneInstant.now
        if let name = input.name { item.name = name }
        if let html = input.descriptionHTML { item.descriptionHTML = html }
        if let priority = input.priority { item.priority = priority }
        if let state = input.stateID { item.stateID = state }
        if let parent = input.parentID { item.parentID = parent }
        if let assignees = input.assignees { item.assignees = assignees }
        if let labels = input.labels { item.labels = labels }
        if let start = input.startDate { item.startDate = start }
        if let target = input.targetDate { item.targetDate = target }
        if let externalID = input.externalID { item.externalID = externalID }
        if let externalSource = input.externalSource { item.externalSource = externalSource }
        updateCompletion(&item, at: now)
        item.updatedAt = now
        item.updatedBy = actor
        world.items[item.id] = item
        scheduleBump(item.id, webhook: webhook)
        return item
    }

    /// `completed_at` follows the state: set on entering the completed group, cleared otherwise.
    func updateCompletion(_ item: inout WorkItemRecord, at now: PlaneInstant) {
        let completed = item.stateID.flatMap { world.states[$0] }?.group == "completed"
        if completed {
            if item.completedAt == nil { item.completedAt = now }
        } else {
            item.completedAt = nil
        }
    }

    func deleteWorkItem(_ projectID: String, _ itemID: String, userID: String) throws(PlaneError) -> SimResponse {
        guard var item = world.items[itemID], item.projectID == projectID, item.deletedAt == nil else {
            throw .notFound
        }
        guard item.createdBy == userID || world.isProjectAdmin(userID, in: projectID) else {
            throw PlaneError(status: 403, body: ["error": "Only admin or creator can delete the work item"])
        }
        item.deletedAt = .now
        world.items[itemID] = item
        return SimResponse(status: 204)
    }

    /// A real suspension point: other requests may run on the actor before this one continues. It waits on
    /// the real clock on purpose: it stands for Plane's lack of a lock, not for time a test would move.
    nonisolated static func suspend(for window: Duration) async {
        try? await Task.sleep(for: window)
    }

    /// Plane's activity task sets `updated_at = now()` again a moment after each write (`bumpDelay` on the
    /// simulator's clock); the webhook deliveries of the write are built after it, as Plane's are (their
    /// `data.updated_at` is what a later GET shows, not the write's answer).
    func scheduleBump(_ itemID: String, webhook events: [WebhookEvent] = []) {
        let delay = settings.bumpDelay
        let clock = settings.clock
        let generation = self.generation
        pendingBumps += 1
        Task {
            defer { self.pendingBumps -= 1 }
            do {
                try await clock.sleep(for: delay)
            } catch {
                return
            }
            if self.bump(itemID, generation: generation) { await self.sendWebhooks(itemID, events) }
        }
    }

    /// Whether the bump landed (not after a reset, nor on a deleted item).
    private func bump(_ itemID: String, generation: Int) -> Bool {
        guard generation == self.generation, var item = world.items[itemID], item.deletedAt == nil else {
            return false
        }
        item.updatedAt = max(.now, PlaneInstant(microseconds: item.updatedAt.microseconds + 1))
        world.items[itemID] = item
        return true
    }
}
