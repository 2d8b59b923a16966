import Foundation
import MongoDriver
import SyncCore

/// `board_links` documents (docs/architecture.md, "Data model") ⇄ SyncCore's ``Link``.
enum LinkDocument {
    static func base(_ values: PlaneValues) -> BSONDocument {
        [
            "name": .string(values.name),
            "description_html": .string(values.descriptionHTML),
            "state": values.stateId.map(BSONValue.string) ?? .null,
            "priority": .string(values.priority),
            "labels": .array(values.labelIds.map(BSONValue.string)),
            "assignees": .array(values.assigneeIds.map(BSONValue.string)),
            "start_date": values.startDate.map(BSONValue.string) ?? .null,
            "target_date": values.targetDate.map(BSONValue.string) ?? .null,
            "parent": values.parentId.map(BSONValue.string) ?? .null,
        ]
    }

    static func values(_ document: BSONDocument) -> PlaneValues {
        func strings(_ key: String) -> [String] { document[key]?.arrayValue?.compactMap(\.stringValue) ?? [] }
        return PlaneValues(
            name: document["name"]?.stringValue ?? "",
            descriptionHTML: document["description_html"]?.stringValue ?? "<p></p>",
            stateId: document["state"]?.stringValue, priority: document["priority"]?.stringValue ?? "none",
            labelIds: strings("labels"), assigneeIds: strings("assignees"),
            startDate: document["start_date"]?.stringValue,
            targetDate: document["target_date"]?.stringValue, parentId: document["parent"]?.stringValue)
    }

    static func link(_ document: BSONDocument) -> Link? {
        guard let rawId = document["board_item_id"], let id = BoardItemConversion.id(rawId),
            let project = document["plane_project_id"]?.stringValue,
            let state = document["state"]?.stringValue.flatMap(Link.State.init(rawValue:))
        else { return nil }
        return Link(
            boardItemId: id, planeProjectId: project, planeItemId: document["plane_item_id"]?.stringValue, state: state,
            base: document["base"]?.documentValue.map(values),
            ownedLabelIds: document["owned_label_ids"]?.arrayValue?.compactMap(\.stringValue),
            inputFingerprint: document["input_fingerprint"]?.stringValue,
            remoteFingerprint: document["remote_fingerprint"]?.stringValue,
            attempts: Int(document["attempts"]?.int64Value ?? 0), nextAttemptAt: document["next_attempt_at"]?.dateValue,
            reassertFields: document["reassert_fields"]?.arrayValue.map {
                $0.compactMap { $0.stringValue.flatMap(PlaneField.init(rawValue:)) }
            }, failedInput: document["failed_input"]?.stringValue,
            failedConfiguration: document["failed_configuration"]?.stringValue,
            undecidedPlaneChange: document["undecided_plane_change"]?.int64Value)
    }
}
