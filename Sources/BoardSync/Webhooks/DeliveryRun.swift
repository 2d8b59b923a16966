import Foundation
import Logging
import PlaneAPI
import SyncCore
import Synchronization

/// Acts on an integration's stored webhook deliveries (whatever replica received them): SyncCore's
/// ``DeliveryChoice`` picks each item's newest delivery that is newer than what is known, and those items
/// are decided at once under the integration's lease, each on its delivery's `data` (``SyncEngine/Options/delivered``):
/// a person's edit becomes a conflict report (`hold`) or is overwritten and reported (`overwrite`); the
/// echo of our own write changes nothing. Every delivery looked at is marked with its verdict, so none is
/// acted on twice; deliveries never move the checkpoint.
struct DeliveryRun: Sendable {
    struct Outcome: Sendable {
        /// Deliveries received since the last turn, acted on here or by another worker, and every one looked
        /// at: its item and when it was received (``EchoWatch`` hears of them, even when the turn fails).
        var received: [(item: String?, receivedAt: Date)] = []
        /// The run that decided the items, when there was something to decide.
        var report: SyncEngine.Report?
        var verdicts: [DeliveryChoice.Verdict: Int] = [:]
        /// Why acting on the deliveries failed (``LeaseUnavailable``: held elsewhere, ask again), after
        /// `received` was read.
        var failure: (any Error)?
    }

    /// When the last turn looked at the deliveries received (one per worker, so per integration).
    final class LookBack: Sendable {
        let last = Mutex<Date?>(nil)
    }

    /// How far back the first turn looks for deliveries received, acted on or not.
    static let firstLookBack: TimeInterval = 15 * 60

    let leasedRun: LeasedRun
    let store: WebhookDeliveryStore
    let now: @Sendable () -> Date
    let logger: Logger
    let lookBack = LookBack()

    init(leasedRun: LeasedRun, now: @escaping @Sendable () -> Date = { Date() }, logger: Logger) {
        self.leasedRun = leasedRun
        store = WebhookDeliveryStore(database: leasedRun.engine.database)
        self.now = now
        self.logger = logger
    }

    /// - Throws: MongoDB errors reading the deliveries; a failure after that is in ``Outcome/failure``.
    func run(
        _ integrationId: String, options makeOptions: @escaping @Sendable (Integration) -> SyncEngine.Options
    ) async throws -> Outcome {
        let read = try await store.pending(integrationId: integrationId)
        var outcome = Outcome(received: read.deliveries.map { ($0.facts.itemId, $0.receivedAt) })
        // Deliveries another worker acted on (several daemons serving one integration) are echoes too. The
        // receiving replica's clock stamps them: look back a little further than the last turn.
        let looked = now()
        let since = lookBack.last.withLock { $0 }.map { $0.addingTimeInterval(-EchoWatch.defaultClockSkew) }
        outcome.received += try await store.received(
            integrationId: integrationId, since: since ?? looked.addingTimeInterval(-Self.firstLookBack))
        lookBack.last.withLock { $0 = looked }
        do {
            try await act(on: read, integrationId, makeOptions, into: &outcome)
        } catch {
            outcome.failure = error
        }
        return outcome
    }

    private func act(
        on read: (deliveries: [StoredDelivery], unreadable: [String]), _ integrationId: String,
        _ makeOptions: @escaping @Sendable (Integration) -> SyncEngine.Options, into outcome: inout Outcome
    ) async throws {
        // A stored delivery that cannot be read any more is marked, not looked at on every turn.
        try await settle(Dictionary(uniqueKeysWithValues: read.unreadable.map { ($0, .ignored) }), into: &outcome)
        let pending = read.deliveries
        guard !pending.isEmpty else { return }
        // Without the lease: settle what is ignored or stale anyway, and take the lease only to decide.
        let first = try await choose(
            pending, IntegrationLoader(database: leasedRun.engine.database).load(id: integrationId))
        guard first.values.contains(.decide) else {
            try await settle(first, into: &outcome)
            return
        }
        let chosen = Mutex<[String: DeliveryChoice.Verdict]>([:])
        let settled = Mutex<[DeliveryChoice.Verdict: Int]>([:])
        outcome.report = try await leasedRun.run(
            integrationId, mode: .incremental, wait: false,
            options: { [self] integration in
                // Read again under the lease: a run that held it may have decided newer news meanwhile.
                let current = try await store.pending(integrationId: integrationId).deliveries
                let verdicts = try await choose(current, integration)
                chosen.withLock { $0 = verdicts }
                var options = makeOptions(integration)
                options.delivered = current.filter { verdicts[$0.id] == .decide }.compactMap { delivery in
                    guard let item = delivery.facts.itemId, let project = delivery.facts.projectId else { return nil }
                    return DeliveredItem(project: project, id: item, workItem: delivery.workItem)
                }
                return options
            },
            afterRun: { [self] report, lease in
                // Marked still under the lease, and only when the run went through its plan: a run stopped by a
                // signal leaves its deliveries to the next turn (or replica).
                guard report.outcome != .stoppedBySignal else { return }
                try await lease.checkBeforeWrite()
                var marked = Outcome()
                try await settle(chosen.withLock { $0 }, into: &marked)
                settled.withLock { $0 = marked.verdicts }
            })
        outcome.verdicts.merge(settled.withLock { $0 }, uniquingKeysWith: +)
    }

    private func choose(_ pending: [StoredDelivery], _ integration: Integration) async throws
        -> [String: DeliveryChoice.Verdict]
    {
        let items = Set(pending.compactMap(\.facts.itemId)).sorted()
        let links = LinkStore(database: leasedRun.engine.database, integrationId: integration.id)
        let known = DeliveryChoice.Known(
            watermarkMicros: integration.checkpoint.remoteWatermark.flatMap(PlaneTimestamp.init)?
                .microsecondsSinceEpoch,
            decidedMicros: try await store.decidedMicros(integrationId: integration.id, items: items).merging(
                try await links.remoteUpdatedMicros(planeItemIds: items), uniquingKeysWith: max))
        return DeliveryChoice.verdicts(
            pending.map(\.facts), externalSource: integration.externalSource,
            projects: Set(integration.planeProjectIds), known: known)
    }

    private func settle(_ verdicts: [String: DeliveryChoice.Verdict], into outcome: inout Outcome) async throws {
        try await store.settle(verdicts, at: now())
        for verdict in verdicts.values { outcome.verdicts[verdict, default: 0] += 1 }
    }
}
