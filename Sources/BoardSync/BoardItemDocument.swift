import Foundation
import MongoDriver

/// A `board_items` document as the platform stores it (docs/architecture.md, "Data model"), read field by field.
///
/// Unknown fields are ignored and a missing optional field is `nil`. Types are checked: a field of the
/// wrong type makes decoding fail with a ``BSONError`` that names the field and the document's `_id`,
/// so one bad document never stops the others from being read.
public struct BoardItemDocument: Decodable, Sendable, Equatable {
    /// `ObjectId` or string, kept as stored.
    public var id: BSONValue
    public var projectId: String
    public var title: String?
    public var description: String?
    public var status: String?
    public var priority: String?
    public var labels: [String]?
    public var assignees: [String]?
    public var startDate: Date?
    public var dueDate: Date?
    public var parentId: BSONValue?
    public var createdAt: Date?
    public var updatedAt: Date
    public var deletedAt: Date?

    enum CodingKeys: String, CodingKey {
        case id = "_id"
        case projectId = "project_id"
        case title, description, status, priority, labels, assignees
        case startDate = "start_date"
        case dueDate = "due_date"
        case parentId = "parent_id"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case deletedAt = "deleted_at"
    }

    /// The id as Plane's `external_id` carries it: an ObjectId as 24 hex characters, a string as it is.
    public var externalId: String { BSONDecoder.describeId(id) }
}
