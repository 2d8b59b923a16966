import Foundation
import Logging
import MongoDriver
import PlaneAPI
import SyncCache
import SyncCore

/// Where a run uses the SQLite cache: Plane's metadata (``PlaneMetadataSource``), the copy of the checkpoint
/// with each project's listing position, the last Plane snapshot of each linked item, and the run history.
/// MongoDB and Plane stay the truth: without the file, or with it deleted, a run writes the same.
extension SyncEngine {
    /// The cache as this run of `integration` uses it (nil without a cache, or when the key cannot be read:
    /// the run then fails on the key anyway).
    func runCache(_ integration: Integration) -> RunCache? {
        guard let cache, let key = try? integration.apiKey() else { return nil }
        return RunCache(
            cache: cache, scope: LocalCache.scope(integration, database: database.name, key: key), logger: logger)
    }

    func metadataSource(
        _ integration: Integration, client: PlaneClient, cache: RunCache?, now: @escaping @Sendable () -> Date
    ) -> PlaneMetadataSource {
        PlaneMetadataSource(
            loader: PlaneMetadataLoader(
                client: client, integrationId: integration.id, projectFields: integration.planeProjectFields),
            cache: cache, ttl: metadataTTL, now: now)
    }

    /// Where each project's listing may stop this run: the positions the cache kept with its copy of the
    /// checkpoint, as SyncCore's ``CheckpointRule/cachedListingPositions(copy:positions:saved:)`` allows.
    func listingPositions(_ integration: Integration, cache: RunCache?) async -> [String: PlaneTimestamp] {
        guard let copy = await cache?.use({ cache, scope in try await cache.checkpoint(scope: scope) }) ?? nil else {
            return [:]
        }
        func micros(_ text: String?) -> Int64? { text.flatMap(PlaneTimestamp.init)?.microsecondsSinceEpoch }
        let saved = integration.checkpoint
        return CheckpointRule.cachedListingPositions(
            copy: Checkpoint(cursor: copy.cursor, watermarkMicros: micros(copy.watermark)),
            positions: copy.listingPositions.compactMapValues(micros),
            saved: Checkpoint(cursor: saved.cursor, watermarkMicros: micros(saved.remoteWatermark))
        ).mapValues { PlaneTimestamp(microsecondsSinceEpoch: $0) }
    }

    /// After MongoDB saved the checkpoint: the cache's copy of it, with each project's listing position.
    func copyCheckpoint(
        _ integration: Integration, cursor: Date?, watermark: String?, positions: [String: String], cache: RunCache?,
        now: Date
    ) async {
        _ = await cache?.use { cache, scope in
            try await cache.saveCheckpoint(
                CachedCheckpoint(
                    scope: scope, integrationId: integration.id, cursor: cursor, watermark: watermark,
                    listingPositions: positions, savedAt: now))
        }
    }

    /// The last state of each linked Plane item this run saw (listed, or answered to its write).
    func keepSnapshots(
        _ gathered: SyncInput, answers: [BoardItemID: PlaneItemSnapshot], removed: [BoardItemID],
        cache: RunCache?, now: Date
    ) async {
        guard let cache else { return }
        var seen: [BoardItemID: PlaneItemSnapshot] = [:]
        for item in gathered.items {
            guard let planeId = item.link?.planeItemId, case .present(let snapshot) = item.plane, snapshot.id == planeId
            else { continue }
            seen[item.boardItemId] = snapshot
        }
        seen.merge(answers) { _, answer in answer }
        let snapshots = seen.map { id, snapshot in
            CachedSnapshot(
                planeItemId: snapshot.id, boardItemId: id.externalId, project: snapshot.projectId,
                updatedAt: snapshot.updatedAtMicros == 0
                    ? nil
                    : PlaneTimestamp(microsecondsSinceEpoch: snapshot.updatedAtMicros, utcOffsetSeconds: 0).description,
                updatedBy: snapshot.updatedBy, remoteFingerprint: Fingerprint.remote(snapshot.values), seenAt: now)
        }
        _ = await cache.use { cache, scope in
            try await cache.saveSnapshots(scope: scope, snapshots)
            try await cache.removeSnapshots(scope: scope, boardItemIds: removed.map(\.externalId))
        }
    }

    /// One line of run history, with the exit code of ``RunOutcome`` (the command line's).
    func recordRun(_ summary: RunSummary, startedAt: Date, outcome: RunOutcome, cache: RunCache?) async {
        guard let cache else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let json = try? encoder.encode(summary) else { return }
        _ = await cache.use { cache, _ in
            try await cache.recordRun(
                RunRecord(
                    integrationId: summary.integration, mode: summary.mode, startedAt: startedAt,
                    duration: .seconds(summary.durationSeconds), exitCode: Int(outcome.exitCode),
                    summaryJSON: String(decoding: json, as: UTF8.self)))
        }
    }
}
