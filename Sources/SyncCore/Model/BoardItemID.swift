/// The `_id` of a board item: an ObjectId or a string, as MongoDB holds it.
public enum BoardItemID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// An ObjectId, kept as 24 lowercase hex digits.
    case objectId(String)
    /// A string `_id`.
    case string(String)

    /// An ObjectId id from 24 hex digits (any case); nil when `hex` is not 24 hex digits.
    public static func objectId(hex: String) -> BoardItemID? {
        let lower = hex.lowercased()
        guard lower.utf8.count == 24, lower.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) })
        else { return nil }
        return .objectId(lower)
    }

    /// The id as Plane's `external_id`: ObjectId → 24 hex digits, string → itself.
    public var externalId: String {
        switch self {
        case .objectId(let hex): return hex
        case .string(let text): return text
        }
    }

    public var description: String {
        switch self {
        case .objectId(let hex): return "ObjectId(\(hex))"
        case .string(let text): return "\"\(text)\""
        }
    }

    public static func < (lhs: BoardItemID, rhs: BoardItemID) -> Bool {
        if lhs.externalId != rhs.externalId { return lhs.externalId < rhs.externalId }
        return lhs.kindRank < rhs.kindRank
    }

    private var kindRank: Int {
        switch self {
        case .objectId: return 0
        case .string: return 1
        }
    }
}
