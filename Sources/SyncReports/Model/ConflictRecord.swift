import Foundation

/// One conflict report as an admin sees it (`boardsync conflicts list|show`): what happened to
/// which board item and Plane item, what policy was applied, and per field the base, board and
/// Plane values. A plain value: the renderers in this module turn it into text, Markdown, JSON
/// and one HTML page, with every value escaped for its format.
public struct ConflictRecord: Sendable, Hashable {
    /// What kind of problem needs a person.
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        /// The board and Plane both changed since the last sync.
        case bothChanged = "both_changed"
        /// Plane was edited by hand (policy `hold`, or `overwrite` reporting what it overwrote).
        case handEdit = "hand_edit"
        /// The Plane item was deleted by hand.
        case planeDeleted = "plane_deleted"
        /// The Plane item is archived, triaged or a draft: not recreated.
        case archived
        /// A Plane item carries our external pair but no board item has it.
        case orphan
        /// Plane holds several items with the same external pair.
        case duplicates
        /// Writes for this item keep failing.
        case failing
        /// A board value has no Plane counterpart (status, priority, assignee, label).
        case unmappableValue = "unmappable_value"
        /// The board item cannot be mirrored at all (no title, title too long, parent cycle...).
        case cannotMirror = "cannot_mirror"

        /// A short human label, for tables.
        public var label: String { rawValue.replacingOccurrences(of: "_", with: " ") }
    }

    /// Where the report stands.
    public enum Status: String, Sendable, Hashable, CaseIterable, Codable {
        case pending, resolved, superseded
    }

    /// One field's three values; `nil` is "no value" (no base yet, field unset, item gone).
    public struct Field: Sendable, Hashable {
        /// The field's name as Plane's API spells it (`name`, `description_html`, `state`...).
        public var name: String
        public var base: String?
        public var board: String?
        public var plane: String?

        public init(name: String, base: String?, board: String?, plane: String?) {
            self.name = name
            self.base = base
            self.board = board
            self.plane = plane
        }

        /// True when the board and Plane disagree, or either moved away from the base.
        public var differs: Bool { board != plane || board != base || plane != base }
    }

    public var id: String
    public var integrationId: String
    public var kind: Kind
    public var status: Status
    public var boardItemId: String
    public var boardItemTitle: String?
    public var planeItemId: String?
    public var planeURL: String?
    /// The policy that was applied (`hold`, `overwrite`, `keep`, `delete`...).
    public var policy: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var resolvedAt: Date?
    /// Who last edited the item in Plane (`updated_by` display name, else id).
    public var planeEditedBy: String?
    public var planeEditedAt: Date?
    /// What happened and what to do about it.
    public var message: String
    public var fields: [Field]

    public init(
        id: String, integrationId: String, kind: Kind, status: Status = .pending, boardItemId: String,
        boardItemTitle: String? = nil, planeItemId: String? = nil, planeURL: String? = nil, policy: String? = nil,
        createdAt: Date, updatedAt: Date, resolvedAt: Date? = nil, planeEditedBy: String? = nil,
        planeEditedAt: Date? = nil, message: String, fields: [Field] = []
    ) {
        self.id = id
        self.integrationId = integrationId
        self.kind = kind
        self.status = status
        self.boardItemId = boardItemId
        self.boardItemTitle = boardItemTitle
        self.planeItemId = planeItemId
        self.planeURL = planeURL
        self.policy = policy
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.resolvedAt = resolvedAt
        self.planeEditedBy = planeEditedBy
        self.planeEditedAt = planeEditedAt
        self.message = message
        self.fields = fields
    }
}
