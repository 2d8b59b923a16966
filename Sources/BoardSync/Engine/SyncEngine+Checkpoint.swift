import Foundation
import MongoDriver
import PlaneAPI
import SyncCore

extension SyncEngine {
    /// Moves the checkpoint forward as SyncCore's ``CheckpointRule`` says: the cursor to the newest board
    /// update read (before the oldest item left unsettled, never past the database's now less a margin),
    /// the watermark to Plane's newest `updated_at` seen (before any change left undecided). Once MongoDB
    /// holds it, the cache keeps a copy with each project's own watermark, where the next run's listing of
    /// that project may stop (a project is not read again behind another project's held change).
    func saveCheckpoint(
        _ integration: Integration, gathered: SyncInput, unsettled: Set<BoardItemID>, heldPlaneItems: Set<String>,
        writes: [String: PlaneTimestamp], boardPass: Bool, cache: RunCache?, now: Date
    ) async throws {
        let previousWatermark = integration.checkpoint.remoteWatermark.flatMap(PlaneTimestamp.init)
        // Plane changes of items a stopped run did not reach stay after the watermark, to be read again.
        var undecided = gathered.undecidedByProject
        for id in heldPlaneItems {
            guard let item = gathered.planeWorkItems[id], let updated = item.updatedAt?.microsecondsSinceEpoch,
                let project = item.project?.id
            else { continue }
            undecided[project, default: []].append(updated)
        }
        let oldestWrite = writes.values.min()
        let next = CheckpointRule.advance(
            CheckpointFacts(
                previous: Checkpoint(
                    cursor: integration.checkpoint.cursor, watermarkMicros: previousWatermark?.microsecondsSinceEpoch),
                newestBoardUpdate: gathered.newestBoardUpdate,
                unsettledBoardUpdates: gathered.boardUpdates.filter { unsettled.contains($0.key) }.map(\.value),
                serverNow: gathered.serverNow,
                newestPlaneUpdate: gathered.newestPlaneUpdate?.microsecondsSinceEpoch,
                oldestWrite: oldestWrite?.microsecondsSinceEpoch, undecidedPlaneChanges: undecided.values.flatMap { $0 }
            ))
        // Plane's own text when the watermark is a time Plane wrote (its offset and digits kept).
        let known =
            [gathered.newestPlaneUpdate, oldestWrite, previousWatermark].compactMap { $0 } + writes.values
            + gathered.newestByProject.values
        let watermark = next.watermarkMicros.map { Self.text($0, known: known) }
        var state: BSONDocument = [
            "sync_state.cursor": next.cursor.map(BSONValue.date) ?? .null,
            "sync_state.remote_watermark": watermark.map(BSONValue.string) ?? .null,
            "sync_state.last_success_at": .date(now),
        ]
        if boardPass {
            // The whole board was decided under this configuration: the next pass is due on schedule, or
            // at once when the document changes.
            state["sync_state.board_pass_at"] = .date(now)
            state["sync_state.configuration_digest"] = .string(Fingerprint.configuration(integration.configuration))
        }
        try await database.collection(CollectionNames.integrations).updateOne(
            ["_id": .string(integration.id)], ["$set": .document(state)])
        guard let cache else { return }
        var positions: [String: String] = [:]
        if let global = next.watermarkMicros {
            for project in integration.planeProjectIds {
                let own = CheckpointRule.advance(
                    CheckpointFacts(
                        previous: Checkpoint(watermarkMicros: global),
                        newestPlaneUpdate: gathered.newestByProject[project]?.microsecondsSinceEpoch,
                        oldestWrite: writes[project]?.microsecondsSinceEpoch,
                        undecidedPlaneChanges: undecided[project] ?? []))
                if let micros = own.watermarkMicros, micros > global {
                    positions[project] = Self.text(micros, known: known)
                }
            }
        }
        await copyCheckpoint(
            integration, cursor: next.cursor, watermark: watermark, positions: positions, cache: cache, now: now)
    }

    private static func text(_ micros: Int64, known: [PlaneTimestamp]) -> String {
        known.first { $0.microsecondsSinceEpoch == micros }?.description
            ?? PlaneTimestamp(microsecondsSinceEpoch: micros, utcOffsetSeconds: known.first?.utcOffsetSeconds ?? 0)
            .description
    }
}
