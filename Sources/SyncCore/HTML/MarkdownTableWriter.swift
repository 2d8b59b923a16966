/// A GFM pipe table from `<table>`: the first row is the header, `|` in cells escaped (in code spans
/// too: GFM splits cells first), breaks as raw `<br>`, short rows padded.
enum MarkdownTableWriter {
    static func table(_ node: HTMLNode) -> String {
        let rows = collectRows(node).map { row in
            cells(of: row).map { cell -> String in
                guard case .element(_, _, let children) = cell else { return "" }
                return MarkdownInlineWriter.tableCell.write(children)
            }
        }
        guard let header = rows.first else { return "" }
        let width = max(1, rows.map(\.count).max() ?? 1)
        func line(_ cells: [String]) -> String {
            let padded = cells + Array(repeating: "", count: width - cells.count)
            return "| " + padded.map { $0.isEmpty ? " " : $0 }.joined(separator: " | ") + " |"
        }
        let separator = "| " + Array(repeating: "---", count: width).joined(separator: " | ") + " |"
        return ([line(header), separator] + rows.dropFirst().map(line)).joined(separator: "\n")
    }

    /// Rows in document order, through `thead`, `tbody`, `tfoot` and stray nesting.
    private static func collectRows(_ node: HTMLNode) -> [HTMLNode] {
        guard case .element(_, _, let children) = node else { return [] }
        var rows: [HTMLNode] = []
        for child in children {
            guard case .element(let name, _, _) = child else { continue }
            if name == "tr" {
                rows.append(child)
                rows += collectRows(child)
            } else if name != "td", name != "th" {
                rows += collectRows(child)
            }
        }
        return rows
    }

    private static func cells(of row: HTMLNode) -> [HTMLNode] {
        guard case .element(_, _, let children) = row else { return [] }
        return children.filter {
            if case .element(let name, _, _) = $0 { return name == "td" || name == "th" }
            return false
        }
    }
}
