import Foundation
import MongoDriver

/// The `board_sync_replicas` collection: each daemon replica announces itself there every third of the
/// heartbeat period, and counts as live until its `expires_at` (the server's clock, like leases). A TTL
/// index removes a replica's document a while after it went, so `status` can still name it until then.
public struct ReplicaStore: Sendable {
    let collection: MongoCollection

    public init(database: MongoDatabase) {
        collection = database.collection(CollectionNames.replicas)
    }

    /// How long a gone replica's document stays (for `status`) before the TTL monitor removes it.
    public static let keptAfterExpiry = 600

    /// Creates the TTL index (idempotent): `migrate` does, and `run` again at start.
    public func ensureIndexes() async throws {
        try await collection.createIndexes(BoardSyncIndexes.replicas)
    }

    /// Announces the replica live until `period` from the server's now, serving `serving`. Returns the
    /// record as written: its `heartbeatAt` is the server's now, which liveness is judged against.
    public func heartbeat(id: String, holder: String, serving: [String], period: Duration) async throws
        -> ReplicaRecord
    {
        let update: [BSONDocument] = [
            [
                "$set": [
                    "holder": ["$literal": .string(holder)],
                    "serving": ["$literal": .array(serving.sorted().map(BSONValue.string))],
                    "started_at": ["$ifNull": ["$started_at", "$$NOW"]],
                    "heartbeat_at": "$$NOW", "expires_at": LeaseStore.expiry(period), "stopped_at": .null,
                ]
            ]
        ]
        let written = try await collection.findOneAndUpdate(
            ["_id": .string(id)], .pipeline(update), returnDocument: .after, upsert: true)
        guard let record = ReplicaRecord(written) else {
            throw MongoError(
                code: .invalidDocument, operation: "heartbeat in \(CollectionNames.replicas)",
                message: "the server returned no heartbeat document for replica \(id)")
        }
        return record
    }

    /// The replicas live at `serverNow` (from this replica's own heartbeat), oldest first.
    public func live(at serverNow: Date) async throws -> [ReplicaRecord] {
        try await all().filter { $0.isLive(at: serverNow) }
    }

    /// Every replica document kept: the live ones, and those gone for less than ``keptAfterExpiry``.
    public func all() async throws -> [ReplicaRecord] {
        var records: [ReplicaRecord] = []
        for try await document in collection.find([:], options: MongoFindOptions(sort: ["started_at": 1, "_id": 1])) {
            if let record = ReplicaRecord(document) { records.append(record) }
        }
        return records
    }

    /// Says goodbye (SIGTERM, SIGINT): gone at once for the others, who take over its integrations.
    public func stop(id: String) async throws {
        try await collection.updateOne(
            ["_id": .string(id)], .pipeline([["$set": ["expires_at": "$$NOW", "stopped_at": "$$NOW"]]]))
    }
}
