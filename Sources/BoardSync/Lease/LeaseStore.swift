import Essentials
import Foundation
import MongoDriver

/// The `board_sync_leases` collection: one document per integration, taken and renewed with
/// findAndModify; expiry is judged on the server's clock (`$$NOW`), so the workers' clocks never matter.
///
/// Dates are compared as milliseconds (`$toLong`): SecantusDB, the local test server, compares a date
/// with `$$NOW` wrongly in `$lte`, and the numeric form means the same on MongoDB.
public struct LeaseStore: Sendable {
    public enum Acquisition: Sendable {
        case acquired(LeaseRecord)
        case held(LeaseRecord?)
    }

    let database: MongoDatabase
    let collection: MongoCollection

    public init(database: MongoDatabase) {
        self.database = database
        collection = database.collection(CollectionNames.leases)
    }

    /// Takes the lease when it is free (never taken, released or expired) or already this token's. With
    /// `runStarted`, that event is recorded right after the lease is taken.
    public func acquire(
        integrationId: String, token: String, holder: String, runId: String?, duration: Duration,
        runStarted: BSONDocument? = nil
    ) async throws -> Acquisition {
        let filter: BSONDocument = [
            "_id": .string(integrationId),
            "$or": [["token": .string(token)], ["$expr": Self.expired]],
        ]
        let update: [BSONDocument] = [
            [
                "$set": [
                    "token": ["$literal": .string(token)], "holder": ["$literal": .string(holder)],
                    "run_id": runId.map { ["$literal": .string($0)] } ?? .null,
                    "acquired_at": "$$NOW", "renewed_at": "$$NOW", "expires_at": Self.expiry(duration),
                    "released_at": .null,
                ]
            ]
        ]
        // Refused without a transaction when it is plainly held (a duplicate key inside one aborts it).
        if let existing = try await collection.findOne(["_id": .string(integrationId)]),
            try await collection.countDocuments(filter) == 0
        {
            return .held(LeaseRecord(existing))
        }
        do {
            // No transaction around the two writes: a worker killed inside one would leave the lease document
            // locked (on MongoDB until the transaction times out, 60 s; on the test server for good), which
            // costs every other worker more than a missing `run.started` event costs anyone.
            let taken = try await collection.findOneAndUpdate(
                filter, .pipeline(update), returnDocument: .after, upsert: true)
            guard let record = LeaseRecord(taken), record.token == token else { return .held(LeaseRecord(taken)) }
            if let runStarted { try await database.collection(CollectionNames.events).insertOne(runStarted) }
            return .acquired(record)
        } catch let error as MongoError where error.code == .duplicateKey {
            // The filter did not match an existing document: someone else holds it.
            return .held(try await current(integrationId))
        } catch let error as MongoError
            where error.code == .writeConflict || error.hasLabel("TransientTransactionError")
        {
            // Another worker took it at the same moment; whoever won holds it now.
            let now = try await current(integrationId)
            if let now, now.token == token { return .acquired(now) }
            return .held(now)
        }
    }

    /// Extends the lease by `duration` from now (the server's now) if `token` still holds it; nil when it
    /// does not (taken by another worker after it expired, or released).
    public func renew(integrationId: String, token: String, duration: Duration) async throws -> LeaseRecord? {
        let document = try await collection.findOneAndUpdate(
            ["_id": .string(integrationId), "token": .string(token), "released_at": .null],
            .pipeline([["$set": ["renewed_at": "$$NOW", "expires_at": Self.expiry(duration)]]]),
            returnDocument: .after)
        return LeaseRecord(document)
    }

    /// Gives the lease back at once (kept as a record of who held it last).
    public func release(integrationId: String, token: String) async throws {
        try await collection.updateOne(
            ["_id": .string(integrationId), "token": .string(token), "released_at": .null],
            .pipeline([["$set": ["expires_at": "$$NOW", "released_at": "$$NOW"]]]))
    }

    public func current(_ integrationId: String) async throws -> LeaseRecord? {
        LeaseRecord(try await collection.findOne(["_id": .string(integrationId)]))
    }

    /// `expires_at` is at or before the server's now (a missing one counts as expired).
    static let expired: BSONValue = ["$lte": [["$toLong": "$expires_at"], ["$toLong": "$$NOW"]]]

    static func expiry(_ duration: Duration) -> BSONValue {
        let milliseconds = duration.inMilliseconds
        return ["$add": ["$$NOW", .int64(milliseconds)]]
    }
}
