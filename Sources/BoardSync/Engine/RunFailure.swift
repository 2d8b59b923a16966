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
    /// For a dry run: what applying the plan would do.
    mutating func count(_ plan: SyncPlan) {
        let counts = plan.summary
        created = counts.count(.create) + counts.count(.settleCreating)
        updated = counts.count(.update)
        deleted = counts.count(.delete)
        recreated = counts.count(.recreate)
        adopted = counts.count(.adopt) + counts.count(.relink)
        conflicts = counts.count(.conflict)
        unlinked = counts.count(.unlink)
        labelsCreated = counts.count(.createLabel)
        skipped = counts.count(.skip)
    }
}
