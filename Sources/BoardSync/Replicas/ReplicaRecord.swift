import Foundation
import MongoDriver

/// One daemon replica as its heartbeat document in `board_sync_replicas` holds it (`_id` is the replica's
/// id, new for every process). Times are the server's.
public struct ReplicaRecord: Sendable, Codable, Equatable {
    public var id: String
    /// Host, process id and command, as leases name their holder.
    public var holder: String
    public var startedAt: Date?
    public var heartbeatAt: Date?
    /// Until when the others count it live; a replica that stops announcing itself is gone after this.
    public var expiresAt: Date?
    /// Set when it stopped on a SIGTERM or SIGINT (gone at once).
    public var stoppedAt: Date?
    /// The integrations it serves, as of its last heartbeat.
    public var serving: [String]

    enum CodingKeys: String, CodingKey {
        case id, holder
        case startedAt = "started_at"
        case heartbeatAt = "heartbeat_at"
        case expiresAt = "expires_at"
        case stoppedAt = "stopped_at"
        case serving
    }

    init?(_ document: BSONDocument?) {
        guard let document, let id = document["_id"]?.stringValue else { return nil }
        self.id = id
        holder = document["holder"]?.stringValue ?? "?"
        startedAt = document["started_at"]?.dateValue
        heartbeatAt = document["heartbeat_at"]?.dateValue
        expiresAt = document["expires_at"]?.dateValue
        stoppedAt = document["stopped_at"]?.dateValue
        serving = document["serving"]?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    /// Live at `now` (the server's now for decisions; this machine's for display).
    public func isLive(at now: Date) -> Bool {
        stoppedAt == nil && (expiresAt.map { $0 > now } ?? false)
    }
}
