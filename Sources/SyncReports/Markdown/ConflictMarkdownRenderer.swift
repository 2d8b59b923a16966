import Essentials

/// Conflict reports as Markdown: a table for the list, a section per conflict for details.
///
/// Table cells escape `|`, Markdown punctuation and `<`/`&` (so a value cannot turn into a link,
/// an image or HTML), and line breaks become `<br>`. Detail values go in fenced code blocks,
/// fenced longer than any backtick run inside, so nothing in them is interpreted.
public struct ConflictMarkdownRenderer: Sendable {
    public init() {}

    /// The `conflicts list --markdown` table.
    public func list(_ records: [ConflictRecord]) -> String {
        guard !records.isEmpty else { return "No conflicts." }
        var lines = [
            "| ID | Kind | Status | Board item | Title | Fields | Updated |",
            "| --- | --- | --- | --- | --- | --- | --- |",
        ]
        for record in records {
            let cells = [
                record.id, record.kind.label, record.status.rawValue, record.boardItemId,
                record.boardItemTitle ?? "—", record.changedFieldNames.joined(separator: ", "),
                ReportTime.string(record.updatedAt),
            ]
            lines.append("| " + cells.map(Self.cell).joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }

    /// One section per record (`conflicts show ID --markdown`, or every record one after another).
    public func detail(_ record: ConflictRecord) -> String {
        var out = [
            "## Conflict \(Self.cell(record.id)): \(Self.cell(record.boardItemTitle ?? record.boardItemId))", "",
        ]
        let facts: [(String, String?)] = [
            ("Kind", record.kind.label), ("Status", record.status.rawValue), ("Board item", record.boardItemId),
            ("Plane item", record.planeItemId), ("Plane URL", record.planeURL), ("Integration", record.integrationId),
            ("Policy", record.policy), ("Created", ReportTime.string(record.createdAt)),
            ("Updated", ReportTime.string(record.updatedAt)),
            ("Resolved", record.resolvedAt.map { ReportTime.string($0) }), ("Plane edit", record.planeEditSummary),
        ]
        out += facts.map { "- **\($0.0):** " + Self.cell($0.1 ?? "—") }
        out += ["", Self.cell(record.message)]
        for field in record.fields {
            out += ["", "### `" + field.name.filter { $0 != "`" && !$0.isNewline } + "`"]
            for (label, value) in [("Base", field.base), ("Board", field.board), ("Plane", field.plane)] {
                out += ["", "\(label):", ""] + Self.codeBlock(value)
            }
        }
        return out.joined(separator: "\n")
    }

    /// Escapes a value for one table cell or one line: Markdown's punctuation with a backslash, then
    /// `& < >` as HTML (so no tag or entity in a value is taken for markup).
    static func cell(_ value: String) -> String {
        TerminalText.lines(value).map { line in
            var out = ""
            for scalar in line.unicodeScalars {
                switch scalar {
                case "\\", "|", "*", "_", "`", "[", "]", "~", "#", "!": out += "\\" + String(scalar)
                default: out.unicodeScalars.append(scalar)
                }
            }
            return HTMLEscaping.angleBrackets.escape(out)
        }.joined(separator: "<br>")
    }

    private static func codeBlock(_ value: String?) -> [String] {
        guard let value else { return ["*(none)*"] }
        var longest = 0
        var run = 0
        for character in value {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        return [fence] + TerminalText.lines(value) + [fence]
    }
}
