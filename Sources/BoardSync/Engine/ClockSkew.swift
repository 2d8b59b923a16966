import Foundation
import MongoDriver
import SyncCore

/// Board items stamped by a clock that runs ahead of the database's (SyncCore's
/// ``CheckpointRule/isSkewed(_:serverNow:)``): synced like any other, and said out loud.
enum ClockSkew {
    /// One line naming how many, a few of them and by how much, or nil when there are none.
    static func warning(_ skewed: [(id: BoardItemID, updatedAt: Date)], serverNow: Date?) -> String? {
        guard let serverNow, !skewed.isEmpty else { return nil }
        let examples = skewed.prefix(3).map {
            "\($0.id) at \(Self.text($0.updatedAt)), \(ahead($0.updatedAt, serverNow)) ahead"
        }
        return
            "\(skewed.count) board item(s) have an updated_at ahead of the database's clock (\(Self.text(serverNow))), "
            + "e.g. \(examples.joined(separator: "; ")): a board writer's clock runs fast. They are synced, and the "
            + "cursor stays at the database's time; fix that writer's clock."
    }

    static func text(_ date: Date) -> String { date.formatted(.iso8601) }

    /// "3 min", "2 days", "7975 years".
    static func ahead(_ date: Date, _ now: Date) -> String {
        let seconds = date.timeIntervalSince(now)
        if seconds < 120 { return "\(Int(seconds)) s" }
        if seconds < 7200 { return "\(Int(seconds / 60)) min" }
        if seconds < 2 * 86_400 { return "\(Int(seconds / 3600)) h" }
        if seconds < 730 * 86_400 { return "\(Int(seconds / 86_400)) days" }
        return "\(Int(seconds / (365.25 * 86_400))) years"
    }
}

/// Board items whose `updated_at` is ahead of the database's clock, counted on the server (for `check`
/// and `status`): how many, and a few of them.
struct SkewedBoardItems: Sendable, Equatable {
    var count: Int
    /// "ID at TIME" for the first few (furthest ahead first).
    var examples: [String]
    var serverNow: Date

    /// Nil when the server does not say what time it is.
    static func read(_ database: MongoDatabase) async throws -> SkewedBoardItems? {
        guard let now = try await DatabaseClock.now(database) else { return nil }
        let items = database.collection(CollectionNames.boardItems)
        let filter: BSONDocument = ["updated_at": ["$gt": .date(now.addingTimeInterval(CheckpointRule.skewTolerance))]]
        let count = try await items.countDocuments(filter)
        var examples: [String] = []
        if count > 0 {
            let options = MongoFindOptions(sort: ["updated_at": -1], projection: ["_id": 1, "updated_at": 1], limit: 3)
            for try await document in items.find(filter, options: options) {
                let id = document["_id"].map(BSONDecoder.describeId) ?? "?"
                examples.append("\(id) at \(document["updated_at"]?.dateValue.map(ClockSkew.text) ?? "?")")
            }
        }
        return SkewedBoardItems(count: count, examples: examples, serverNow: now)
    }

    /// One line for people: how many, which, and what to do.
    var text: String {
        "\(count) board item(s) have an updated_at ahead of the database's clock (\(ClockSkew.text(serverNow))), "
            + "e.g. \(examples.joined(separator: ", ")): a board writer's clock runs fast. They are synced, and the "
            + "cursor stays at the database's time"
    }
}
