import Foundation
import MongoDriver
import SyncReports

/// `approvals` documents ⇄ ``ConflictRecord``.
enum ApprovalDocument {
    static func fields(of record: ConflictRecord) -> BSONDocument {
        func text(_ value: String?) -> BSONValue { value.map(BSONValue.string) ?? .null }
        return [
            "conflict_kind": .string(record.kind.rawValue), "integration_id": .string(record.integrationId),
            "board_item_id": .string(record.boardItemId), "board_item_title": text(record.boardItemTitle),
            "plane_item_id": text(record.planeItemId), "plane_url": text(record.planeURL.map(Redaction.redact)),
            "policy": text(record.policy),
            "plane_edited_by": text(record.planeEditedBy),
            "plane_edited_at": record.planeEditedAt.map(BSONValue.date) ?? .null,
            "message": .string(Redaction.redact(record.message)),
            "fields": .array(
                record.fields.map { field in
                    [
                        "name": .string(field.name), "base": text(field.base), "board": text(field.board),
                        "plane": text(field.plane),
                    ]
                }),
        ]
    }

    static func record(_ document: BSONDocument) -> ConflictRecord? {
        guard let id = document["_id"].map(BSONDecoder.describeId),
            let kind = document["conflict_kind"]?.stringValue.flatMap(ConflictRecord.Kind.init(rawValue:)),
            let status = document["status"]?.stringValue.flatMap(ConflictRecord.Status.init(rawValue:)),
            let integration = document["integration_id"]?.stringValue, let item = document["board_item_id"]?.stringValue
        else { return nil }
        let fields = (document["fields"]?.arrayValue ?? []).compactMap(\.documentValue).map { field in
            ConflictRecord.Field(
                name: field["name"]?.stringValue ?? "?", base: field["base"]?.stringValue,
                board: field["board"]?.stringValue,
                plane: field["plane"]?.stringValue)
        }
        let created = document["created_at"]?.dateValue ?? Date(timeIntervalSince1970: 0)
        return ConflictRecord(
            id: id, integrationId: integration, kind: kind, status: status, boardItemId: item,
            boardItemTitle: document["board_item_title"]?.stringValue,
            planeItemId: document["plane_item_id"]?.stringValue,
            planeURL: document["plane_url"]?.stringValue, policy: document["policy"]?.stringValue, createdAt: created,
            updatedAt: document["updated_at"]?.dateValue ?? created, resolvedAt: document["resolved_at"]?.dateValue,
            planeEditedBy: document["plane_edited_by"]?.stringValue,
            planeEditedAt: document["plane_edited_at"]?.dateValue,
            message: document["message"]?.stringValue ?? "", fields: fields)
    }
}
