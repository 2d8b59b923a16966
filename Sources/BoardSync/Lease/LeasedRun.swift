import Foundation
import MongoDriver

/// One engine run of one integration under its lease: the lease is taken (with the run's start event),
/// the integration read again (the checkpoint may have moved while another worker held it, and its document
/// may have changed: a rotated key, a new mapping), the run made with the lease's token in every write, what
/// it applied recorded, and the lease given back.
public struct LeasedRun: Sendable {
    public var engine: SyncEngine
    public var keeper: LeaseKeeper

    public init(engine: SyncEngine, keeper: LeaseKeeper) {
        self.engine = engine
        self.keeper = keeper
    }

    /// - Parameter afterRun: what is recorded of the run still under the lease (deliveries marked acted on),
    ///   with the lease to check before writing.
    /// - Throws: ``LeaseUnavailable`` (held elsewhere, `wait` false), ``RunFailure``, ``IntegrationError``.
    public func run(
        _ integrationId: String, mode: SyncEngine.Mode, wait: Bool,
        options makeOptions: @escaping @Sendable (Integration) async throws -> SyncEngine.Options,
        afterRun: (@Sendable (SyncEngine.Report, LeaseHandle) async throws -> Void)? = nil
    ) async throws -> SyncEngine.Report {
        let database = engine.database
        let runId = BSONObjectId().hex
        let token = keeper.makeToken()
        let started = EventLog(database: database, integrationId: integrationId, runId: runId).document(
            .runStarted,
            details: [
                "mode": .string(mode.rawValue), "lease_holder": .string(keeper.holder), "lease_token": .string(token),
            ])
        return try await keeper.withLease(
            integrationId, wait: wait, token: token, runId: runId, runStarted: started
        ) { lease in
            let integration = try await IntegrationLoader(database: database).load(id: integrationId)
            var options = try await makeOptions(integration)
            options.lease = lease
            options.recordedRunId = runId
            let report = try await engine.run(integration, options: options)
            try await afterRun?(report, lease)
            return report
        }
    }
}
