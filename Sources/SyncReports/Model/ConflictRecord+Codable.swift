import Essentials
import Foundation

/// Stable snake_case keys; every key is always present (`null` when there is no value), so
/// scripts reading `--json` never have to guess whether a key exists.
extension ConflictRecord: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case id
        case integrationId = "integration_id"
        case kind, status
        case boardItemId = "board_item_id"
        case boardItemTitle = "board_item_title"
        case planeItemId = "plane_item_id"
        case planeURL = "plane_url"
        case policy
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case resolvedAt = "resolved_at"
        case planeEditedBy = "plane_edited_by"
        case planeEditedAt = "plane_edited_at"
        case message, fields
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try container.decode(String.self, forKey: .id),
            integrationId: try container.decode(String.self, forKey: .integrationId),
            kind: try container.decode(Kind.self, forKey: .kind),
            status: try container.decode(Status.self, forKey: .status),
            boardItemId: try container.decode(String.self, forKey: .boardItemId),
            boardItemTitle: try container.decodeIfPresent(String.self, forKey: .boardItemTitle),
            planeItemId: try container.decodeIfPresent(String.self, forKey: .planeItemId),
            planeURL: try container.decodeIfPresent(String.self, forKey: .planeURL),
            policy: try container.decodeIfPresent(String.self, forKey: .policy),
            createdAt: try container.decode(Date.self, forKey: .createdAt),
            updatedAt: try container.decode(Date.self, forKey: .updatedAt),
            resolvedAt: try container.decodeIfPresent(Date.self, forKey: .resolvedAt),
            planeEditedBy: try container.decodeIfPresent(String.self, forKey: .planeEditedBy),
            planeEditedAt: try container.decodeIfPresent(Date.self, forKey: .planeEditedAt),
            message: try container.decode(String.self, forKey: .message),
            fields: try container.decodeIfPresent([Field].self, forKey: .fields) ?? [])
    }

    public func encode(to encoder: any Encoder) throws {
        try encoder.encodeEveryKey(of: self, keyedBy: CodingKeys.self)
    }
}

extension ConflictRecord.Field: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, base, board, plane
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try container.decode(String.self, forKey: .name),
            base: try container.decodeIfPresent(String.self, forKey: .base),
            board: try container.decodeIfPresent(String.self, forKey: .board),
            plane: try container.decodeIfPresent(String.self, forKey: .plane))
    }

    public func encode(to encoder: any Encoder) throws {
        try encoder.encodeEveryKey(of: self, keyedBy: CodingKeys.self)
    }
}
