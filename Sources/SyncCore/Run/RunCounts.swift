/// The line of the run summary an action lands on: one rule for the dry run's prediction and the real
/// run's count, so `sync --dry-run` says what `sync` then does (when no write fails).
public enum RunCount: String, Sendable, Hashable, CaseIterable {
    case created, updated, unchanged, deleted, recreated, adopted, conflicts, failed, skipped, unlinked
    case labelsCreated = "labels_created"
}

extension SyncAction {
    /// Whether applying it sends a write to Plane (create, update, delete ...), which `resync` re-reads the
    /// board item before.
    public var writesPlane: Bool {
        switch self {
        case .create, .recreate, .settleCreating, .update, .adopt, .relink, .delete: true
        case .createLabel, .unlink, .conflict, .skip: false
        }
    }
}

extension PlannedAction {
    /// Where this action counts when it succeeds. A `settleCreating` that finds the earlier POST landed
    /// counts as adopted, which only the lookup tells: before it, it counts as created.
    public var runCount: RunCount {
        switch action {
        case .createLabel: .labelsCreated
        case .create, .settleCreating: .created
        case .update: .updated
        case .delete: .deleted
        case .recreate: .recreated
        case .adopt, .relink: .adopted
        case .unlink: .unlinked
        case .conflict: .conflicts
        case .skip(let reason): reason.runCount
        }
    }
}

extension SkipReason {
    /// Whether the item's outcome is still to come: the cursor stays before it, so the next run reads it
    /// again (a delete the breaker held). Other skips are settled (recorded on the link where needed).
    public var holdsCursor: Bool { self == .deleteBlocked }

    /// Unchanged items are unchanged, items that cannot be mirrored failed, the rest skipped.
    public var runCount: RunCount {
        switch self {
        case .unchanged, .noEffectiveChange: .unchanged
        case .itemProblem: .failed
        default: .skipped
        }
    }
}

extension SyncPlan {
    /// What applying the plan would count, line by line (every write succeeding).
    public var predictedCounts: [RunCount: Int] {
        var counts: [RunCount: Int] = [:]
        for action in actions { counts[action.runCount, default: 0] += 1 }
        return counts
    }
}
