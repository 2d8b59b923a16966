import Foundation
import MongoDriver
import SyncCore

/// Between MongoDB's `board_items` documents and SyncCore's ``BoardItem``.
enum BoardItemConversion {
    /// The fields `BoardItemDocument` reads; every other non-null field is named in `otherFields`
    /// (for `scope.exclude_if_field`).
    static let knownFields: Set<String> = [
        "_id", "project_id", "title", "description", "status", "priority", "labels", "assignees", "start_date",
        "due_date", "parent_id", "created_at", "updated_at", "deleted_at",
    ]

    static func id(_ value: BSONValue) -> BoardItemID? {
        switch value {
        case .objectId(let id): .objectId(id.hex)
        case .string(let text): .string(text)
        default: nil
        }
    }

    static func bson(_ id: BoardItemID) -> BSONValue {
        switch id {
        case .objectId(let hex): BSONObjectId(hex: hex).map(BSONValue.objectId) ?? .string(hex)
        case .string(let text): .string(text)
        }
    }

    /// The SyncCore item of a stored document, or why it cannot be read.
    static func item(from document: BSONDocument) -> Result<BoardItem, BoardReadProblem> {
        let idText = document["_id"].map(BSONDecoder.describeId) ?? "(no _id)"
        guard let rawId = document["_id"], let id = id(rawId) else {
            return .failure(BoardReadProblem(boardItemId: idText, reason: "`_id` is neither an ObjectId nor a string"))
        }
        do {
            let stored = try BSONDecoder().decode(BoardItemDocument.self, from: document)
            let others = Set(document.elements.filter { !knownFields.contains($0.key) && !$0.value.isNull }.map(\.key))
            return .success(
                BoardItem(
                    id: id, projectId: stored.projectId, title: stored.title, description: stored.description,
                    status: stored.status, priority: stored.priority, labels: stored.labels,
                    assignees: stored.assignees,
                    startDate: stored.startDate, dueDate: stored.dueDate, parentId: stored.parentId.flatMap(Self.id),
                    createdAt: stored.createdAt, updatedAt: stored.updatedAt, deletedAt: stored.deletedAt,
                    otherFields: others))
        } catch {
            let reason =
                error.path == "updated_at"
                ? "`updated_at` is missing or not a date, so incremental sync cannot follow it (\(error.reason)); "
                    + "fix the document, then run `boardsync resync --item \(idText)`"
                : "\(error.path.isEmpty ? "the document" : "field `\(error.path)`"): \(error.reason)"
            return .failure(BoardReadProblem(boardItemId: idText, reason: reason))
        }
    }
}

/// A board item document that could not be read: its id and why. The other documents still sync.
public struct BoardReadProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public var boardItemId: String
    public var reason: String

    public var description: String { "board item \(boardItemId): \(reason)" }
}
