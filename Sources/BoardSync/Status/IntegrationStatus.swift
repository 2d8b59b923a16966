import Essentials
import Foundation
import MongoDriver
import SyncCache
import SyncCore

/// `boardsync status`: where one integration stands, read from MongoDB (so any pod can answer).
public struct IntegrationStatus: Sendable, Codable, Equatable {
    public struct FailingItem: Sendable, Codable, Equatable {
        public var boardItemId: String
        public var attempts: Int
        public var nextAttemptAt: Date?
        public var lastError: String?

        enum CodingKeys: String, CodingKey {
            case boardItemId = "board_item_id"
            case attempts
            case nextAttemptAt = "next_attempt_at"
            case lastError = "last_error"
        }
    }

    public struct Run: Sendable, Codable, Equatable {
        public var subject: String
        public var time: Date
        public var mode: String?
        public var created: Int?
        public var updated: Int?
        public var deleted: Int?
        public var conflicts: Int?
        public var failed: Int?
        public var durationSeconds: Double?
        /// Why a run stopped early (`board.sync.run.failed`).
        public var reason: String?
        /// The run's exit code (``RunOutcome``): 143 for a run stopped by a signal.
        public var exitCode: Int?

        enum CodingKeys: String, CodingKey {
            case subject, time, mode, created, updated, deleted, conflicts, failed
            case durationSeconds = "duration_seconds"
            case reason
            case exitCode = "exit_code"
        }
    }

    public var integration: String
    public var enabled: Bool
    public var projects: [String: String]
    public var cursor: Date?
    public var remoteWatermark: String?
    public var lastSuccessAt: Date?
    /// When the last full resync (`boardsync resync`, applied) completed.
    public var lastFullResyncAt: Date?
    public var linksByState: [String: Int]
    public var failing: [FailingItem]
    public var pendingConflicts: Int
    public var lastRuns: [Run]
    /// The last runs of this machine, from its local cache (``SyncCache``): the history without MongoDB's
    /// events (retention expired, or a laptop's own runs). Empty without a cache.
    public var localRuns: [Run] = []
    /// Who holds (or last held) the integration's lease.
    public var lease: LeaseRecord?
    /// Board items stamped ahead of the database's clock (synced, but a writer's clock runs fast).
    public var skewedItems: Int
    /// A few of them, "ID at TIME".
    public var skewedExamples: [String]
    /// The live daemon replicas that serve it (two for a moment while it moves; none without a daemon).
    public var servedBy: [String]
    /// The integration document changed since its items were last all decided (SyncCore's
    /// ``ConfigurationChange``): what the next run does about it, and what needs a person, if anything.
    public var configurationChange: String?
    /// Plane's webhook deliveries and whether they stand in for the listing; nil without webhooks.
    public var webhooks: WebhookStatus? = nil

    enum CodingKeys: String, CodingKey {
        case integration, enabled, projects, cursor
        case remoteWatermark = "remote_watermark"
        case lastSuccessAt = "last_success_at"
        case lastFullResyncAt = "last_full_resync_at"
        case linksByState = "links_by_state"
        case failing
        case pendingConflicts = "pending_conflicts"
        case lastRuns = "last_runs"
        case localRuns = "local_runs"
        case lease
        case skewedItems = "skewed_items"
        case skewedExamples = "skewed_examples"
        case servedBy = "served_by"
        case configurationChange = "configuration_change"
        case webhooks
    }

