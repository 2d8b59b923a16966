import Foundation
import MongoDriver

/// A `board_items` document as the platform stores it (docs/architecture.md, "Data model"), read field by field.
///
/// Unknown fields are ignored and a missing optional field is `nil`. Types are checked: a field of the
/// wrong type makes decoding fail with a ``BSONError`` that names the field and the document's `_id`,
/// so one bad document never stops the others from being read.
public struct BoardItemDocument: BSONFieldDecodable, Equatable {
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

    /// Through ``init(fields:)``, so ``BSONDecoder`` (fixtures, change events) and the cursor agree.
    public init(from decoder: any Decoder) throws {
        self = try Self(decodingFieldsOf: decoder)
    }

    /// The known fields, in `CodingKeys` order.
    private static let keys = CodingKeys.allCases
    private static let names = BSONKeyTable(keys.map(\.rawValue))
    /// Absent, these refuse the document; with their positions in ``keys``.
    private static let required = [CodingKeys.id, .projectId, .updatedAt].map { ($0, keys.firstIndex(of: $0)!) }

    /// One pass over the stored fields, by hand rather than through `Codable`: on the read of 100,000 items
    /// (benchmark 5c) the keyed-container decode was most of BoardSync's own CPU, several times this pass
    /// (figures in Benchmarks/NOTES.md). It accepts and refuses what the `Codable` reading did, with the same
    /// error: the first of a repeated field wins, a null optional is `nil`, a wrong type is `expected …,
    /// found …` naming the field, an absent `_id`, `project_id` or `updated_at` is `required field is
    /// missing`, and of several faults the one of the earliest field in `CodingKeys` order is reported.
    /// BoardItemDocumentDecodingTests holds it to a `Codable` reference, field by field and type by type.
    public init(fields: inout BSONFields) throws(BSONError) {
        var names = Self.names
        var seen: UInt32 = 0
        var nullOthers: Set<String> = []
        var fault: (index: Int, error: BSONError)?
        var id: BSONValue?
        var projectId: String?
        var updatedAt: Date?
        while fields.next() {
            guard let index = names.index(of: fields.key) else {
                // As `decodeNil(forKey:)` on the first of a repeated key: a later value does not count.
                let name = fields.keyString
                if fields.isNull {
                    if !otherFields.contains(name) { nullOthers.insert(name) }
                } else if !nullOthers.contains(name) {
                    otherFields.insert(name)
                }
                continue
            }
            guard seen & (1 << index) == 0 else { continue }
            seen |= 1 << index
            do throws(BSONError) {
                switch Self.keys[index] {
                case .id: id = try fields.value()
                case .projectId: projectId = try fields.string()
                case .updatedAt: updatedAt = try fields.date()
                case _ where fields.isNull: break
                case .title: title = try fields.string()
                case .description: description = try fields.string()
                case .status: status = try fields.string()
                case .priority: priority = try fields.string()
                case .labels: labels = try fields.strings()
                case .assignees: assignees = try fields.strings()
                case .startDate: startDate = try fields.date()
                case .dueDate: dueDate = try fields.date()
                case .parentId: parentId = try fields.value()
                case .createdAt: createdAt = try fields.date()
                case .deletedAt: deletedAt = try fields.date()
                }
            } catch {
                if index < fault?.index ?? .max { fault = (index, error) }
            }
        }
        for (key, index) in Self.required {
            if seen & (1 << index) == 0, index < fault?.index ?? .max {
                fault = (index, BSONFields.missing(key.rawValue))
            }
        }
        if let fault { throw fault.error }
        guard let id, let projectId, let updatedAt else {
            // Unreachable: an absent required field is a fault above.
            throw BSONError(.malformed, path: "", reason: "a required field was not read")
        }
        self.id = id
        self.projectId = projectId
        self.updatedAt = updatedAt
    }

    /// The id as Plane's `external_id` carries it: an ObjectId as 24 hex characters, a string as it is.
    public var externalId: String { BSONDecoder.describeId(id) }
}
