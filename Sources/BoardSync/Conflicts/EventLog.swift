import Foundation
import MongoDriver

/// The `events` trail: one document per run and per notable action, shaped as the NATS message would be,
/// so a bridge can forward it unchanged.
///
/// ```
/// { _id, subject: "board.sync.run.completed", time, integration_id, run_id,
///   board_item_id?, plane_item_id?, details: { ... } }
/// ```
/// Subjects: `board.sync.run.started`, `.completed`, `.failed` (details: the run summary), and
/// `board.sync.item.conflict`, `.failed`, `.deleted`, `.recreated` (details: the message), `.resolved`.
public struct EventLog: Sendable {
    public enum Subject: String, Sendable, CaseIterable {
        case runStarted = "board.sync.run.started"
        case runCompleted = "board.sync.run.completed"
        case runFailed = "board.sync.run.failed"
        case itemConflict = "board.sync.item.conflict"
        case itemFailed = "board.sync.item.failed"
        case itemDeleted = "board.sync.item.deleted"
        case itemRecreated = "board.sync.item.recreated"
        /// An admin resolved a conflict report (details: approval_id, choice, fields, by, note).
        case itemResolved = "board.sync.item.resolved"
    }

    let collection: MongoCollection
    public let integrationId: String
    public let runId: String

    public init(database: MongoDatabase, integrationId: String, runId: String = BSONObjectId().hex) {
        collection = database.collection(CollectionNames.events)
        self.integrationId = integrationId
        self.runId = runId
    }

    public func record(
        _ subject: Subject, boardItemId: String? = nil, planeItemId: String? = nil, details: BSONDocument = [:],
        now: Date = Date()
    ) async throws {
        try await collection.insertOne(
            document(subject, boardItemId: boardItemId, planeItemId: planeItemId, details: details, now: now))
    }

    /// The event as stored; for writing it elsewhere (with the lease, in one transaction).
    public func document(
        _ subject: Subject, boardItemId: String? = nil, planeItemId: String? = nil, details: BSONDocument = [:],
        now: Date = Date()
    ) -> BSONDocument {
        var document: BSONDocument = [
            "subject": .string(subject.rawValue), "time": .date(now), "integration_id": .string(integrationId),
            "run_id": .string(runId),
        ]
        if let boardItemId { document["board_item_id"] = .string(boardItemId) }
        if let planeItemId { document["plane_item_id"] = .string(planeItemId) }
        document["details"] = .document(details.redactingStrings())
        return document
    }

    /// The run summary as event details (the `--json` summary's keys).
    static func details(_ summary: RunSummary) -> BSONDocument {
        guard let data = try? JSONEncoder().encode(summary),
            let text = String(data: data, encoding: .utf8), let document = try? BSONDocument(extendedJSON: text)
        else { return [:] }
        return document
    }
}
