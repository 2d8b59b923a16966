import Foundation
import MongoDriver
import PlaneAPI
import SyncCore

/// The integration's `board_links`: the only truth about what was mirrored. Every write carries the
/// run's lease token (fencing) when there is one.
struct LinkStore: Sendable {
    let collection: MongoCollection
    let integrationId: String
    let leaseToken: String?

    init(database: MongoDatabase, integrationId: String, leaseToken: String? = nil) {
        collection = database.collection(CollectionNames.boardLinks)
        self.integrationId = integrationId
        self.leaseToken = leaseToken
    }

    func links(for ids: [BoardItemID]) async throws -> [BoardItemID: Link] {
        var found: [BoardItemID: Link] = [:]
        for start in stride(from: 0, to: ids.count, by: 1000) {
            let chunk = ids[start..<min(start + 1000, ids.count)].map(BoardItemConversion.bson)
            let filter: BSONDocument = [
                "integration_id": .string(integrationId), "board_item_id": ["$in": .array(chunk)],
            ]
            for try await document in collection.find(filter) {
                if let link = LinkDocument.link(document) { found[link.boardItemId] = link }
            }
        }
        return found
    }

    func allLinks() async throws -> [Link] {
        var links: [Link] = []
        for try await document in collection.find(["integration_id": .string(integrationId)]) {
            if let link = LinkDocument.link(document) { links.append(link) }
        }
        return links
    }

    /// Links whose retry time has come (failed or left `creating`).
    func dueForRetry(now: Date) async throws -> [Link] {
        // Whatever the state (a synced item whose PATCH failed stays due too), but for held ones.
        let filter: BSONDocument = [
            "integration_id": .string(integrationId), "state": ["$nin": ["unlinked", "conflict"]],
            "$or": [
                ["state": ["$in": ["failed", "creating"]], "next_attempt_at": nil],
                ["next_attempt_at": ["$lte": .date(now)]],
            ],
        ]
        var links: [Link] = []
        for try await document in collection.find(filter) {
            if let link = LinkDocument.link(document) { links.append(link) }
        }
        return links
    }

    /// No link of any state: nothing was mirrored, or the links were lost.
    func isEmpty() async throws -> Bool {
        try await collection.countDocuments(["integration_id": .string(integrationId)]) == 0
    }

    /// How many items are mirrored (have a Plane id): the base of the mass-delete breaker.
    func linkedCount() async throws -> Int {
        try await collection.countDocuments([
            "integration_id": .string(integrationId), "plane_item_id": ["$type": "string"],
            "state": ["$ne": "unlinked"],
        ])
    }

    /// Links to items of one Plane project, whatever their state: what the project's count is weighed against.
    func linkedCount(project: String) async throws -> Int {
        try await collection.countDocuments([
            "integration_id": .string(integrationId), "plane_project_id": .string(project),
            "plane_item_id": ["$type": "string"],
        ])
    }

    /// Which of these Plane items a link points to.
    func linkedPlaneIds(among planeIds: [String]) async throws -> Set<String> {
        Set(try await links(mirroredTo: planeIds).compactMap(\.planeItemId))
    }

    /// The links pointing to these Plane items.
    func links(mirroredTo planeIds: [String]) async throws -> [Link] {
        var found: [Link] = []
        for start in stride(from: 0, to: planeIds.count, by: 1000) {
            let chunk = planeIds[start..<min(start + 1000, planeIds.count)].map(BSONValue.string)
            let filter: BSONDocument = [
                "integration_id": .string(integrationId), "plane_item_id": ["$in": .array(chunk)],
            ]
            for try await document in collection.find(filter) {
                if let link = LinkDocument.link(document) { found.append(link) }
            }
        }
        return found
    }

    /// Plane ids of the items of one project this integration mirrors and follows (synced or failed links):
    /// the ones a whole listing of the project must show.
    func mirroredPlaneIds(project: String) async throws -> Set<String> {
        let filter: BSONDocument = [
            "integration_id": .string(integrationId), "plane_project_id": .string(project),
            "plane_item_id": ["$type": "string"], "state": ["$in": ["synced", "failed"]],
        ]
        var ids = Set<String>()
        for try await document in collection.find(filter, options: MongoFindOptions(projection: ["plane_item_id": 1])) {
            if let id = document["plane_item_id"]?.stringValue { ids.insert(id) }
        }
        return ids
    }

    /// Plane's `updated_at` as each linked Plane item's link recorded it (our last write or decision).
    func remoteUpdatedMicros(planeItemIds: [String]) async throws -> [String: Int64] {
        guard !planeItemIds.isEmpty else { return [:] }
        var found: [String: Int64] = [:]
        let filter: BSONDocument = [
            "integration_id": .string(integrationId),
            "plane_item_id": ["$in": .array(planeItemIds.map(BSONValue.string))],
        ]
        for try await document in collection.find(filter) {
            guard let planeId = document["plane_item_id"]?.stringValue,
                let micros = document["remote_updated_at"]?.stringValue.flatMap(PlaneTimestamp.init)?
                    .microsecondsSinceEpoch
            else { continue }
            found[planeId] = micros
        }
        return found
    }

