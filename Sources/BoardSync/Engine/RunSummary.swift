import Foundation

/// What a run did, for the terminal, `--json`, the run history and (later) events.
public struct RunSummary: Sendable, Codable, Equatable {
    public struct API: Sendable, Codable, Equatable {
        public var reads = 0
        public var writes = 0
        public var throttled = 0
        /// Reads of states, labels, members, projects (counted in `reads` too).
        public var metadataReads = 0

        enum CodingKeys: String, CodingKey {
            case reads, writes, throttled
            case metadataReads = "metadata_reads"
        }
    }

    public var integration: String
    public var mode: String
    public var dryRun = false
    public var created = 0
    public var updated = 0
    public var unchanged = 0
    public var deleted = 0
    public var recreated = 0
    public var adopted = 0
    public var conflicts = 0
    public var failed = 0
    public var skipped = 0
    public var unlinked = 0
    public var labelsCreated = 0
    public var api = API()
    public var rateWaitSeconds = 0.0
    public var durationSeconds = 0.0
    /// Why the run stopped early, or why deletes were held back, when it did.
    public var stoppedBecause: String?
    /// Why this incremental run read the whole board (SyncCore's ``BoardPassReason``), when it did.
    public var boardPass: String?
    /// One line per item that failed or could not be mirrored.
    public var problems: [String] = []
    /// What was synced but needs someone's attention all the same (board items stamped by a clock that runs
    /// ahead of the database's).
    public var warnings: [String] = []
    /// One line per item whose hand edits in Plane were overwritten (policy `remote_edits: overwrite`),
    /// with the values that were lost.
    public var overwritten: [String] = []

    public init(integration: String, mode: String) {
        self.integration = integration
        self.mode = mode
    }

    enum CodingKeys: String, CodingKey {
        case integration, mode
        case dryRun = "dry_run"
        case created, updated, unchanged, deleted, recreated, adopted, conflicts, failed, skipped, unlinked
        case labelsCreated = "labels_created"
        case api
        case rateWaitSeconds = "rate_wait_seconds"
        case durationSeconds = "duration_seconds"
        case stoppedBecause = "stopped_because"
        case boardPass = "board_pass"
        case problems, warnings, overwritten
    }
}
