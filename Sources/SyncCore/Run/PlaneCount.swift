/// What a run keeps per Plane project to notice items deleted (or archived) by hand without listing the
/// project every time (issue 12, case 10). Plane has no "deleted since" listing; each list page says how
/// many items the project shows (`total_count`, every visible item: ours and everyone else's). Kept:
/// `offset` = shown items − links to items of the project, as of the last run that could trust it, and
/// `mark`, Plane's newest `updated_at` that run saw.
public struct PlaneCount: Sendable, Hashable {
    public var offset: Int
    /// Microseconds since the epoch: items created after it are new to the count.
    public var mark: Int64

    public init(offset: Int, mark: Int64) {
        self.offset = offset
        self.mark = mark
    }
}

/// When a project is listed whole to find what was deleted by hand, and what count is kept after a run.
///
/// The check: shown − linked must equal the kept offset plus the items someone else created since the
/// mark (each seen in this run's recent changes: created after the mark, not linked). Our own creates and
/// deletes move shown and linked alike. Anything else (an item of ours deleted or archived by hand, an
/// item of someone else's deleted, a write of ours whose link was never recorded) makes them disagree, and
/// the project is listed whole once: no deletion goes unseen, and the cost of one that is not ours is one
/// listing.
public enum PlaneCountRule {
    /// - Parameters:
    ///   - shown: the project's `total_count` from this run's first page; nil when Plane did not say.
    ///   - linked: links of the integration to items of the project, when the listing was read.
    ///   - newOthers: items of this run's recent changes created after `kept.mark` and linked to nothing.
    ///   - listedWhole: this run's read of the project already holds every item it shows.
    public static func needsFullListing(shown: Int?, linked: Int, newOthers: Int, kept: PlaneCount?, listedWhole: Bool)
        -> Bool
    {
        if listedWhole { return false }
        guard let kept else { return true }
        guard let shown else { return false }
        return shown - linked != kept.offset + newOthers
    }

    /// The count to keep after a run that completed, or nil to keep the one kept: a disagreement the run
    /// could not settle (an item found missing whose action failed) must show again next run.
    /// - Parameters:
    ///   - shown: `total_count` as this run read it (the whole listing's, when it listed the project whole).
    ///   - writes: how this run's applied writes moved what the project shows (+1 per item created, −1 per
    ///     item deleted).
    ///   - linkedAfter: links to items of the project once the run applied its plan.
    ///   - settled: the counts agreed, or every item found missing was decided and applied.
    public static func next(shown: Int, writes: Int, linkedAfter: Int, newestSeen: Int64, settled: Bool)
        -> PlaneCount?
    {
        guard settled else { return nil }
        return PlaneCount(offset: shown + writes - linkedAfter, mark: newestSeen)
    }
}
