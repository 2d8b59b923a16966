/// Conflict reports for a terminal: `conflicts list` as an aligned table, `conflicts show ID`
/// as a detailed view with every field's base, board and Plane value. Values are cleaned of
/// control characters (``TerminalText``); long table cells are cut with `…`.
public struct ConflictTextRenderer: Sendable {
    /// The widest a title cell may be, in terminal columns.
    public var titleWidth: Int
    /// The widest a value line may be in the detailed view before it is cut (0: never cut).
    public var valueWidth: Int

    public init(titleWidth: Int = 36, valueWidth: Int = 0) {
        self.titleWidth = titleWidth
        self.valueWidth = valueWidth
    }

    /// The `conflicts list` table, one row per record, in the order given.
    public func list(_ records: [ConflictRecord]) -> String {
        guard !records.isEmpty else { return "No conflicts." }
        var table = TextTable(columns: [
            .init(title: "ID", maxWidth: 24), .init(title: "KIND", maxWidth: 16), .init(title: "STATUS", maxWidth: 10),
            .init(title: "BOARD ITEM", maxWidth: 26), .init(title: "TITLE", maxWidth: titleWidth),
            .init(title: "FIELDS", maxWidth: 44), .init(title: "UPDATED", maxWidth: 20),
        ])
        table.rows = records.map { record in
            [
                record.id, record.kind.label, record.status.rawValue, record.boardItemId,
                record.boardItemTitle ?? "—", record.changedFieldNames.joined(separator: ", "),
                ReportTime.string(record.updatedAt),
            ]
        }
        let pending = records.filter { $0.status == .pending }.count
        return table.render() + "\n\n\(records.count) conflict\(records.count == 1 ? "" : "s"), \(pending) pending"
    }

    /// The `conflicts show ID` view.
    public func detail(_ record: ConflictRecord) -> String {
        var lines = [
            "Conflict \(TerminalText.line(record.id))  [\(record.kind.label), \(record.status.rawValue)]",
            "",
        ]
        let facts: [(String, String?)] = [
            ("Board item", record.boardItemId), ("Title", record.boardItemTitle),
            ("Plane item", record.planeItemId), ("Plane URL", record.planeURL),
            ("Integration", record.integrationId), ("Policy", record.policy),
            ("Created", ReportTime.string(record.createdAt)), ("Updated", ReportTime.string(record.updatedAt)),
            ("Resolved", record.resolvedAt.map { ReportTime.string($0) }),
            ("Plane edit", record.planeEditSummary),
        ]
        for (label, value) in facts {
            lines.append(DisplayWidth.pad(label + ":", to: 13) + TerminalText.line(value ?? "—"))
        }
        lines.append("")
        lines.append("What happened")
        lines += TerminalText.lines(record.message).map { "  " + $0 }
        guard !record.fields.isEmpty else { return lines.joined(separator: "\n") }
        lines.append("")
        lines.append("Fields (\(record.fields.count))")
        for field in record.fields {
            lines.append("")
            lines.append("  " + TerminalText.line(field.name) + (field.differs ? "" : "  (unchanged)"))
            for (label, value) in [("base", field.base), ("board", field.board), ("plane", field.plane)] {
                lines += valueLines(label, value)
            }
        }
        return lines.joined(separator: "\n")
    }

    private func valueLines(_ label: String, _ value: String?) -> [String] {
        let prefix = "    " + DisplayWidth.pad(label, to: 6) + "│ "
        guard let value else { return [prefix + "(none)"] }
        let body = TerminalText.lines(value)
        return body.enumerated().map { index, line in
            let cut = valueWidth > 0 ? DisplayWidth.truncate(line, to: valueWidth) : line
            return (index == 0 ? prefix : "    " + String(repeating: " ", count: 6) + "│ ") + cut
        }
    }
}

extension ConflictRecord {
    /// Names of the fields whose values differ, in order.
    var changedFieldNames: [String] { fields.filter(\.differs).map(\.name) }

    /// "maria@example.com at 2026-11-25 14:03 UTC", or nil when nothing is known.
    var planeEditSummary: String? {
        switch (planeEditedBy, planeEditedAt) {
        case (nil, nil): return nil
        case (let who?, nil): return who
        case (nil, let when?): return "at " + ReportTime.string(when)
        case (let who?, let when?): return who + " at " + ReportTime.string(when)
        }
    }
}
