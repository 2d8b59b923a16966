/// A Plane work item as read this run.
public struct PlaneItemSnapshot: Sendable, Hashable {
    public var id: String
    public var projectId: String
    public var values: PlaneValues
    public var externalSource: String?
    public var externalId: String?
    /// Plane's `updated_at` in microseconds since the epoch.
    public var updatedAtMicros: Int64
    public var updatedBy: String?
    /// Plane's `created_at` in microseconds since the epoch; orders duplicates (oldest kept).
    public var createdAtMicros: Int64?
    public var isArchived: Bool

    public init(
        id: String, projectId: String, values: PlaneValues, externalSource: String? = nil, externalId: String? = nil,
        updatedAtMicros: Int64 = 0, updatedBy: String? = nil, createdAtMicros: Int64? = nil, isArchived: Bool = false
    ) {
        self.id = id
        self.projectId = projectId
        self.values = values
        self.externalSource = externalSource
        self.externalId = externalId
        self.updatedAtMicros = updatedAtMicros
        self.updatedBy = updatedBy
        self.createdAtMicros = createdAtMicros
        self.isArchived = isArchived
    }
}
