import Foundation

/// Stable snake_case keys; every key is always present (`null` when there is no value), so
/// scripts reading `--json` never have to guess whether a key exists.
extension ConflictRecord: Codable {
    enum CodingKeys: String, CodingKey {
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
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(integrationId, forKey: .integrationId)
        try container.encode(kind, forKey: .kind)
        try container.encode(status, forKey: .status)
        try container.encode(boardItemId, forKey: .boardItemId)
        try container.encode(boardItemTitle, forKey: .boardItemTitle)
        try container.encode(planeItemId, forKey: .planeItemId)
        try container.encode(planeURL, forKey: .planeURL)
        try container.encode(policy, forKey: .policy)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
        try container.encode(resolvedAt, forKey: .resolvedAt)
        try container.encode(planeEditedBy, forKey: .planeEditedBy)
        try container.encode(planeEditedAt, forKey: .planeEditedAt)
        try container.encode(message, forKey: .message)
        try container.encode(fields, forKey: .fields)
    }
}

extension ConflictRecord.Field: Codable {
    enum CodingKeys: String, CodingKey {
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
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(base, forKey: .base)
        try container.encode(board, forKey: .board)
        try container.encode(plane, forKey: .plane)
    }
}
