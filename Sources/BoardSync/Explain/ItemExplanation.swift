import Essentials
import Foundation
import SyncReports

/// `boardsync explain ITEM`: everything BoardSync knows and would decide about one board item, read
/// without writing anything. Built by ``ItemExplainer``; ``ExplainText`` renders it for a terminal,
/// and it encodes as the `--json` object (snake_case keys).
public struct ItemExplanation: Sendable, Codable, Equatable {
    /// The board side: the document as read, or why it cannot be read.
    public struct Board: Sendable, Codable, Equatable {
        public var found: Bool
        /// Why the document cannot be mirrored as stored (a field that does not decode, `updated_at` not a date).
        public var readProblem: String?
        public var projectId: String?
        public var title: String?
        public var status: String?
        public var updatedAt: Date?
        public var deletedAt: Date?
        /// Why the item is outside the sync scope (project not mapped, an excluded status or label).
        public var outOfScope: String?
        /// The Plane project its board project is mapped to.
        public var planeProjectId: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case found
            case readProblem = "read_problem"
            case projectId = "project_id"
            case title, status
            case updatedAt = "updated_at"
            case deletedAt = "deleted_at"
            case outOfScope = "out_of_scope"
            case planeProjectId = "plane_project_id"
        }
    }

    /// The `board_links` document, as stored.
    public struct LinkInfo: Sendable, Codable, Equatable {
        public var state: String
        public var planeProjectId: String?
        public var planeItemId: String?
        public var attempts: Int
        public var nextAttemptAt: Date?
        public var lastError: String?
        public var lastSyncedAt: Date?
        /// When the link was last written: the last attempt, whatever its outcome.
        public var lastAttemptAt: Date?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case state
            case planeProjectId = "plane_project_id"
            case planeItemId = "plane_item_id"
            case attempts
            case nextAttemptAt = "next_attempt_at"
            case lastError = "last_error"
            case lastSyncedAt = "last_synced_at"
            case lastAttemptAt = "last_attempt_at"
        }
    }

    /// Plane's item as read now.
    public struct Plane: Sendable, Codable, Equatable {
        /// `present`, `archived`, `deleted`, `duplicates`, `not_read`.
        public var found: String
        public var itemId: String?
        public var url: String?
        public var updatedAt: Date?
        public var updatedBy: String?
        /// Why Plane could not be read (then nothing is decided).
        public var error: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case found
            case itemId = "item_id"
            case url
            case updatedAt = "updated_at"
            case updatedBy = "updated_by"
            case error
        }
    }

    /// Plane's item as the last run saw it, from the local cache (without a request), with how old that is.
    public struct LastSeen: Sendable, Codable, Equatable {
        public var itemId: String
        /// Plane's `updated_at` then, as Plane wrote it.
        public var updatedAt: String?
        public var updatedBy: String?
        public var remoteFingerprint: String
        /// When a run saw it, and how long before this explanation.
        public var seenAt: Date
        public var ageSeconds: Int
        /// Plane's owned fields as read now equal those seen then (nil when Plane was not read now).
        public var unchangedSince: Bool?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case itemId = "item_id"
            case updatedAt = "updated_at"
            case updatedBy = "updated_by"
            case remoteFingerprint = "remote_fingerprint"
            case seenAt = "seen_at"
            case ageSeconds = "age_seconds"
            case unchangedSince = "unchanged_since"
        }
    }

    /// The link's fingerprints against the ones of now.
    public struct Fingerprints: Sendable, Codable, Equatable {
        public var inputNow: String?
        public var inputLink: String?
        public var remoteNow: String?
        public var remoteLink: String?

        /// The board's owned fields changed since the last write (nil when either side is unknown).
        public var boardChanged: Bool? {
            guard let inputNow, let inputLink else { return nil }
            return inputNow != inputLink
        }

        /// Plane's owned fields changed since the last write (nil when either side is unknown).
        public var planeChanged: Bool? {
            guard let remoteNow, let remoteLink else { return nil }
            return remoteNow != remoteLink
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case inputNow = "input_now"
            case inputLink = "input_link"
            case remoteNow = "remote_now"
            case remoteLink = "remote_link"
        }

        public init(inputNow: String?, inputLink: String?, remoteNow: String?, remoteLink: String?) {
            self.inputNow = inputNow
            self.inputLink = inputLink
            self.remoteNow = remoteNow
            self.remoteLink = remoteLink
        }

        public func encode(to encoder: any Encoder) throws {
            try encoder.encodeEveryKey(
                of: self, keyedBy: CodingKeys.self,
                adding: ["board_changed": boardChanged, "plane_changed": planeChanged])
        }
    }

    /// The desired Plane payload (SyncCore's `PayloadBuilder`), or why there is none.
    public struct Payload: Sendable, Codable, Equatable {
        public var ready: Bool
        public var problem: String?
        public var waitingForParent: String?
        public var missingLabels: [String] = []
        public var notes: [String] = []

        enum CodingKeys: String, CodingKey, CaseIterable {
            case ready, problem
            case waitingForParent = "waiting_for_parent"
            case missingLabels = "missing_labels"
            case notes
        }
    }

    /// One owned field: the base of the last write, what the board wants (as sent and as Plane would store
    /// it), and what Plane holds now.
    public struct Field: Sendable, Codable, Equatable {
        public var name: String
        public var base: ExplainedValue?
        public var board: ExplainedValue?
        public var canonical: ExplainedValue?
        public var plane: ExplainedValue?

        /// Plane now differs from what the board wants.
        public var differs: Bool {
            guard let canonical, let plane else { return false }
            return canonical != plane
        }

        /// Plane now differs from the base of the last write: someone (or something) changed it there.
        public var planeEdited: Bool {
            guard let base, let plane else { return false }
            return base != plane
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case name, base, board, canonical, plane
        }

        public init(
            name: String, base: ExplainedValue?, board: ExplainedValue?, canonical: ExplainedValue?,
            plane: ExplainedValue?
        ) {
            self.name = name
            self.base = base
            self.board = board
            self.canonical = canonical
            self.plane = plane
        }

        public func encode(to encoder: any Encoder) throws {
            try encoder.encodeEveryKey(
                of: self, keyedBy: CodingKeys.self, adding: ["differs": differs, "plane_edited": planeEdited])
        }
    }

    /// One action the next `sync` would take for the item (SyncCore's reconciler, nothing applied).
    public struct Action: Sendable, Codable, Equatable {
        public var action: String
        public var message: String
        public var planeItemId: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case action, message
            case planeItemId = "plane_item_id"
        }
    }

    public var integration: String
    public var boardItemId: String
    /// `object_id` or `string`: how the `_id` is stored.
    public var idType: String
    public var board: Board
    public var link: LinkInfo?
    /// No Plane item was ever linked to the item.
    public var neverMirrored: Bool
    public var plane: Plane
    /// Plane's item as the last run on this machine saw it (the cache); nil without a cache or a snapshot.
    public var planeLastSeen: LastSeen?
    public var fingerprints: Fingerprints
    public var payload: Payload?
    public var fields: [Field]
    /// What the next sync would do (empty when it cannot be decided: the document or Plane cannot be read).
    public var nextSync: [Action]
    /// Pending conflict reports for the item.
    public var conflicts: [ConflictRecord]
    /// Names of the Plane ids in `fields`: state names, label names, member emails.
    public var names: [String: String]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case integration
        case boardItemId = "board_item_id"
        case idType = "id_type"
        case board, link
        case neverMirrored = "never_mirrored"
        case plane
        case planeLastSeen = "plane_last_seen"
        case fingerprints, payload, fields
        case nextSync = "next_sync"
        case conflicts, names
    }
}