    /// Phase one of a create: the link says `creating` before the POST, so a crash leaves a trace
    /// that the next run settles with the external-id lookup.
    func markCreating(_ id: BoardItemID, planeProjectId: String, now: Date) async throws {
        try await upsert(
            id,
            set: ["plane_project_id": .string(planeProjectId), "plane_item_id": nil, "state": "creating"],
            now: now)
    }

    func saveSynced(
        _ id: BoardItemID, planeProjectId: String, item: PlaneItemSnapshot, sequenceId: Int?, ownedLabelIds: [String],
        inputFingerprint: String?, remoteUpdatedAt: String?, now: Date
    ) async throws {
        try await upsert(
            id,
            set: [
                "plane_project_id": .string(planeProjectId), "plane_item_id": .string(item.id),
                "plane_sequence_id": sequenceId.map { .int64(Int64($0)) } ?? .null, "state": "synced",
                "base": .document(LinkDocument.base(item.values)),
                "owned_label_ids": .array(ownedLabelIds.map(BSONValue.string)),
                "input_fingerprint": inputFingerprint.map(BSONValue.string) ?? .null,
                "remote_fingerprint": .string(Fingerprint.remote(item.values)),
                "remote_updated_at": remoteUpdatedAt.map(BSONValue.string) ?? .null, "last_synced_at": .date(now),
                "attempts": .int32(0), "last_error": nil,
                // An item adopted without a fingerprint is due at once: the next run pushes what differs.
                "next_attempt_at": inputFingerprint == nil ? .date(now) : .null, "reassert_fields": nil,
                "failed_input": nil, "failed_configuration": nil, "undecided_plane_change": nil,
            ], now: now)
    }

    /// Re-stamps the fingerprint when the board changed in a way that changes nothing in Plane.
    func saveFingerprint(_ id: BoardItemID, inputFingerprint: String, now: Date) async throws {
        try await update(
            id,
            set: [
                "input_fingerprint": .string(inputFingerprint), "next_attempt_at": nil, "reassert_fields": nil,
                "undecided_plane_change": nil,
            ], now: now)
    }

    /// The item was decided on its Plane item as it is now (a read by id or this run's listing).
    func clearUndecidedPlaneChange(_ id: BoardItemID, now: Date) async throws {
        try await update(id, set: ["undecided_plane_change": nil], now: now)
    }

    /// Plane changes this run listed without deciding them (SyncCore's ``UndecidedPlaneChange``): each
    /// item's next decision reads its Plane item by id, so the watermark may pass them. A decision saved
    /// on that read clears the mark (``saveSynced``, ``saveFingerprint``).
    func markUndecidedPlaneChanges(_ marks: [BoardItemID: Int64], now: Date) async throws {
        for (id, micros) in marks.sorted(by: { $0.key < $1.key }) {
            try await update(id, set: ["undecided_plane_change": .int64(micros)], now: now)
        }
    }

    func recordFailure(
        _ id: BoardItemID, planeProjectId: String, error: String, attempts: Int, nextAttemptAt: Date,
        failedInput: String?, failedConfiguration: String, now: Date
    ) async throws {
        try await upsert(
            id,
            set: [
                "plane_project_id": .string(planeProjectId), "last_error": .string(error),
                "attempts": .int64(Int64(attempts)),
                "next_attempt_at": .date(nextAttemptAt), "failed_input": failedInput.map(BSONValue.string) ?? .null,
                "failed_configuration": .string(failedConfiguration),
            ], setOnInsert: ["state": "failed", "plane_item_id": nil], now: now)
        try await collection.updateOne(
            [
                "integration_id": .string(integrationId), "board_item_id": BoardItemConversion.bson(id),
                "state": ["$in": ["creating", "synced"]],
            ],
            ["$set": ["state": "failed"]])
    }

