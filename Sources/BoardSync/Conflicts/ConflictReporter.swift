import Foundation
import SyncCore
import SyncReports

/// Turns situations that need a person into `approvals` documents an admin can list, read and resolve:
/// the plan's conflicts, and the items that cannot be mirrored, carry a value Plane cannot take, keep
/// failing, were deleted in Plane by hand, or are orphans kept in Plane.
struct ConflictReporter: Sendable {
    let store: ApprovalStore
    let integration: Integration
    /// The board item's title, when the action carries no payload to take it from.
    var title: String? = nil

    func titled(_ title: String?) -> ConflictReporter {
        var copy = self
        copy.title = title
        return copy
    }

    /// A report of this kind about the action's item, with the policy applied and the fields concerned.
    func report(
        _ kind: ConflictRecord.Kind, _ planned: PlannedAction, message: String? = nil, policy: String? = nil,
        fields: [ConflictRecord.Field] = [], editedBy: String? = nil, editedAtMicros: Int64? = nil,
        boardUpdatedAt: Date?, now: Date
    ) async throws {
        guard let id = planned.boardItemId else { return }
        let record = ConflictRecord(
            id: "", integrationId: integration.id, kind: kind, boardItemId: id.externalId,
            boardItemTitle: planned.payload?.values.name ?? title, planeItemId: planned.planeItemId,
            planeURL: planeURL(project: planned.planeProjectId, item: planned.planeItemId),
            policy: policy ?? defaultPolicy(kind), createdAt: now, updatedAt: now, planeEditedBy: editedBy,
            planeEditedAt: editedAtMicros.map { Date(timeIntervalSince1970: Double($0) / 1_000_000) },
            message: message ?? planned.message, fields: fields)
        try await store.report(record, boardUpdatedAt: boardUpdatedAt, now: now)
    }

    /// The plan's conflict, with base, board and Plane values per field.
    func report(conflict: Conflict, _ planned: PlannedAction, boardUpdatedAt: Date?, now: Date) async throws {
        try await report(
            Self.kind(conflict.kind), planned, fields: conflict.fields.map(Self.field),
            editedBy: conflict.planeUpdatedBy,
            editedAtMicros: conflict.planeUpdatedAtMicros, boardUpdatedAt: boardUpdatedAt, now: now)
    }

    /// Opens (or refreshes) a report of `kind` about the applied action's item: SyncCore's
    /// ``ReportTransitions`` decided which; this writes what each says. A conflict's report is written before
    /// its link (by the executor), so it is not written again here.
    func open(_ kind: ReportKind, _ planned: PlannedAction, boardUpdatedAt: Date?, now: Date) async throws {
        guard let id = planned.boardItemId else { return }
        if case .conflict = planned.action { return }
        switch kind {
        case .handEdit:
            guard case .update(let changes, let overwritten) = planned.action else { return }
            let sent = Dictionary(changes.map { ($0.field, $0.new) }, uniquingKeysWith: { first, _ in first })
            let fields = overwritten.map { change in
                ConflictRecord.Field(
                    name: change.field.rawValue, base: Self.text(change.old), board: Self.text(sent[change.field]),
                    plane: Self.text(change.new))
            }
            try await report(.handEdit, planned, fields: fields, boardUpdatedAt: boardUpdatedAt, now: now)
        case .planeDeleted:
            guard case .recreate(let previous, _) = planned.action else { return }
            try await report(
                .planeDeleted, planned,
                message: "Board item \(id): its Plane item \(previous) "
                    + "was deleted by hand and was created again from the board (now \(planned.planeItemId ?? "?")). "
                    + "To stop mirroring it instead, run `boardsync unlink` for it and delete the new item.",
                boardUpdatedAt: boardUpdatedAt, now: now)
        case .unmappableValue, .cannotMirror:
            if case .skip(.itemProblem(let problem)) = planned.action {
                try await report(
                    Self.kind(kind), planned, fields: Self.fields(problem), boardUpdatedAt: boardUpdatedAt, now: now)
                return
            }
            let unmappable = planned.notes.filter(\.isUnmappableValue)
            guard !unmappable.isEmpty else { return }
            try await report(
                .unmappableValue, planned, message: unmappable.map { $0.message(for: id) }.joined(separator: " "),
                fields: unmappable.compactMap(Self.field), boardUpdatedAt: boardUpdatedAt, now: now)
        case .orphan:
            try await report(.orphan, planned, boardUpdatedAt: boardUpdatedAt, now: now)
        case .bothChanged, .archived, .duplicates, .failing:
            // Conflicts are reported before their link; `failing` after a failed write.
            return
        }
    }

    /// The board value an item problem is about, when it is one.
    static func fields(_ problem: ItemProblem) -> [ConflictRecord.Field] {
        switch problem {
        case .unknownStatus(let status), .mappedStateMissing(let status, _):
            [ConflictRecord.Field(name: "state", base: nil, board: status, plane: nil)]
        default: []
        }
    }

    /// The work item's page in Plane's web app.
    func planeURL(project: String?, item: String?) -> String? {
        guard let project, let item else { return nil }
        return integration.webRoot.appendingPathComponent(integration.workspaceSlug).appendingPathComponent("projects")
            .appendingPathComponent(project).appendingPathComponent("issues").appendingPathComponent(item)
            .absoluteString
    }

    func defaultPolicy(_ kind: ConflictRecord.Kind) -> String? {
        switch kind {
        case .handEdit, .bothChanged: integration.configuration.policy.remoteEdits.rawValue
        case .duplicates, .orphan: "deletes: \(integration.configuration.policy.deletes.rawValue)"
        case .planeDeleted: "recreate from the board"
        case .archived: "not recreated"
        case .failing: "retried with backoff"
        case .unmappableValue: "synced without the value"
        case .cannotMirror: "not mirrored"
        }
    }

    static func kind(_ kind: Conflict.Kind) -> ConflictRecord.Kind { Self.kind(ReportKind(kind)) }

    /// SyncCore's report kind as the report model spells it (the same raw value).
    static func kind(_ kind: ReportKind) -> ConflictRecord.Kind {
        ConflictRecord.Kind(rawValue: kind.rawValue) ?? .cannotMirror
    }

    static func field(_ field: Conflict.Field) -> ConflictRecord.Field {
        ConflictRecord.Field(
            name: field.field.rawValue, base: text(field.base), board: text(field.board), plane: text(field.plane))
    }

    /// The field a note is about, with the board's value Plane does not take.
    static func field(_ note: PayloadNote) -> ConflictRecord.Field? {
        switch note {
        case .unknownAssignee(let email), .guestAssignee(let email), .inactiveAssignee(let email):
            ConflictRecord.Field(name: "assignees", base: nil, board: email, plane: nil)
        case .unmappedPriority(let priority):
            ConflictRecord.Field(name: "priority", base: nil, board: priority, plane: "none")
        case .labelToCreate, .recreatedAfterHandDelete: nil
        }
    }

    static func text(_ value: FieldValue?) -> String? {
        switch value {
        case nil, .null?: nil
        case .string(let text)?: text
        case .list(let items)?: items.joined(separator: ", ")
        }
    }
}
