import Foundation
import Logging
import PlaneAPI
import SyncCache
import SyncCore

/// Where the run uses the SQLite cache: Plane metadata (short expiry), a copy of the checkpoint, run
/// history. MongoDB and Plane stay the truth: without the file, or with it deleted, a run does the same.
extension SyncEngine {
    func planeContext(_ integration: Integration, client: PlaneClient, now: Date) async throws -> PlaneContext {
        let projects = integration.planeProjectIds
        let cached = cache.map { PlaneContextCache(cache: $0, integrationId: integration.id, logger: logger) }
        if let context = await cached?.load(projects: projects, now: now) { return context }
        let context = try await stopOnPlaneFailure {
            try await PlaneMetadataLoader(client: client, integrationId: integration.id).load(projects: projects)
        }
        await cached?.save(context, fetchedAt: now)
        return context
    }

    /// Labels created this run are not in the cached metadata: the next run reads it again.
    func afterApplying(_ plan: SyncPlan, _ integration: Integration) async {
        guard let cache, plan.actions.contains(where: { $0.kind == .createLabel }) else { return }
        await PlaneContextCache(cache: cache, integrationId: integration.id, logger: logger)
            .invalidate(projects: integration.planeProjectIds)
    }

    func copyCheckpoint(_ integrationId: String, cursor: Date?, watermark: String?, now: Date) async {
        guard let cache else { return }
        do {
            try await cache.saveCheckpoint(
                CachedCheckpoint(
                    integrationId: integrationId, cursor: cursor,
                    remoteWatermarkMicroseconds: watermark.flatMap(PlaneTimestamp.init)?.microsecondsSinceEpoch,
                    lastSuccessAt: now, savedAt: now))
        } catch {
            logger.warning("checkpoint not copied to the cache: \(error)")
        }
    }

    /// One line of run history, with the exit code of ``RunOutcome`` (the command line's).
    func recordRun(_ summary: RunSummary, startedAt: Date, outcome: RunOutcome) async {
        guard let cache else { return }
        let exitCode = Int(outcome.exitCode)
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let json = String(decoding: try encoder.encode(summary), as: UTF8.self)
            try await cache.recordRun(
                RunRecord(
                    integrationId: summary.integration, mode: summary.mode, startedAt: startedAt,
                    duration: .milliseconds(Int64(summary.durationSeconds * 1000)), exitCode: exitCode,
                    summaryJSON: json))
        } catch {
            logger.warning("run not recorded in the cache: \(error)")
        }
    }
}
