import Foundation
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
