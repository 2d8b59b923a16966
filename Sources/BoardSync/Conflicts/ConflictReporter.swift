import Foundation
import SyncCore
import SyncReports

/// Turns the plan's conflicts into `approvals` documents an admin can list, read and resolve.
struct ConflictReporter: Sendable {
    let store: ApprovalStore
    let integration: Integration

    func report(_ planned: PlannedAction, now: Date) async throws {
        guard case .conflict(let conflict) = planned.action, let id = planned.boardItemId else { return }
        let record = ConflictRecord(
            id: "", integrationId: integration.id, kind: Self.kind(conflict.kind), boardItemId: id.externalId,
            boardItemTitle: planned.payload?.values.name, planeItemId: planned.planeItemId,
            planeURL: planeURL(project: planned.planeProjectId, item: planned.planeItemId),
            policy: conflict.kind == .duplicates
                ? integration.configuration.policy.deletes.rawValue
                : integration.configuration.policy.remoteEdits.rawValue,
            createdAt: now, updatedAt: now, planeEditedBy: conflict.planeUpdatedBy,
            planeEditedAt: conflict.planeUpdatedAtMicros.map { Date(timeIntervalSince1970: Double($0) / 1_000_000) },
            message: planned.message,
            fields: conflict.fields.map { field in
                ConflictRecord.Field(
                    name: field.field.rawValue, base: Self.text(field.base), board: Self.text(field.board),
                    plane: Self.text(field.plane))
            })
        try await store.report(record, now: now)
    }

    /// The work item's page in Plane's web app.
    func planeURL(project: String?, item: String?) -> String? {
        guard let project, let item else { return nil }
        return integration.baseURL.appendingPathComponent(integration.workspaceSlug).appendingPathComponent("projects")
            .appendingPathComponent(project).appendingPathComponent("issues").appendingPathComponent(item)
            .absoluteString
    }

    static func kind(_ kind: Conflict.Kind) -> ConflictRecord.Kind {
        switch kind {
        case .handEdit: .handEdit
        case .bothChanged: .bothChanged
        case .archived: .archived
        case .duplicates: .duplicates
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
