/// Writes inline HTML (text, emphasis, code, links, images, breaks) as Markdown Ink reads back.
///
/// Unknown elements are transparent: their text is kept. A block element met inside an inline
/// context (Plane's editor puts `<p>` in list items and cells) is written inline, separated by a break.
struct MarkdownInlineWriter {
    /// What `<br>` becomes: `\` + newline in a paragraph, raw `<br>` in list items and headings
    /// (where Ink does not break on `\`), a space in table cells (where Ink breaks the table).
    var lineBreak: String

    static let paragraph = MarkdownInlineWriter(lineBreak: "\\\n")
    static let singleLine = MarkdownInlineWriter(lineBreak: "<br>")
    static let tableCell = MarkdownInlineWriter(lineBreak: " ")

    private static let blockNames: Set<String> = [
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "ul", "ol", "li", "table", "tr",
    ]

    /// The Markdown for `nodes`, trimmed, with line starts escaped.
    func write(_ nodes: [HTMLNode]) -> String {
        var raw = inline(nodes).trimmingWhitespace()
        // Escaped text never ends in a lone `\`: one left there is a break into nothing.
        if raw.hasSuffix("\\") { raw = String(raw.dropLast()).trimmingWhitespace() }
        let lines = raw.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.map { MarkdownEscaper.escapeLineStart(String($0)) }.joined(separator: "\n")
    }

    private func inline(_ nodes: [HTMLNode]) -> String {
        var out = ""
        for node in nodes {
            let piece = inline(node)
            if isBlock(node), !out.isEmpty, !piece.isEmpty, !out.hasSuffix(lineBreak) {
                out = out.trimmingTrailingWhitespace() + lineBreak
                out += piece.trimmingWhitespace()
            } else {
                out += piece
            }
        }
        return out
    }

    private func isBlock(_ node: HTMLNode) -> Bool {
        if case .element(let name, _, _) = node { return Self.blockNames.contains(name) }
        return false
    }

    private func inline(_ node: HTMLNode) -> String {
        switch node {
        case .text(let text):
            return MarkdownEscaper.escapeInline(text)
        case .element(let name, _, let children):
            switch name {
            case "strong", "b": return wrap(inline(children), "**")
            case "em", "i": return wrap(inline(children), "*")
            case "s", "del", "strike": return wrap(inline(children), "~~")
            case "code":
                let code = node.textContent
                return code.isEmpty ? "" : MarkdownEscaper.inlineCode(code)
            case "br": return lineBreak
            case "a":
                let label = inline(children)
                guard let href = node.attribute("href"), !href.isEmpty else { return label }
                return "[" + label + "](" + MarkdownEscaper.destination(href) + ")"
            case "img":
                guard let src = node.attribute("src"), !src.isEmpty else { return "" }
                let alt = MarkdownEscaper.escapeInline(node.attribute("alt") ?? "")
                return "![" + alt + "](" + MarkdownEscaper.destination(src) + ")"
            case "pre":
                return MarkdownEscaper.inlineCode(node.textContent.trimmingWhitespace())
            case "hr": return ""
            default:
                return inline(children)
            }
        }
    }

    /// `**x**`, keeping spaces at the edges outside the markers (Ink would not close `**x **`).
    private func wrap(_ inner: String, _ marker: String) -> String {
        let core = inner.trimmingWhitespace()
        guard !core.isEmpty else { return inner }
        let leading = inner.prefix(while: { $0 == " " })
        let trailing = String(inner.reversed().prefix(while: { $0 == " " }))
        return leading + marker + core + marker + trailing
    }
}

extension String {
    func trimmingWhitespace() -> String {
        trimmingLeadingWhitespace().trimmingTrailingWhitespace()
    }

    func trimmingLeadingWhitespace() -> String {
        String(drop(while: { $0 == " " || $0 == "\t" || $0 == "\n" }))
    }

    func trimmingTrailingWhitespace() -> String {
        var text = Substring(self)
        while let last = text.last, last == " " || last == "\t" || last == "\n" { text = text.dropLast() }
        return String(text)
    }
}
