import Foundation

/// The part of an `integrations` document that sync decisions read.
public struct SyncConfiguration: Sendable, Hashable {
    public enum LabelMode: String, Sendable, Hashable {
        /// BoardSync owns only the labels it put on an item; labels people add in Plane stay.
        case merge
        /// The board's list is the whole set.
        case exact
    }

    public enum RemoteEditPolicy: String, Sendable, Hashable {
        /// Re-assert the board and report what was overwritten.
        case overwrite
        /// Leave the item and raise a conflict for a person.
        case hold
    }

    public enum DeletePolicy: String, Sendable, Hashable {
        /// Delete the Plane item when its board item is deleted.
        case delete
        /// Keep the Plane item and stop mirroring it.
        case keep
    }

    public struct Mapping: Sendable, Hashable {
        /// Bumped by the operator whenever the mapping changes; part of the input fingerprint.
        public var version: Int
        /// Board status → Plane state name.
        public var status: [String: String]
        /// Board priority → Plane priority (`urgent`, `high`, `medium`, `low`, `none`).
        public var priority: [String: String]
        public var labels: LabelMode
        /// IANA time zone id for dates; default UTC.
        public var timezone: String
        /// Back-link URL (or Markdown line) with `{id}` and `{project_id}` placeholders.
        public var backlinkTemplate: String?

        public init(
            version: Int, status: [String: String] = [:], priority: [String: String] = [:],
            labels: LabelMode = .merge, timezone: String = "UTC", backlinkTemplate: String? = nil
        ) {
            self.version = version
            self.status = status
            self.priority = priority
            self.labels = labels
            self.timezone = timezone
            self.backlinkTemplate = backlinkTemplate
        }
    }

    public struct Scope: Sendable, Hashable {
        public var excludeStatuses: Set<String>
        public var excludeLabels: Set<String>
        /// Field names: an item where any of them is present and non-null is out of scope.
        public var excludeIfField: [String]

        public init(excludeStatuses: Set<String> = [], excludeLabels: Set<String> = [], excludeIfField: [String] = []) {
            self.excludeStatuses = excludeStatuses
            self.excludeLabels = excludeLabels
            self.excludeIfField = excludeIfField
        }
    }

    public struct Policy: Sendable, Hashable {
        public static let defaultBoardPassEvery: TimeInterval = 3600
        public static let defaultMaxLabelsPerItem = 25
        public static let defaultMaxLabelCreationsPerRun = 25

        public var remoteEdits: RemoteEditPolicy
        public var deletes: DeletePolicy
        /// A plan deleting more than this fraction of the linked items is blocked.
        public var maxDeleteFraction: Double
        /// How often an incremental run reads the whole board (MongoDB only, no Plane budget) and decides it
        /// by fingerprint, to catch what the cursor misses (a writer whose clock runs behind).
        public var boardPassEvery: TimeInterval
        /// An item with more labels than this is not mirrored (a per-item problem naming it).
        public var maxLabelsPerItem: Int
        /// At most this many labels are created in Plane per run; items waiting for more wait for the next run.
        public var maxLabelCreationsPerRun: Int
        /// `policy.adopt_by_title`: every run that reads both sides whole and completely (the first sync, each
        /// resync without --item) adopts Plane items made by hand by their title (``TitleMatcher``), as
        /// `resync --adopt-by-title` does. Not in the configuration digest: it changes no payload.
        public var adoptByTitle: Bool

        public init(
            remoteEdits: RemoteEditPolicy = .hold, deletes: DeletePolicy = .delete, maxDeleteFraction: Double = 0.2,
            boardPassEvery: TimeInterval = defaultBoardPassEvery, maxLabelsPerItem: Int = defaultMaxLabelsPerItem,
            maxLabelCreationsPerRun: Int = defaultMaxLabelCreationsPerRun, adoptByTitle: Bool = false
        ) {
            self.remoteEdits = remoteEdits
            self.deletes = deletes
            self.maxDeleteFraction = maxDeleteFraction
            self.boardPassEvery = boardPassEvery
            self.maxLabelsPerItem = maxLabelsPerItem
            self.maxLabelCreationsPerRun = maxLabelCreationsPerRun
            self.adoptByTitle = adoptByTitle
        }
    }

    public var integrationId: String
    public var externalSource: String
    /// Board project id → Plane project UUID.
    public var projects: [String: String]
    public var mapping: Mapping
    public var scope: Scope
    public var policy: Policy

    public init(
        integrationId: String, externalSource: String, projects: [String: String], mapping: Mapping,
        scope: Scope = Scope(), policy: Policy = Policy()
    ) {
        self.integrationId = integrationId
        self.externalSource = externalSource
        self.projects = projects
        self.mapping = mapping
        self.scope = scope
        self.policy = policy
    }

    /// Why `item` is kept out of Plane, or nil when it is in scope.
    public func scopeExclusion(of item: BoardItem) -> String? {
        if let status = item.status, scope.excludeStatuses.contains(status) {
            return "status \"\(status)\" is excluded by scope.exclude_statuses"
        }
        if let label = (item.labels ?? []).first(where: { scope.excludeLabels.contains($0) }) {
            return "label \"\(label)\" is excluded by scope.exclude_labels"
        }
        if let field = scope.excludeIfField.first(where: { item.hasNonNullField($0) }) {
            return "field \"\(field)\" is set (scope.exclude_if_field)"
        }
        return nil
    }
}
