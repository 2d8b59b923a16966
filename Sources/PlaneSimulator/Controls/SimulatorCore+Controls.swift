/// Test controls: reset, faults, the request log, and edits made "by a person" in the web app.
extension SimulatorCore {
    func reset() throws(SimulatorError) {
        world = try PlaneWorld(seed: seed, now: .now)
        limiter.reset()
        faults = []
        log = []
        generation += 1
        random = SeededRandom(seed: settings.faultSeed)
    }

    func addFault(_ rule: FaultRule) {
        var remaining: Int?
        if case .next(let count) = rule.selection { remaining = count }
        faults.append(FaultState(rule: rule, remaining: remaining))
    }

    func clearFaults() { faults = [] }

    /// The action of the first matching rule that still applies; consumes its budget.
    func fault(method: String, path: String) -> FaultRule.Action? {
        for index in faults.indices where faults[index].rule.matches(method: method, path: path) {
            switch faults[index].rule.selection {
            case .always: return faults[index].rule.action
            case .next:
                guard let remaining = faults[index].remaining, remaining > 0 else { continue }
                faults[index].remaining = remaining - 1
                return faults[index].rule.action
            case .fraction(let fraction):
                if random.nextUnit() < fraction { return faults[index].rule.action }
            }
        }
        return nil
    }

    func record(_ request: SimRequest, status: Int?, fault: String?) {
        log.append(
            PlaneSimulator.LoggedRequest(request: request, status: status, fault: fault, time: settings.clock.date))
        if log.count > max(settings.requestLogLimit, 1) { log.removeFirst(log.count - settings.requestLogLimit) }
    }

    func clearLog() { log = [] }

    private func actor(_ email: String) throws(SimulatorError) -> String {
        guard let user = world.user(email: email) else { throw .notFound("user") }
        return user.id
    }

    private func storedItem(_ id: String) throws(SimulatorError) -> WorkItemRecord {
        guard let item = world.items[id.lowercased()] else { throw .notFound("work item \(id)") }
        return item
    }

    /// Applies `changes` (a PATCH body) as `actorEmail`, validated like a PATCH but without permission checks.
    func editItemAsPerson(_ itemID: String, actorEmail: String, changes: SimJSON) throws(SimulatorError) -> SimJSON {
        let item = try storedItem(itemID)
        let userID = try actor(actorEmail)
        guard item.deletedAt == nil else { throw .notFound("work item \(itemID) (deleted)") }
        do {
            let input = try WorkItemInput.validate(changes, world: world, projectID: item.projectID, partial: true)
            let events = webhookEvents(changes: changes, before: item, actor: userID)
            return world.renderItem(apply(input, to: item, actor: userID, webhook: events), tz)
        } catch {
            throw .rejected(error.status, error.body.rendered)
        }
    }

    /// Archives the item the way the web app does (`archived_at` = today), as `actorEmail`.
    func archiveItemAsPerson(_ itemID: String, actorEmail: String) throws(SimulatorError) -> SimJSON {
        var item = try storedItem(itemID)
        let userID = try actor(actorEmail)
        let now = PlaneInstant.now
        let archived = tz.date(now)
        let changed = item.archivedAt != archived
        let event = WebhookEvent(
            action: "updated", field: "archived_at", oldValue: .optional(item.archivedAt), newValue: .string(archived),
            actorID: userID)
        item.archivedAt = archived
        item.updatedAt = now
        item.updatedBy = userID
        world.items[item.id] = item
        scheduleBump(item.id, webhook: changed ? [event] : [])
        return world.renderItem(item, tz)
    }

    /// Soft-deletes the item as `actorEmail` (web app delete: no permission check here).
    func deleteItemAsPerson(_ itemID: String, actorEmail: String) throws(SimulatorError) {
        var item = try storedItem(itemID)
        let userID = try actor(actorEmail)
        let now = PlaneInstant.now
        item.deletedAt = now
        item.updatedAt = now
        item.updatedBy = userID
        world.items[item.id] = item
    }

    /// Any stored item, deleted and archived ones included, rendered with `deleted_at`.
    func storedItemJSON(_ itemID: String) -> SimJSON? {
        world.items[itemID.lowercased()].map { world.renderItem($0, tz) }
    }

    func membershipID(projectID: String, email: String) -> String? {
        guard let user = world.user(email: email) else { return nil }
        return world.projects[projectID.lowercased()]?.members.first { $0.userID == user.id }?.id
    }

    func storedItemsJSON(projectID: String?) -> [SimJSON] {
        world.itemOrder.compactMap { world.items[$0] }.filter { projectID == nil || $0.projectID == projectID }
            .map { world.renderItem($0, tz) }
    }
}
