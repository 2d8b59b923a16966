/// Something a person must resolve.
public struct Conflict: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// Plane was edited by hand and policy is `hold`.
        case handEdit
        /// The board and Plane both changed since the base.
        case bothChanged
        /// The Plane item is archived (or triaged, or a draft): not recreated.
        case archived
        /// Plane holds several items with our external pair and policy is `keep`.
        case duplicates
    }

    public struct Field: Sendable, Hashable {
        public var field: PlaneField
        public var base: FieldValue?
        public var board: FieldValue?
        public var plane: FieldValue?

        public init(field: PlaneField, base: FieldValue?, board: FieldValue?, plane: FieldValue?) {
            self.field = field
            self.base = base
            self.board = board
            self.plane = plane
        }
    }

    public var kind: Kind
    public var fields: [Field]
    public var planeUpdatedBy: String?
    public var planeUpdatedAtMicros: Int64?
    /// For `duplicates`: every Plane id holding the pair, oldest first.
    public var planeItemIds: [String]

    public init(
        kind: Kind, fields: [Field] = [], planeUpdatedBy: String? = nil, planeUpdatedAtMicros: Int64? = nil,
        planeItemIds: [String] = []
    ) {
        self.kind = kind
        self.fields = fields
        self.planeUpdatedBy = planeUpdatedBy
        self.planeUpdatedAtMicros = planeUpdatedAtMicros
        self.planeItemIds = planeItemIds
    }
}
