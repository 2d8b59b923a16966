import Foundation

/// The cache's copy of an integration's checkpoint (`integrations.sync_state` holds the truth).
public struct CachedCheckpoint: Sendable, Equatable {
    public var integrationId: String
    /// Board items with `updated_at` from here (less the overlap) are read next run.
    public var cursor: Date?
    /// Plane's newest `updated_at` seen, in microseconds since the epoch (Plane keeps microseconds).
    public var remoteWatermarkMicroseconds: Int64?
    public var lastSuccessAt: Date?
    public var savedAt: Date

    public init(
        integrationId: String, cursor: Date?, remoteWatermarkMicroseconds: Int64?, lastSuccessAt: Date?, savedAt: Date
    ) {
        self.integrationId = integrationId
        self.cursor = cursor
        self.remoteWatermarkMicroseconds = remoteWatermarkMicroseconds
        self.lastSuccessAt = lastSuccessAt
        self.savedAt = savedAt
    }
}

/// The fingerprints of one mirrored item as last pushed, for telling "nothing changed" without rendering.
public struct CachedFingerprint: Sendable, Equatable {
    public var integrationId: String
    public var boardItemId: String
    public var planeItemId: String?
    public var inputFingerprint: String
    public var remoteFingerprint: String?
    public var updatedAt: Date

    public init(
        integrationId: String, boardItemId: String, planeItemId: String?, inputFingerprint: String,
        remoteFingerprint: String?, updatedAt: Date
    ) {
        self.integrationId = integrationId
        self.boardItemId = boardItemId
        self.planeItemId = planeItemId
        self.inputFingerprint = inputFingerprint
        self.remoteFingerprint = remoteFingerprint
        self.updatedAt = updatedAt
    }
}

/// Plane metadata (states, labels, members) of one project, as fetched, with when.
public struct CachedMetadata: Sendable, Equatable {
    /// What it is: `states`, `labels`, `members`, ...
    public var kind: String
    /// The payload as the caller encoded it (JSON).
    public var payload: Data
    public var fetchedAt: Date
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

extension Date {
    var milliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }

    init(milliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}
