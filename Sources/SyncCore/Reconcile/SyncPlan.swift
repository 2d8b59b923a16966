/// The ordered result of a reconcile: labels first, parents before children, deletes last.
public struct SyncPlan: Sendable, Hashable {
    public var actions: [PlannedAction]
    /// Set when the plan must not be applied as is (mass-delete breaker); it then holds no deletes.
    public var blocked: String?
    /// What adoption by title decided (`resync --adopt-by-title`), applied before the actions: the matched
    /// items' `adopt` actions come after the Plane item carries our external pair.
    public var titleAdoption: TitleAdoption?

    public init(actions: [PlannedAction], blocked: String? = nil, titleAdoption: TitleAdoption? = nil) {
        self.actions = actions
        self.blocked = blocked
        self.titleAdoption = titleAdoption
    }

    public var summary: PlanSummary { PlanSummary(actions: actions) }

    /// The actions concerning one board item, in plan order.
    public func actions(for id: BoardItemID) -> [PlannedAction] {
        actions.filter { $0.boardItemId == id }
    }
}

/// Counts per action kind and the API calls a plan will spend.
public struct PlanSummary: Sendable, Hashable, CustomStringConvertible {
    public var counts: [SyncActionKind: Int]
    public var estimatedWrites: Int
    public var estimatedReads: Int

    public init(actions: [PlannedAction]) {
        counts = [:]
        for action in actions { counts[action.kind, default: 0] += 1 }
        estimatedWrites = actions.reduce(0) { $0 + $1.estimatedWrites }
        estimatedReads = actions.reduce(0) { $0 + $1.estimatedReads }
    }

    public func count(_ kind: SyncActionKind) -> Int { counts[kind] ?? 0 }

    /// Seconds the plan's API calls take at `requestsPerMinute` (the key's rate budget).
    public func estimatedSeconds(requestsPerMinute: Int) -> Int {
        guard requestsPerMinute > 0 else { return 0 }
        let calls = estimatedWrites + estimatedReads
        return (calls * 60 + requestsPerMinute - 1) / requestsPerMinute
    }

    /// "about 2 h 45 min" for the plan's calls at `requestsPerMinute`.
    public func durationText(requestsPerMinute: Int) -> String {
        let seconds = estimatedSeconds(requestsPerMinute: requestsPerMinute)
        if seconds < 60 { return "about \(seconds) s" }
        let minutes = (seconds + 59) / 60
        if minutes < 60 { return "about \(minutes) min" }
        return "about \(minutes / 60) h \(minutes % 60) min"
    }

    public var description: String {
        let parts = SyncActionKind.allCases.compactMap { kind in counts[kind].map { "\(kind.rawValue) \($0)" } }
        return parts.joined(separator: ", ") + "; about \(estimatedWrites) writes and \(estimatedReads) reads"
    }
}
