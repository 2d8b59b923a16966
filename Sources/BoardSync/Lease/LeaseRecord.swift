import Foundation
import MongoDriver

/// One integration's lease as stored in `board_sync_leases` (`_id` is the integration's id). Times are
/// the server's.
public struct LeaseRecord: Sendable, Codable, Equatable {
    public var integrationId: String
    /// Who holds or last held it: host, process id and command.
    public var holder: String
    /// The fencing token of the holder's acquisition: in every write of its run.
    public var token: String
    public var acquiredAt: Date?
    public var renewedAt: Date?
    public var expiresAt: Date?
    /// Set when the holder gave it back; a released or expired lease is free.
    public var releasedAt: Date?
    public var runId: String?

    enum CodingKeys: String, CodingKey {
        case integrationId = "integration_id"
        case holder, token
        case acquiredAt = "acquired_at"
        case renewedAt = "renewed_at"
        case expiresAt = "expires_at"
        case releasedAt = "released_at"
        case runId = "run_id"
    }

    init?(_ document: BSONDocument?) {
        guard let document, let id = document["_id"]?.stringValue else { return nil }
        integrationId = id
        holder = document["holder"]?.stringValue ?? "?"
        token = document["token"]?.stringValue ?? ""
        acquiredAt = document["acquired_at"]?.dateValue
        renewedAt = document["renewed_at"]?.dateValue
        expiresAt = document["expires_at"]?.dateValue
        releasedAt = document["released_at"]?.dateValue
        runId = document["run_id"]?.stringValue
    }

    /// Held at `now` (judged on this machine's clock, for display only).
    public func isHeld(at now: Date) -> Bool {
        releasedAt == nil && (expiresAt.map { $0 > now } ?? false)
    }
}
