import Foundation
import SyncReports

/// Realistic conflicts for the tests and for `docs/conflict-report-example.html`.
enum SampleConflicts {
    static func date(_ text: String) -> Date {
        try! Date(text, strategy: .iso8601)
    }

    static let baseDescription = """
        <div><h2>Export to CSV</h2><p>Admins need to export the board as CSV for the monthly review. \
        The export must include every column shown on the board and respect the current filters.</p>\
        <ul><li>Columns: title, status, priority, assignees</li><li>Dates in the workspace time zone</li></ul>\
        <p>Mirrored from <a href="https://nexus.example/board/nexus/65a1f0c2e4b0a1b2c3d4e5f6" \
        rel="noopener noreferrer">Nexus board</a></p></div>
        """
    static let boardDescription = """
        <div><h2>Export to CSV</h2><p>Admins need to export the board as CSV for the monthly review. \
        The export must include every column shown on the board, respect the current filters and stream \
        large boards instead of loading them in memory.</p>\
        <ul><li>Columns: title, status, priority, assignees, labels</li><li>Dates in the workspace time zone</li>\
        <li>At most 50,000 rows per file</li></ul>\
        <p>Mirrored from <a href="https://nexus.example/board/nexus/65a1f0c2e4b0a1b2c3d4e5f6" \
        rel="noopener noreferrer">Nexus board</a></p></div>
        """
    static let planeDescription = """
        <div><h2>Export to CSV and XLSX</h2><p>Admins need to export the board for the monthly review. \
        The export must include every column shown on the board and respect the current filters.</p>\
        <ul><li>Columns: title, status, priority, assignees</li><li>Dates in UTC</li></ul>\
        <p>Mirrored from <a href="https://nexus.example/board/nexus/65a1f0c2e4b0a1b2c3d4e5f6" \
        rel="noopener noreferrer">Nexus board</a></p></div>
        """

    static let records: [ConflictRecord] = [
        ConflictRecord(
            id: "cf-1042", integrationId: "plane-acme", kind: .bothChanged, boardItemId: "65a1f0c2e4b0a1b2c3d4e5f6",
            boardItemTitle: "Export the board to CSV", planeItemId: "8f14e45f-ceea-4e7a-9f5b-1c2d3e4f5a6b",
            planeURL: "https://plane.acme.example/acme/projects/5977fa62/issues/8f14e45f-ceea-4e7a-9f5b-1c2d3e4f5a6b",
            policy: "hold", createdAt: date("2026-11-25T09:12:00Z"), updatedAt: date("2026-11-25T09:12:00Z"),
            planeEditedBy: "Maria Keller", planeEditedAt: date("2026-11-25T08:57:31Z"),
            message: """
                Both the board and Plane changed since the last sync. Nothing was written. \
                Resolve with `boardsync conflicts resolve cf-1042 --keep-board` or `--take-plane`.
                """,
            fields: [
                .init(
                    name: "name", base: "Export the board to CSV", board: "Export the board to CSV",
                    plane: "Export the board to CSV and XLSX"),
                .init(
                    name: "description_html", base: baseDescription, board: boardDescription, plane: planeDescription),
                .init(name: "priority", base: "medium", board: "high", plane: "urgent"),
                .init(
                    name: "labels", base: "backend, export", board: "backend, export",
                    plane: "backend, export, customer"),
            ]),
        ConflictRecord(
            id: "cf-1043", integrationId: "plane-acme", kind: .handEdit, boardItemId: "task_7781",
            boardItemTitle: "<script>alert(1)</script> Sanitise card titles",
            planeItemId: "0b9c1d2e-3f40-4a5b-8c6d-7e8f9a0b1c2d",
            planeURL: "javascript:alert('pwned')", policy: "hold",
            createdAt: date("2026-11-25T10:03:00Z"), updatedAt: date("2026-11-25T10:05:00Z"),
            planeEditedBy: "Tom O'Neil <tom@acme.example>", planeEditedAt: date("2026-11-25T10:01:12Z"),
            message:
                "Plane was edited by hand and the policy is hold: the board value was not re-applied.\nDecide which to keep.",
            fields: [
                .init(name: "state", base: "In Progress", board: "In Progress", plane: "Done"),
                .init(
                    name: "target_date", base: "2026-12-01", board: "2026-12-01",
                    plane: "2026-12-15 | \"moved\" & <b>late</b>"),
            ]),
        ConflictRecord(
            id: "cf-1031", integrationId: "plane-acme", kind: .planeDeleted, status: .resolved,
            boardItemId: "65a1f0c2e4b0a1b2c3d4e5f7", boardItemTitle: "Onboarding checklist for new admins 👩‍💻",
            planeItemId: "d3b07384-d113-4ec4-9a5b-2f6e1c0d9b8a", policy: "delete",
            createdAt: date("2026-11-24T16:40:00Z"), updatedAt: date("2026-11-24T17:02:00Z"),
            resolvedAt: date("2026-11-24T17:02:00Z"),
            message: "The Plane item was deleted by hand; it was recreated from the board (the board is authoritative)."
        ),
        ConflictRecord(
            id: "cf-1044", integrationId: "plane-beta", kind: .duplicates, boardItemId: "task_9001",
            boardItemTitle: "Rate limit dashboard", planeItemId: "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d",
            planeURL: "https://plane.beta.example/beta/projects/77/issues/5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d",
            policy: "keep", createdAt: date("2026-11-25T11:20:00Z"), updatedAt: date("2026-11-25T11:20:00Z"),
            message: """
                Plane holds 3 items with external id task_9001 (oldest kept: 5a6b7c8d). \
                The policy is keep, so none was deleted: delete the extra items in Plane, then run sync.
                """),
        ConflictRecord(
            id: "cf-1045", integrationId: "plane-acme", kind: .unmappableValue, status: .superseded,
            boardItemId: "task_1200", boardItemTitle: "Migrate | pipes \\ and\nnewlines\u{1B}[31m in titles",
            createdAt: date("2026-11-23T08:00:00Z"), updatedAt: date("2026-11-25T07:45:00Z"),
            message: "Status \"Blocked\" has no Plane state in mapping.status; add one or map it to an existing state.",
            fields: [.init(name: "state", base: nil, board: "Blocked", plane: nil)]),
    ]
}
