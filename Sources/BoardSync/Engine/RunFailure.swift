import SyncCore

/// A run that stopped before the end, with what it had done.
public struct RunFailure: Error, Sendable, CustomStringConvertible {
    public var summary: RunSummary
    public var stopped: RunStopped

    public var description: String { stopped.description }

    /// What the run's exit code is decided from.
    public var outcome: RunOutcome {
        switch stopped.kind {
        case .outage: .unavailable
        case .configuration: .configuration
        case .leaseLost: .leaseUnavailable
        case .stopped: .stoppedBySignal
        }
    }
}

extension RunSummary {
    /// For a dry run: what applying the plan would count (SyncCore's ``SyncPlan/predictedCounts``), added to
    /// what was counted before planning (board documents that cannot be read).
    mutating func count(_ plan: SyncPlan) {
        for (line, count) in plan.predictedCounts { add(line, count) }
    }

    /// One more action on this line of the summary.
    mutating func add(_ line: RunCount, _ count: Int = 1) {
        switch line {
        case .created: created += count
        case .updated: updated += count
        case .unchanged: unchanged += count
        case .deleted: deleted += count
        case .recreated: recreated += count
        case .adopted: adopted += count
        case .conflicts: conflicts += count
        case .failed: failed += count
        case .skipped: skipped += count
        case .unlinked: unlinked += count
        case .labelsCreated: labelsCreated += count
        }
    }
}
