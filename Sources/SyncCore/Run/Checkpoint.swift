import Foundation

/// Where the next incremental run starts (docs/architecture.md, "Order of a run"): the board cursor and
/// Plane's watermark, as `integrations.sync_state` keeps them.
public struct Checkpoint: Sendable, Hashable {
    /// Board items updated at or after this, less the overlap, are read next.
    public var cursor: Date?
    /// Plane's `updated_at` (microseconds since the epoch) down to which Plane's changes are decided.
    public var watermarkMicros: Int64?

    public init(cursor: Date? = nil, watermarkMicros: Int64? = nil) {
        self.cursor = cursor
        self.watermarkMicros = watermarkMicros
    }
}

/// What a run that completed knows for its checkpoint.
public struct CheckpointFacts: Sendable, Hashable {
    public var previous: Checkpoint
    /// The newest board `updated_at` read this run.
    public var newestBoardUpdate: Date?
    /// `updated_at` of the board items whose outcome this run left unsettled (an outage, a stop, a held
    /// delete): the cursor stays at the oldest, so the next run reads them again.
    public var unsettledBoardUpdates: [Date]
    /// The database's own clock when the board was read (MongoDB's `hello`), nil when unknown.
    public var serverNow: Date?
    /// Plane's newest `updated_at` listed this run.
    public var newestPlaneUpdate: Int64?
    /// The oldest `updated_at` of Plane's answers to this run's writes: the watermark of a run that began
    /// with an empty Plane.
    public var oldestWrite: Int64?
    /// `updated_at` of Plane changes listed but not decided (an item in backoff, an unreadable board
    /// document, actions a stop left undone): the watermark stays before the oldest.
    public var undecidedPlaneChanges: [Int64]

    public init(
        previous: Checkpoint, newestBoardUpdate: Date? = nil, unsettledBoardUpdates: [Date] = [],
        serverNow: Date? = nil, newestPlaneUpdate: Int64? = nil, oldestWrite: Int64? = nil,
        undecidedPlaneChanges: [Int64] = []
    ) {
        self.previous = previous
        self.newestBoardUpdate = newestBoardUpdate
        self.unsettledBoardUpdates = unsettledBoardUpdates
        self.serverNow = serverNow
        self.newestPlaneUpdate = newestPlaneUpdate
        self.oldestWrite = oldestWrite
        self.undecidedPlaneChanges = undecidedPlaneChanges
    }
}

/// How the checkpoint moves forward, and which board timestamps are not to be believed.
public enum CheckpointRule {
    /// The cursor never passes the database's now less this: a board writer whose clock runs ahead (a
    /// minute, a day, year 9999) cannot carry it into the future, where no later edit would reach it.
    public static let serverClockMargin: TimeInterval = 60
    /// A board `updated_at` more than this ahead of the database's clock is reported as skewed.
    public static let skewTolerance: TimeInterval = 10

    /// The per-project listing positions a run may take from the local cache's copy of the checkpoint
    /// (microseconds, by Plane project): only while MongoDB holds that very checkpoint (the cursor to the
    /// millisecond, the watermark), and only positions after the watermark. A copy ahead of MongoDB's or
    /// behind it (a restored backup, another worker's run, a failed save) gives none: MongoDB is the truth,
    /// and a lost cache costs only reads.
    public static func cachedListingPositions(copy: Checkpoint, positions: [String: Int64], saved: Checkpoint)
        -> [String: Int64]
    {
        func milliseconds(_ date: Date?) -> Int64? { date.map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) } }
        guard milliseconds(copy.cursor) == milliseconds(saved.cursor), copy.watermarkMicros == saved.watermarkMicros,
            let watermark = saved.watermarkMicros
        else { return [:] }
        return positions.filter { $0.value > watermark }
    }

    public static func advance(_ facts: CheckpointFacts) -> Checkpoint {
        var cursor = facts.newestBoardUpdate ?? facts.previous.cursor
        if let held = facts.unsettledBoardUpdates.min() { cursor = min(cursor ?? held, held) }
        if let now = facts.serverNow, let moved = cursor {
            cursor = min(moved, now.addingTimeInterval(-serverClockMargin))
        }
        var watermark = facts.newestPlaneUpdate ?? facts.oldestWrite
        if let undecided = facts.undecidedPlaneChanges.min(), let seen = watermark, undecided <= seen {
            watermark = undecided - 1
        }
        return Checkpoint(cursor: cursor, watermarkMicros: watermark ?? facts.previous.watermarkMicros)
    }

    /// Whether a board `updated_at` is ahead of the database's clock: written by a machine whose clock
    /// runs fast. Such an item is still synced; it is reported so that someone fixes the clock.
    public static func isSkewed(_ updatedAt: Date, serverNow: Date) -> Bool {
        updatedAt.timeIntervalSince(serverNow) > skewTolerance
    }
}
