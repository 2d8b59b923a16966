import Foundation
import MongoDriver
import SyncCore

/// Between MongoDB's `board_items` documents and SyncCore's ``BoardItem``.
enum BoardItemConversion {
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
        item(from: Result { () throws(BSONError) in try BSONDecoder().decode(BoardItemDocument.self, from: document) })
    }

    /// The SyncCore item of a decoded document (``MongoCollection/find(_:options:as:)``), or why it cannot be read.
    static func item(from decoded: Result<BoardItemDocument, BSONError>) -> Result<BoardItem, BoardReadProblem> {
        switch decoded {
        case .success(let stored):
            guard let id = id(stored.id) else {
                return .failure(
                    BoardReadProblem(
                        boardItemId: BSONDecoder.describeId(stored.id),
                        reason: "`_id` is neither an ObjectId nor a string"))
            }
            return .success(
                BoardItem(
                    id: id, projectId: stored.projectId, title: stored.title, description: stored.description,
                    status: stored.status, priority: stored.priority, labels: stored.labels,
                    assignees: stored.assignees,
                    startDate: stored.startDate, dueDate: stored.dueDate, parentId: stored.parentId.flatMap(Self.id),
                    createdAt: stored.createdAt, updatedAt: stored.updatedAt, deletedAt: stored.deletedAt,
                    otherFields: stored.otherFields))
        case .failure(let error):
            let idText = error.documentId ?? "(no _id)"
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