    /// Reads the status of `integration` from `database`; `replicas` are the daemon replicas' heartbeats
    /// (read once for every integration), judged live at `now`.
    public static func read(
        _ integration: Integration, database: MongoDatabase, replicas: [ReplicaRecord] = [], now: Date = Date()
    ) async throws -> IntegrationStatus {
        let links = database.collection(CollectionNames.boardLinks)
        var byState: [String: Int] = [:]
        for state in ["creating", "synced", "conflict", "failed", "blocked", "ambiguous", "orphaned", "unlinked"] {
            let count = try await links.countDocuments([
                "integration_id": .string(integration.id), "state": .string(state),
            ])
            if count > 0 { byState[state] = count }
        }
        var failing: [FailingItem] = []
        // Failed writes, items that cannot be mirrored (`blocked`) and items held by an ambiguous title, with why:
        // what is not in Plane as it should be.
        let failedFilter: BSONDocument = [
            "integration_id": .string(integration.id), "state": ["$in": ["failed", "blocked", "ambiguous"]],
        ]
        for try await link in links.find(
            failedFilter, options: MongoFindOptions(sort: ["attempts": -1, "board_item_id": 1], limit: 20))
        {
            failing.append(
                FailingItem(
                    boardItemId: link["board_item_id"].map(BSONDecoder.describeId) ?? "?",
                    attempts: Int(link["attempts"]?.int64Value ?? 0), nextAttemptAt: link["next_attempt_at"]?.dateValue,
                    lastError: link["last_error"]?.stringValue))
        }
        let skewed = try await SkewedBoardItems.read(database)
        let pending = try await database.collection(CollectionNames.approvals).countDocuments([
            "kind": .string(ApprovalStore.kind), "integration_id": .string(integration.id), "status": "pending",
        ])
        return IntegrationStatus(
            integration: integration.id, enabled: integration.enabled,
            projects: Dictionary(
                integration.projects.map { ($0.boardProjectId, $0.planeProjectId) },
                uniquingKeysWith: { first, _ in first }),
            cursor: integration.checkpoint.cursor, remoteWatermark: integration.checkpoint.remoteWatermark,
            lastSuccessAt: integration.checkpoint.lastSuccessAt,
            lastFullResyncAt: try await lastFullResync(integration.id, database: database), linksByState: byState,
            failing: failing, pendingConflicts: pending,
            lastRuns: try await lastRuns(integration.id, database: database),
            lease: try await LeaseStore(database: database).current(integration.id),
            skewedItems: skewed?.count ?? 0, skewedExamples: skewed?.examples ?? [],
            servedBy: replicas.filter { $0.isLive(at: now) && $0.serving.contains(integration.id) }.map(\.id),
            configurationChange: ConfigurationChange.pending(
                since: integration.checkpoint.configurationDigest, integration.configuration),
            webhooks: try await WebhookStatus.read(integration, database: database, now: now))
    }

    static func lastFullResync(_ integrationId: String, database: MongoDatabase) async throws -> Date? {
        let filter: BSONDocument = [
            "integration_id": .string(integrationId), "subject": .string(EventLog.Subject.runCompleted.rawValue),
            "details.mode": .string(SyncEngine.Mode.full.rawValue),
        ]
        let options = MongoFindOptions(sort: ["time": -1], limit: 1)
        for try await event in database.collection(CollectionNames.events).find(filter, options: options) {
            return event["time"]?.dateValue
        }
        return nil
    }

    static func lastRuns(_ integrationId: String, database: MongoDatabase) async throws -> [Run] {
        let filter: BSONDocument = [
            "integration_id": .string(integrationId),
            "subject": [
                "$in": [.string(EventLog.Subject.runCompleted.rawValue), .string(EventLog.Subject.runFailed.rawValue)]
            ],
        ]
        var runs: [Run] = []
        let options = MongoFindOptions(sort: ["time": -1], limit: 5)
        for try await event in database.collection(CollectionNames.events).find(filter, options: options) {
            func count(_ key: String) -> Int? { event.value(at: "details.\(key)")?.int64Value.map(Int.init) }
            runs.append(
                Run(
                    subject: event["subject"]?.stringValue ?? "",
                    time: event["time"]?.dateValue ?? Date(timeIntervalSince1970: 0),
                    mode: event.value(at: "details.mode")?.stringValue, created: count("created"),
                    updated: count("updated"), deleted: count("deleted"), conflicts: count("conflicts"),
                    failed: count("failed"),
                    durationSeconds: event.value(at: "details.duration_seconds").flatMap(Self.double),
                    reason: event.value(at: "details.reason")?.stringValue, exitCode: count("exit_code")))
        }
        return runs
    }

    private static func double(_ value: BSONValue) -> Double? {
        if case .double(let number) = value { return number }
        return value.int64Value.map(Double.init)
    }
}

extension IntegrationStatus.Run {
    /// A run as the local cache recorded it: its summary's counts, stopped or completed as its summary says.
    init(local record: RunRecord) {
        let summary = try? JSONDecoder().decode(RunSummary.self, from: Data(record.summaryJSON.utf8))
        let subject: EventLog.Subject = summary?.stoppedBecause == nil ? .runCompleted : .runFailed
        self.init(
            subject: subject.rawValue, time: record.startedAt, mode: record.mode, created: summary?.created,
            updated: summary?.updated, deleted: summary?.deleted, conflicts: summary?.conflicts,
            failed: summary?.failed, durationSeconds: record.duration.inSeconds, reason: summary?.stoppedBecause,
            exitCode: record.exitCode)
    }
}
