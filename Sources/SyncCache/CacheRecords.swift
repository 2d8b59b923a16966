import Foundation

/// The checkpoint this worker last saved to MongoDB (`integrations.sync_state` holds the truth), with each
/// Plane project's listing position of that run. A run uses the positions only while MongoDB still holds
/// this very checkpoint: anything else (another worker ran, a backup was restored, a save failed) means
/// MongoDB's watermark alone.
public struct CachedCheckpoint: Sendable, Equatable {
    public var scope: String
    public var integrationId: String
    /// Board items with `updated_at` from here (less the overlap) are read next run.
    public var cursor: Date?
    /// Plane's watermark as MongoDB keeps it (Plane's own text, offset and digits kept).
    public var watermark: String?
    /// Per Plane project, where its listing may stop: that project's own watermark, at or after `watermark`
    /// (a project whose changes are all decided need not be read again behind another's held change).
    public var listingPositions: [String: String]
    public var savedAt: Date

    public init(
        scope: String, integrationId: String, cursor: Date?, watermark: String?, listingPositions: [String: String],
        savedAt: Date
    ) {
        self.scope = scope
        self.integrationId = integrationId
        self.cursor = cursor
        self.watermark = watermark
        self.listingPositions = listingPositions
        self.savedAt = savedAt
    }
}

/// The last state of one Plane item a run saw (listed, or answered to a write), for `explain` and
/// `status` without a request.
public struct CachedSnapshot: Sendable, Equatable {
    public var planeItemId: String
    public var boardItemId: String
    public var project: String
    /// Plane's `updated_at`, as Plane wrote it.
    public var updatedAt: String?
    /// Who changed the item last (a user id).
    public var updatedBy: String?
    public var remoteFingerprint: String
    public var seenAt: Date

    public init(
        planeItemId: String, boardItemId: String, project: String, updatedAt: String?, updatedBy: String?,
        remoteFingerprint: String, seenAt: Date
    ) {
        self.planeItemId = planeItemId
        self.boardItemId = boardItemId
        self.project = project
        self.updatedAt = updatedAt
        self.updatedBy = updatedBy
        self.remoteFingerprint = remoteFingerprint
        self.seenAt = seenAt
    }
}

/// One kind of Plane metadata (states, labels, members, ...) of one project, as fetched, with when.
public struct CachedMetadata: Sendable, Equatable {
    /// `states`, `labels`, `members`, `project`, ...; the caller's names.
    public var kind: String
    /// The project, or `*` for what belongs to the workspace or the key.
    public var project: String
    /// The payload as the caller encoded it (JSON).
    public var payload: Data
    /// Values looked for in this copy and not found (lowercased): not evidence of staleness again.
    public var absent: Set<String>
    public var fetchedAt: Date

    public init(kind: String, project: String, payload: Data, absent: Set<String> = [], fetchedAt: Date) {
        self.kind = kind
        self.project = project
        self.payload = payload
        self.absent = absent
        self.fetchedAt = fetchedAt
    }
}

/// One finished run, for `status` and for the summary history.
public struct RunRecord: Sendable, Equatable {
    public var integrationId: String
    /// `sync`, `resync`, ...
    public var mode: String
    public var startedAt: Date
    public var duration: Duration
    public var exitCode: Int
    /// The run summary as JSON (the `--json` output of the run).
    public var summaryJSON: String

    public init(
        integrationId: String, mode: String, startedAt: Date, duration: Duration, exitCode: Int, summaryJSON: String
    ) {
        self.integrationId = integrationId
        self.mode = mode
        self.startedAt = startedAt
        self.duration = duration
        self.exitCode = exitCode
        self.summaryJSON = summaryJSON
    }
}

/// What the file holds, for `boardsync check` and `status`.
public struct CacheContents: Sendable, Equatable {
    /// The database file and its `-wal`, in bytes.
    public var bytes: Int64
    public var metadataEntries: Int
    /// The oldest and newest metadata fetch kept.
    public var oldestMetadata: Date?
    public var newestMetadata: Date?
    public var snapshots: Int
    public var newestSnapshot: Date?
    public var runs: Int
    public var lastRun: Date?
}

extension Date {
    var milliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }

    init(milliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}
