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
    /// The names of the other fields that are set (not null), for `scope.exclude_if_field`.
    public var otherFields: Set<String> = []

    enum CodingKeys: String, CodingKey, CaseIterable {
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

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(BSONValue.self, forKey: .id)
        projectId = try container.decode(String.self, forKey: .projectId)
        title = try container.decodeIfPresent(String.self, forKey: .title)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        status = try container.decodeIfPresent(String.self, forKey: .status)
        priority = try container.decodeIfPresent(String.self, forKey: .priority)
        labels = try container.decodeIfPresent([String].self, forKey: .labels)
        assignees = try container.decodeIfPresent([String].self, forKey: .assignees)
        startDate = try container.decodeIfPresent(Date.self, forKey: .startDate)
        dueDate = try container.decodeIfPresent(Date.self, forKey: .dueDate)
        parentId = try container.decodeIfPresent(BSONValue.self, forKey: .parentId)
        createdAt = try container.decodeIfPresent(Date.self, forKey: .createdAt)
        updatedAt = try container.decode(Date.self, forKey: .updatedAt)
        deletedAt = try container.decodeIfPresent(Date.self, forKey: .deletedAt)
        let all = try decoder.container(keyedBy: FieldName.self)
        for key in all.allKeys where CodingKeys(rawValue: key.stringValue) == nil {
            if try !all.decodeNil(forKey: key) { otherFields.insert(key.stringValue) }
        }
    }

    /// Any field's name.
    private struct FieldName: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// The id as Plane's `external_id` carries it: an ObjectId as 24 hex characters, a string as it is.
    public var externalId: String { BSONDecoder.describeId(id) }
}
