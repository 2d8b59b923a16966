import Synchronization

/// The workers this replica runs, by integration: where the board watcher posts an edit of a board project
/// and the daemon a retirement, and what the heartbeat announces as served.
final class WorkerDirectory: Sendable {
    private struct Entry {
        var integration: Integration
        var inbox: AsyncStream<IntegrationWorker.Wake>.Continuation
        var projects: Set<String> { Set(integration.projects.map(\.boardProjectId)) }
    }

    private let entries = Mutex<[String: Entry]>([:])

    /// The integrations served here, sorted.
    var ids: [String] { entries.withLock { $0.keys.sorted() } }

    /// The integration as this replica last loaded it.
    func integration(_ id: String) -> Integration? { entries.withLock { $0[id]?.integration } }

    func add(_ integration: Integration, inbox: AsyncStream<IntegrationWorker.Wake>.Continuation) {
        entries.withLock { $0[integration.id] = Entry(integration: integration, inbox: inbox) }
    }

    /// A changed document: its board projects decide which edits wake the worker from now on.
    func update(_ integration: Integration) {
        entries.withLock { $0[integration.id]?.integration = integration }
    }

    /// Tells the worker to stop once its run in flight is done, and forgets it.
    func retire(_ id: String) {
        let inbox = entries.withLock { $0.removeValue(forKey: id)?.inbox }
        inbox?.yield(.retire)
    }

    /// A webhook delivery was stored for `integrationId` (nil: for any, as after a lost position): wakes its
    /// worker, if this replica runs it.
    func delivered(integrationId: String?) {
        let inboxes = entries.withLock { entries in
            entries.filter { integrationId == nil || $0.key == integrationId }.map(\.value.inbox)
        }
        for inbox in inboxes { inbox.yield(.delivered) }
    }

    /// An item of `project` changed (nil: unknown, as for a delete, or every project after the stream lost
    /// its position): wakes the workers mapping it.
    func boardChanged(project: String?) {
        let inboxes = entries.withLock { entries in
            entries.values.filter { project == nil || $0.projects.contains(project!) }.map(\.inbox)
        }
        for inbox in inboxes { inbox.yield(.boardChanged) }
    }
}