    /// Writes SyncCore's ``LinkRecord`` for an item that sent nothing to Plane.
    func apply(_ record: LinkRecord, _ id: BoardItemID, planeProjectId: String?, now: Date) async throws {
        switch record {
        case .problem(let state, let reason, let attempts, let next, let input, let configuration):
            try await upsert(
                id,
                set: [
                    "state": .string(state.rawValue), "last_error": .string(reason),
                    "attempts": .int64(Int64(attempts)), "next_attempt_at": .date(next),
                    "failed_input": input.map(BSONValue.string) ?? .null,
                    "failed_configuration": .string(configuration),
                ], setOnInsert: ["plane_project_id": .string(planeProjectId ?? ""), "plane_item_id": nil], now: now)
        case .waiting(let state, let reason, let next, let input, let configuration):
            try await upsert(
                id,
                set: [
                    "state": .string(state.rawValue), "last_error": .string(reason), "next_attempt_at": .date(next),
                    "failed_input": input.map(BSONValue.string) ?? .null,
                    "failed_configuration": .string(configuration),
                ],
                setOnInsert: [
                    "plane_project_id": .string(planeProjectId ?? ""), "plane_item_id": nil, "attempts": .int64(0),
                ], now: now)
        case .clear:
            try await update(
                id,
                set: [
                    "attempts": .int64(0), "last_error": nil, "next_attempt_at": nil, "failed_input": nil,
                    "failed_configuration": nil, "undecided_plane_change": nil,
                ], now: now)
            // A failed write the board has since made moot: the item is synced again.
            try await collection.updateOne(
                [
                    "integration_id": .string(integrationId), "board_item_id": BoardItemConversion.bson(id),
                    "state": "failed", "plane_item_id": ["$type": "string"],
                ], ["$set": ["state": "synced"]])
        case .forget:
            try await collection.deleteOne([
                "integration_id": .string(integrationId), "board_item_id": BoardItemConversion.bson(id),
                "state": ["$in": ["blocked", "ambiguous"]],
            ])
        }
    }

    func setState(_ id: BoardItemID, _ state: Link.State, note: String?, now: Date) async throws {
        try await update(
            id, set: ["state": .string(state.rawValue), "last_error": note.map(BSONValue.string) ?? .null], now: now)
    }

    /// Adoption by title found the item's title on several items: held (no Plane id) until a person makes
    /// it unique or unlinks it; a later sync does not create it. Only a link that never reached Plane is held.
    func markAmbiguous(_ id: BoardItemID, planeProjectId: String, note: String, now: Date) async throws {
        let existing = try await links(for: [id])[id]
        if let existing, existing.planeItemId != nil || ![.blocked, .ambiguous].contains(existing.state) { return }
        try await upsert(
            id,
            set: [
                "plane_project_id": .string(planeProjectId), "plane_item_id": nil, "state": "ambiguous",
                "last_error": .string(note),
            ], now: now)
    }

    /// The item waits for a person. A missing link is created pointing at the Plane item in conflict.
    func markConflict(_ id: BoardItemID, planeProjectId: String?, planeItemId: String?, note: String, now: Date)
        async throws
    {
        try await upsert(
            id, set: ["state": "conflict", "last_error": .string(note)],
            setOnInsert: [
                "plane_project_id": planeProjectId.map(BSONValue.string) ?? .null,
                "plane_item_id": planeItemId.map(BSONValue.string) ?? .null,
            ], now: now)
    }

    /// An admin chose the board for these fields: the link is synced again and due now, so the next run
    /// reads Plane's item and pushes the board's values where they differ.
    func reassert(_ id: BoardItemID, fields: [PlaneField], now: Date) async throws {
        try await update(
            id,
            set: [
                "state": "synced", "last_error": nil, "next_attempt_at": .date(now),
                "reassert_fields": .array(fields.map { .string($0.rawValue) }),
            ], now: now)
    }

    /// The board item mirrored to a Plane item, if any.
    func boardItem(mirroredTo planeItemId: String) async throws -> BoardItemID? {
        let document = try await collection.findOne([
            "integration_id": .string(integrationId), "plane_item_id": .string(planeItemId),
        ])
        return document?["board_item_id"].flatMap(BoardItemConversion.id)
    }

    func remove(_ id: BoardItemID) async throws {
        try await collection.deleteOne([
            "integration_id": .string(integrationId), "board_item_id": BoardItemConversion.bson(id),
        ])
    }

    private func update(_ id: BoardItemID, set: BSONDocument, now: Date) async throws {
        var fields = set
        fields["updated_at"] = .date(now)
        if let leaseToken { fields["lease_token"] = .string(leaseToken) }
        try await collection.updateOne(
            ["integration_id": .string(integrationId), "board_item_id": BoardItemConversion.bson(id)],
            ["$set": .document(fields)])
    }

    private func upsert(_ id: BoardItemID, set: BSONDocument, setOnInsert: BSONDocument = [:], now: Date) async throws {
        var fields = set
        fields["updated_at"] = .date(now)
        if let leaseToken { fields["lease_token"] = .string(leaseToken) }
        var onInsert = setOnInsert
        onInsert["created_at"] = .date(now)
        try await collection.updateOne(
            ["integration_id": .string(integrationId), "board_item_id": BoardItemConversion.bson(id)],
            ["$set": .document(fields), "$setOnInsert": .document(onInsert)], upsert: true)
    }
}
