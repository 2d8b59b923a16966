import Foundation
import MongoDriver
import SyncReports

/// Conflict reports in `approvals` (kind `board_sync_conflict`): one document per unresolved situation
/// of one item. Seeing the same situation again updates its document, never adds another; a situation
/// that goes away by itself is marked `superseded`.
public struct ApprovalStore: Sendable {
    public static let kind = "board_sync_conflict"

    let collection: MongoCollection
    let leaseToken: String?

    public init(database: MongoDatabase, leaseToken: String? = nil) {
        collection = database.collection(CollectionNames.approvals)
        self.leaseToken = leaseToken
    }

    /// Opens the report, or refreshes the pending one for the same item and kind. Returns its id.
    @discardableResult
    public func report(_ record: ConflictRecord, now: Date) async throws -> String {
        let filter = Self.situation(record.integrationId, record.boardItemId, kind: record.kind.rawValue)
        var fields = ApprovalDocument.fields(of: record)
        fields["updated_at"] = .date(now)
        if let leaseToken { fields["lease_token"] = .string(leaseToken) }
        let document = try await collection.findOneAndUpdate(
            filter,
            [
                "$set": .document(fields),
                "$setOnInsert": ["created_at": .date(now), "kind": .string(Self.kind), "status": "pending"],
            ], returnDocument: .after, upsert: true)
        return document?["_id"].map(BSONDecoder.describeId) ?? ""
    }

    /// Marks the item's pending reports superseded, but for the kinds still seen this run.
    public func supersede(integrationId: String, boardItemId: String, keeping kinds: Set<String> = [], now: Date)
        async throws
    {
        var filter: BSONDocument = [
            "kind": .string(Self.kind), "integration_id": .string(integrationId), "board_item_id": .string(boardItemId),
            "status": "pending",
        ]
        if !kinds.isEmpty { filter["conflict_kind"] = ["$nin": .array(kinds.sorted().map(BSONValue.string))] }
        try await collection.updateMany(
            filter, ["$set": ["status": "superseded", "resolved_at": .date(now), "updated_at": .date(now)]])
    }

    /// Reports, newest first; `boardItemId` (the item's external id) narrows them to one board item.
    public func list(
        integrationId: String? = nil, kind: String? = nil, status: String? = nil, boardItemId: String? = nil
    ) async throws -> [ConflictRecord] {
        var filter: BSONDocument = ["kind": .string(Self.kind)]
        if let integrationId { filter["integration_id"] = .string(integrationId) }
        if let boardItemId { filter["board_item_id"] = .string(boardItemId) }
        if let kind { filter["conflict_kind"] = .string(kind) }
        if let status { filter["status"] = .string(status) }
        var records: [ConflictRecord] = []
        for try await document in collection.find(filter, options: MongoFindOptions(sort: ["updated_at": -1])) {
            if let record = ApprovalDocument.record(document) { records.append(record) }
        }
        return records
    }

    public func get(_ id: String) async throws -> ConflictRecord? {
        let key: BSONValue = BSONObjectId(hex: id).map(BSONValue.objectId) ?? .string(id)
        return try await collection.findOne(["_id": key, "kind": .string(Self.kind)]).flatMap(ApprovalDocument.record)
    }

    static func situation(_ integrationId: String, _ boardItemId: String, kind: String) -> BSONDocument {
        [
            "kind": .string(Self.kind), "integration_id": .string(integrationId), "board_item_id": .string(boardItemId),
            "conflict_kind": .string(kind), "status": "pending",
        ]
    }
}
