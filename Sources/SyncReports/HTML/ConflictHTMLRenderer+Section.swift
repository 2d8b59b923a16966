/// One conflict's card: title and badges, facts, message, and the base / board / Plane table.
extension ConflictHTMLRenderer {
    func section(_ record: ConflictRecord, anchor: String) -> String {
        let head = XHTML.element(
            "div", [("class", "conflict-head")],
            XHTML.text("h3", [], record.boardItemTitle ?? record.boardItemId) + Self.kindBadge(record.kind)
                + Self.statusBadge(record.status) + XHTML.text("span", [("class", "conflict-id mono")], record.id))
        let facts: [(String, String)] = [
            ("Board item", XHTML.text("span", [("class", "mono")], record.boardItemId)),
            ("Plane item", XHTML.link(record.planeURL, label: record.planeItemId ?? record.planeURL ?? "—")),
            ("Integration", XHTML.escape(record.integrationId)),
            ("Policy", XHTML.escape(record.policy ?? "—")),
            ("Plane edit", XHTML.escape(record.planeEditSummary ?? "—")),
            ("Created", XHTML.escape(ReportTime.string(record.createdAt))),
            ("Updated", XHTML.escape(ReportTime.string(record.updatedAt))),
            ("Resolved", XHTML.escape(record.resolvedAt.map { ReportTime.string($0) } ?? "—")),
        ]
        let factList = facts.map { label, value in
            XHTML.element("div", [], XHTML.text("dt", [], label) + XHTML.element("dd", [], value))
        }.joined()
        return XHTML.element(
            "section", [("class", "conflict card"), ("id", anchor)],
            head + XHTML.element("dl", [("class", "facts")], factList)
                + XHTML.text("div", [("class", "message")], record.message) + fieldTable(record.fields))
    }

    private func fieldTable(_ fields: [ConflictRecord.Field]) -> String {
        guard !fields.isEmpty else { return XHTML.text("p", [("class", "empty")], "No field values recorded.") }
        let columns =
            XHTML.element("col", [("class", "name")], "")
            + String(repeating: XHTML.element("col", [], ""), count: 3)
        let head = XHTML.element(
            "thead", [],
            XHTML.element("tr", [], ["Field", "Base", "Board", "Plane"].map { XHTML.text("th", [], $0) }.joined()))
        let rows = fields.map { field in
            XHTML.element(
                "tr", [],
                XHTML.text("td", [("class", "name mono")], field.name) + valueCell(field.base, against: nil)
                    + valueCell(field.board, against: field.base, other: field.plane)
                    + valueCell(field.plane, against: field.base, other: field.board))
        }.joined()
        return XHTML.element(
            "table", [("class", "fields")],
            XHTML.element("colgroup", [], columns) + head + XHTML.element("tbody", [], rows))
    }

    /// A value, diffed against the base when there is one; highlighted when it differs.
    private func valueCell(_ value: String?, against base: String?, other: String? = nil) -> String {
        guard let value else {
            return XHTML.element("td", [], XHTML.text("span", [("class", "none")], "none"))
        }
        let changed: Bool
        let content: String
        if let base {
            changed = value != base
            content = changed ? Self.diffMarkup(base, value) : XHTML.escape(value)
        } else {
            changed = other != nil && other != value
            content = XHTML.escape(value)
        }
        return XHTML.element(
            "td", [("class", changed ? "changed" : "same")],
            XHTML.element("div", [("class", "value mono")], content))
    }

    static func diffMarkup(_ old: String, _ new: String) -> String {
        WordDiff.diff(old, new).map { segment in
            switch segment {
            case .same(let text): return XHTML.escape(text)
            case .deleted(let text): return XHTML.text("del", [], text)
            case .inserted(let text): return XHTML.text("ins", [], text)
            }
        }.joined()
    }
}
