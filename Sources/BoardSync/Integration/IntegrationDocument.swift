import Foundation
import MongoDriver

/// An `integrations` document as stored (docs/architecture.md, "Data model"), read leniently: every field optional, so that
/// validation can name each one that is missing or wrong instead of failing on the first.
struct IntegrationDocument: Decodable, Sendable {
    var id: String
    var kind: String?
    var enabled: Bool?
    var baseURL: String?
    var workspaceSlug: String?
    var credentials: Credentials?
    var externalSource: String?
    var rateLimit: String?
    var rateReserve: Double?
    var projects: [Project]?
    var mapping: Mapping?
    var scope: Scope?
    var policy: Policy?
    var syncState: SyncState?

    struct Credentials: Decodable, Sendable {
        var apiKey: String?
        var apiKeyFile: String?
        var apiKeyEnv: String?
        var webhookSecret: String?
        var webhookSecretFile: String?
        var webhookSecretEnv: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case apiKey = "api_key"
            case apiKeyFile = "api_key_file"
            case apiKeyEnv = "api_key_env"
            case webhookSecret = "webhook_secret"
            case webhookSecretFile = "webhook_secret_file"
            case webhookSecretEnv = "webhook_secret_env"
        }
    }

    struct Project: Decodable, Sendable {
        var boardProjectId: String?
        var planeProjectId: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case boardProjectId = "board_project_id"
            case planeProjectId = "plane_project_id"
        }
    }

    struct Mapping: Decodable, Sendable {
        var version: Int?
        var status: [String: String]?
        var priority: [String: String]?
        var labels: String?
        var timezone: String?
        var backlinkTemplate: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case version, status, priority, labels, timezone
            case backlinkTemplate = "backlink_template"
        }
    }

    struct Scope: Decodable, Sendable {
        var excludeStatuses: [String]?
        var excludeLabels: [String]?
        var excludeIfField: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case excludeStatuses = "exclude_statuses"
            case excludeLabels = "exclude_labels"
            case excludeIfField = "exclude_if_field"
        }
    }

    struct Policy: Decodable, Sendable {
        var remoteEdits: String?
        var deletes: String?
        var maxDeleteFraction: Double?
        var boardPassMinutes: Double?
        var maxLabelsPerItem: Int?
        var maxLabelCreationsPerRun: Int?
        var adoptByTitle: Bool?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case remoteEdits = "remote_edits"
            case deletes
            case maxDeleteFraction = "max_delete_fraction"
            case boardPassMinutes = "board_pass_minutes"
            case maxLabelsPerItem = "max_labels_per_item"
            case maxLabelCreationsPerRun = "max_label_creations_per_run"
            case adoptByTitle = "adopt_by_title"
        }
    }

    struct SyncState: Decodable, Sendable {
        var cursor: Date?
        var remoteWatermark: String?
        /// Written by daemons before 17.1 (the stream's position now lives in the daemon); read as known.
        var resumeToken: BSONDocument?
        var lastSuccessAt: Date?
        var boardPassAt: Date?
        var configurationDigest: String?
        var planeCounts: [String: PlaneCountDocument]?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case cursor
            case remoteWatermark = "remote_watermark"
            case resumeToken = "resume_token"
            case lastSuccessAt = "last_success_at"
            case boardPassAt = "board_pass_at"
            case configurationDigest = "configuration_digest"
            case planeCounts = "plane_counts"
        }
    }

    /// `sync_state.plane_counts.<plane project id>`.
    struct PlaneCountDocument: Codable, Sendable {
        var offset: Int
        var mark: Int64
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id = "_id"
        case kind, enabled
        case baseURL = "base_url"
        case workspaceSlug = "workspace_slug"
        case credentials
        case externalSource = "external_source"
        case rateLimit = "rate_limit"
        case rateReserve = "rate_reserve"
        case projects, mapping, scope, policy
        case syncState = "sync_state"
    }
}
