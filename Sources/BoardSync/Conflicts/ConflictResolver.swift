import Foundation
import MongoDriver
import PlaneAPI
import SyncCore
import SyncReports

/// Settles one conflict report. `--keep-board` marks the link so the next run pushes the board's values;
/// `--take-plane` writes Plane's values into the board item (only if its `updated_at` is still what the
/// conflict saw: the one write BoardSync makes to `board_items`), then re-stamps the link's base and
/// fingerprints so the next run writes nothing for it and the conflict does not come back.
public struct ConflictResolver: Sendable {
    /// The engine whose database, Plane client and metadata cache `--take-plane` uses.
    let engine: SyncEngine
    let options: SyncEngine.Options

    var database: MongoDatabase { engine.database }

    public init(engine: SyncEngine, options: SyncEngine.Options = SyncEngine.Options(mode: .incremental)) {
        self.engine = engine
        self.options = options
    }

    /// Resolves the report `id`; returns what was done, for the terminal.
    public func resolve(_ id: String, _ resolution: ConflictResolution) async throws -> String {
        let store = ApprovalStore(database: database)
        guard let record = try await store.get(id) else {
            throw ConflictResolutionError(
                "no conflict report has the id \(id); `boardsync conflicts list --status all` lists them")
        }
        guard record.status == .pending else {
            throw ConflictResolutionError("conflict report \(id) is already \(record.status.rawValue); nothing to do")
        }
        let integration = try await IntegrationLoader(database: database).load(id: record.integrationId)
        let boardId = BoardItemID.objectId(hex: record.boardItemId) ?? .string(record.boardItemId)
        let links = LinkStore(database: database, integrationId: integration.id)
        let now = options.now()
        let done: String
        var fields: [PlaneField] = []
        switch resolution.choice {
        case .keepBoard:
            guard [.handEdit, .bothChanged].contains(record.kind) else {
                done = "Acknowledged; nothing to push for a \(record.kind.label) report."
                break
            }
            fields = PlaneField.allCases
            try await links.reassert(boardId, fields: fields, now: now)
            done = "The next sync pushes the board's values of board item \(record.boardItemId) to Plane."
        case .takePlane(let chosen):
            guard [.handEdit, .bothChanged].contains(record.kind) else {
                throw ConflictResolutionError(
                    "--take-plane applies to hand_edit and both_changed reports; report \(id) is \(record.kind.rawValue). "
                        + "Fix it on the board or in Plane, or acknowledge it with --keep-board.")
            }
            fields = try Self.fields(chosen, of: record)
            let reference = ConflictRecordRef(
                fields: record.fields.compactMap { PlaneField(rawValue: $0.name) },
                boardUpdatedAt: try await store.boardUpdatedAt(id))
            let next = try await TakePlane(engine: engine, integration: integration, links: links, options: options)
                .apply(fields: fields, record: reference, boardId: boardId, now: now)
            done =
                "Board item \(record.boardItemId) took Plane's \(fields.map(\.rawValue).joined(separator: ", ")); "
                + Self.nextSyncText(next)
        }
        try await store.resolve(
            id, choice: resolution.choice == .keepBoard ? "keep_board" : "take_plane", fields: fields.map(\.rawValue),
            by: resolution.by, note: resolution.note, now: now)
        try await EventLog(database: database, integrationId: integration.id).record(
            .itemResolved, boardItemId: record.boardItemId, planeItemId: record.planeItemId,
            details: [
                "approval_id": .string(id), "choice": resolution.choice == .keepBoard ? "keep_board" : "take_plane",
                "fields": .array(fields.map { .string($0.rawValue) }), "by": .string(resolution.by),
                "note": resolution.note.map(BSONValue.string) ?? .null,
            ], now: now)
        return done
    }

    /// What the next sync does for the item, in SyncCore's own words.
    static func nextSyncText(_ actions: [PlannedAction]) -> String {
        let writes = actions.filter { $0.estimatedWrites > 0 || $0.kind == .conflict }
        guard !writes.isEmpty else { return "the next sync writes nothing for it." }
        return "the next sync will: " + writes.map(\.message).joined(separator: " ")
    }

    /// The fields to take: those named (checked against the report), else every field of the report.
    static func fields(_ chosen: [PlaneField]?, of record: ConflictRecord) throws -> [PlaneField] {
        let reported = record.fields.compactMap { PlaneField(rawValue: $0.name) }
        guard let chosen else { return reported }
        let unknown = chosen.filter { !reported.contains($0) }
        guard unknown.isEmpty else {
            throw ConflictResolutionError(
                "--field \(unknown.map(\.rawValue).joined(separator: ", ")) is not among the fields of this report ("
                    + reported.map(\.rawValue).joined(separator: ", ") + ")")
        }
        return chosen
    }
}
