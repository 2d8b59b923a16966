import Foundation
import SyncCore

/// `resync` shows its plan before applying it, and the board can change meanwhile: each board item is
/// read again before its Plane write, and one that changed is left to the next sync (its newer
/// `updated_at` is past the checkpoint) instead of being written from stale values.
struct BoardFreshness: Sendable {
    let reader: BoardReader
    /// `updated_at` of each board item when the plan was made.
    let planned: [BoardItemID: Date]

    /// Whether the item is as the plan saw it (or the plan saw no board item for it).
    func isUnchanged(_ id: BoardItemID) async throws -> Bool {
        guard let seen = planned[id] else { return true }
        let now = try await reader.items([id])
        return now.items.first?.updatedAt == seen
    }

}
