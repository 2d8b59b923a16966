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
    public func report(_ record: ConflictRecord, boardUpdatedAt: Date? = nil, now: Date) async throws -> String {
        let filter = Self.situation(record.integrationId, record.boardItemId, kind: record.kind.rawValue)
        var fields = ApprovalDocument.fields(of: record)
        fields["updated_at"] = .date(now)
        // What `conflicts resolve --take-plane` checks before it writes the board item.
        fields["board_updated_at"] = boardUpdatedAt.map(BSONValue.date) ?? .null
        if let leaseToken { fields["lease_token"] = .string(leaseToken) }
        let document = try await collection.findOneAndUpdate(
            filter,
            [
                "$set": .document(fields),
                "$setOnInsert": ["created_at": .date(now), "kind": .string(Self.kind), "status": "pending"],
            ], returnDocument: .after, upsert: true)
        return document?["_id"].map(BSONDecoder.describeId) ?? ""
    }

    /// Marks the item's pending reports of these kinds superseded: their situation went away by itself.
    public func supersede(integrationId: String, boardItemId: String, kinds: Set<String>, now: Date) async throws {
        var fields: BSONDocument = ["status": "superseded", "resolved_at": .date(now), "updated_at": .date(now)]
        if let leaseToken { fields["lease_token"] = .string(leaseToken) }
        try await collection.updateMany(
            [
                "kind": .string(Self.kind), "integration_id": .string(integrationId),
                "board_item_id": .string(boardItemId), "status": "pending",
                "conflict_kind": ["$in": .array(kinds.sorted().map(BSONValue.string))],
            ], ["$set": .document(fields)])
    }

    /// The kinds of every pending report of the integration, by board item: what a run may supersede.
    public func pendingKinds(integrationId: String) async throws -> [String: Set<String>] {
        var kinds: [String: Set<String>] = [:]
        let filter: BSONDocument = [
            "kind": .string(Self.kind), "integration_id": .string(integrationId), "status": "pending",
        ]
        let projection: BSONDocument = ["board_item_id": 1, "conflict_kind": 1]
        for try await document in collection.find(filter, options: MongoFindOptions(projection: projection)) {
            guard let item = document["board_item_id"]?.stringValue, let kind = document["conflict_kind"]?.stringValue
            else { continue }
            kinds[item, default: []].insert(kind)
        }
        return kinds
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
        try await collection.findOne(["_id": Self.key(id), "kind": .string(Self.kind)]).flatMap(ApprovalDocument.record)
    }

    /// The board item's `updated_at` when the report was last raised.
    func boardUpdatedAt(_ id: String) async throws -> Date? {
        try await collection.findOne(["_id": Self.key(id)])?["board_updated_at"]?.dateValue
    }

    /// Closes a pending report with what the admin chose, who did and why.
    func resolve(_ id: String, choice: String, fields: [String], by: String, note: String?, now: Date) async throws {
        try await collection.updateOne(
            ["_id": Self.key(id), "status": "pending"],
            [
                "$set": [
                    "status": "resolved", "resolved_at": .date(now), "updated_at": .date(now),
                    "resolution": [
                        "choice": .string(choice), "fields": .array(fields.map(BSONValue.string)), "by": .string(by),
                        "note": note.map(BSONValue.string) ?? .null, "at": .date(now),
                    ],
                ]
            ])
    }

    static func key(_ id: String) -> BSONValue { BSONObjectId(hex: id).map(BSONValue.objectId) ?? .string(id) }

    static func situation(_ integrationId: String, _ boardItemId: String, kind: String) -> BSONDocument {
        [
            "kind": .string(Self.kind), "integration_id": .string(integrationId), "board_item_id": .string(boardItemId),
            "conflict_kind": .string(kind), "status": "pending",
        ]
    }
}
