/// A plain-text table with aligned columns: each column as wide as its widest cell, up to a
/// cap; longer cells cut with `…`. Widths count terminal columns (see ``DisplayWidth``).
struct TextTable {
    struct Column {
        var title: String
        var maxWidth: Int
    }

    var columns: [Column]
    var rows: [[String]] = []

    func render() -> String {
        let cells = rows.map { row in
            columns.indices.map { index in
                let value = index < row.count ? TerminalText.line(row[index]) : ""
                return DisplayWidth.truncate(value, to: columns[index].maxWidth)
            }
        }
        let widths = columns.indices.map { index in
            ([columns[index].title] + cells.map { $0[index] }).map(DisplayWidth.of).max() ?? 0
        }
        func line(_ values: [String]) -> String {
            let padded = values.enumerated().map { index, value in
                index == values.count - 1 ? value : DisplayWidth.pad(value, to: widths[index])
            }
            return padded.joined(separator: "  ").trimmingTrailingSpaces()
        }
        let header = line(columns.map(\.title))
        let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")
        return ([header, rule] + cells.map(line)).joined(separator: "\n")
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = Substring(self)
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}
