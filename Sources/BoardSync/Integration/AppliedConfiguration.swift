import Foundation
import MongoDriver
import SyncCore

/// The configuration every mirrored item of an integration follows, kept in the document's
/// `sync_state.applied_configuration`: recorded by the first complete run and by each full resync
/// (``ConfigurationChange/appliedByFullResync(applied:current:)``), and compared with the document by
/// `status` and the daemon to say when a change needs a resync.
struct AppliedConfiguration: Codable, Equatable {
    struct Project: Codable, Equatable {
        var boardProjectId: String
        var planeProjectId: String

        enum CodingKeys: String, CodingKey {
            case boardProjectId = "board_project_id"
            case planeProjectId = "plane_project_id"
        }
    }

    struct Mapping: Codable, Equatable {
        var version: Int
        // Lists of pairs, not documents: a board status may hold a `.` or start with `$`.
        var status: [[String]]
        var priority: [[String]]
        var labels: String
        var timezone: String
        var backlinkTemplate: String?

        enum CodingKeys: String, CodingKey {
            case version, status, priority, labels, timezone
            case backlinkTemplate = "backlink_template"
        }
    }

    struct Scope: Codable, Equatable {
        var excludeStatuses: [String]
        var excludeLabels: [String]
        var excludeIfField: [String]

        enum CodingKeys: String, CodingKey {
            case excludeStatuses = "exclude_statuses"
            case excludeLabels = "exclude_labels"
            case excludeIfField = "exclude_if_field"
        }
    }

    struct Policy: Codable, Equatable {
        var remoteEdits: String
        var deletes: String
        var maxDeleteFraction: Double

        enum CodingKeys: String, CodingKey {
            case remoteEdits = "remote_edits"
            case deletes
            case maxDeleteFraction = "max_delete_fraction"
        }
    }

    var externalSource: String
    var projects: [Project]
    var mapping: Mapping
    var scope: Scope
    var policy: Policy
    /// When it was recorded (this machine's clock; for people only).
    var recordedAt: Date

    enum CodingKeys: String, CodingKey {
        case externalSource = "external_source"
        case projects, mapping, scope, policy
        case recordedAt = "recorded_at"
    }

    static let field = "sync_state.applied_configuration"

    init(_ configuration: SyncConfiguration, recordedAt: Date) {
        func pairs(_ map: [String: String]) -> [[String]] { map.sorted { $0.key < $1.key }.map { [$0.key, $0.value] } }
        externalSource = configuration.externalSource
        projects = configuration.projects.sorted { $0.key < $1.key }.map {
            Project(boardProjectId: $0.key, planeProjectId: $0.value)
        }
        let mapping = configuration.mapping
        self.mapping = Mapping(
            version: mapping.version, status: pairs(mapping.status), priority: pairs(mapping.priority),
            labels: mapping.labels.rawValue, timezone: mapping.timezone, backlinkTemplate: mapping.backlinkTemplate)
        scope = Scope(
            excludeStatuses: configuration.scope.excludeStatuses.sorted(),
            excludeLabels: configuration.scope.excludeLabels.sorted(),
            excludeIfField: configuration.scope.excludeIfField)
        policy = Policy(
            remoteEdits: configuration.policy.remoteEdits.rawValue, deletes: configuration.policy.deletes.rawValue,
            maxDeleteFraction: configuration.policy.maxDeleteFraction)
        self.recordedAt = recordedAt
    }

    /// The recorded configuration of integration `id`; nil when the record cannot be read (then it is as
    /// if none was kept: the next complete run records one).
    static func configuration(from document: BSONDocument?, integrationId id: String) -> SyncConfiguration? {
        guard let document, let stored = try? BSONDecoder().decode(AppliedConfiguration.self, from: document),
            let labels = SyncConfiguration.LabelMode(rawValue: stored.mapping.labels),
            let remoteEdits = SyncConfiguration.RemoteEditPolicy(rawValue: stored.policy.remoteEdits),
            let deletes = SyncConfiguration.DeletePolicy(rawValue: stored.policy.deletes)
        else { return nil }
        func map(_ pairs: [[String]]) -> [String: String] {
            Dictionary(pairs.filter { $0.count == 2 }.map { ($0[0], $0[1]) }, uniquingKeysWith: { first, _ in first })
        }
        return SyncConfiguration(
            integrationId: id, externalSource: stored.externalSource,
            projects: Dictionary(
                stored.projects.map { ($0.boardProjectId, $0.planeProjectId) }, uniquingKeysWith: { first, _ in first }),
            mapping: SyncConfiguration.Mapping(
                version: stored.mapping.version, status: map(stored.mapping.status),
                priority: map(stored.mapping.priority), labels: labels, timezone: stored.mapping.timezone,
                backlinkTemplate: stored.mapping.backlinkTemplate),
            scope: SyncConfiguration.Scope(
                excludeStatuses: Set(stored.scope.excludeStatuses), excludeLabels: Set(stored.scope.excludeLabels),
                excludeIfField: stored.scope.excludeIfField),
            policy: SyncConfiguration.Policy(
                remoteEdits: remoteEdits, deletes: deletes, maxDeleteFraction: stored.policy.maxDeleteFraction))
    }

    /// What a run that went through records, if anything: the first complete run records the configuration
    /// it ran with (it read the whole board); a full resync records what it applied; a partial, held-back or
    /// dry run records nothing.
    static func toRecord(after report: SyncEngine.Report, options: SyncEngine.Options, integration: Integration)
        -> SyncConfiguration?
    {
        guard !report.summary.dryRun, options.onlyItem == nil, case .completed(_, heldBack: false) = report.outcome
        else { return nil }
        let applied: SyncConfiguration
        if options.mode == .full {
            applied = ConfigurationChange.appliedByFullResync(
                applied: integration.appliedConfiguration, current: integration.configuration)
        } else {
            guard integration.appliedConfiguration == nil else { return nil }
            applied = integration.configuration
        }
        return applied == integration.appliedConfiguration ? nil : applied
    }
}
