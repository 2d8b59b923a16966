import Foundation

/// Why `explain` has nothing to say.
public enum ExplainError: Error, Sendable, CustomStringConvertible {
    case noSuchItem(id: String, integration: String)
    case duplicates(project: String, externalId: String)

    public var description: String {
        switch self {
        case .noSuchItem(let id, let integration):
            "no board item has the _id \(id) (read as an ObjectId when it is 24 hex digits, else as a string), "
                + "and integration \(integration) holds no link for it; check the id"
        case .duplicates(let project, let externalId):
            "Plane project \(project) holds several items with external id \(externalId); the next sync reports "
                + "them as duplicates (boardsync conflicts list)"
        }
    }
}
